"""Personal fields are encrypted at rest with a key kept outside the database."""

import stat
from pathlib import Path

import pytest
from django.db import connection

from iljari.privacy import crypto
from iljari.seekers.models import Seeker
from iljari.seekers.services import phone_hash

pytestmark = pytest.mark.postgres


def _raw_row(seeker_id: int) -> tuple:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, phone, birth_date, address FROM seekers_seeker WHERE id = %s", [seeker_id])
        return cursor.fetchone()


def test_names_phones_and_birth_dates_are_unreadable_in_the_database(make_seeker):
    seeker = make_seeker(name="김안산", phone="010-9876-5432", address="와동 123")
    raw = _raw_row(seeker.pk)
    assert all(value.startswith("v1:") for value in raw)
    joined = " ".join(raw)
    assert "김안산" not in joined and "9876" not in joined and "1980" not in joined
    fresh = Seeker.objects.get(pk=seeker.pk)
    assert (fresh.name, fresh.phone, fresh.address) == ("김안산", "010-9876-5432", "와동 123")


def test_the_same_value_encrypts_differently_each_time():
    assert crypto.encrypt("홍길동") != crypto.encrypt("홍길동")


def test_a_seeker_is_found_by_exact_phone_through_the_keyed_hash(make_seeker):
    seeker = make_seeker(phone="010-2222-3333")
    assert Seeker.objects.get(phone_hash=phone_hash("01022223333")) == seeker


def test_encrypted_columns_refuse_comparisons_that_cannot_work(make_seeker):
    make_seeker()
    with pytest.raises(Exception, match="Unsupported lookup"):
        list(Seeker.objects.filter(name__contains="홍"))


def test_key_file_is_created_private_and_never_overwritten(tmp_path: Path):
    key = tmp_path / "iljari.key"
    assert crypto.create_key_file(key)
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    before = key.read_text()
    assert not crypto.create_key_file(key)
    assert key.read_text() == before


def test_a_missing_key_gives_a_clear_korean_error(settings, tmp_path):
    settings.ILJARI_KEY_FILE = tmp_path / "missing.key"
    crypto.reset_keys()
    try:
        with pytest.raises(crypto.PrivacyError, match="iljari init"):
            crypto.encrypt("x")
    finally:
        crypto.reset_keys()
