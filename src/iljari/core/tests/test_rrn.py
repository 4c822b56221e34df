"""주민등록번호 / 외국인등록번호 are found in free text and never stored."""

import pytest
from django.db import connection

from iljari.core.rrn import MASK, contains_rrn, find_rrns, mask_rrns
from iljari.seekers.services import counseling_note_create


@pytest.mark.parametrize(
    "text",
    [
        "주민번호 900101-1234567 입니다",
        "9001011234567",
        "900101 1234567",
        "900101 - 2234567",
        "０５０３１５－３２３４５６７",  # full-width digits, born 2005
        "외국인등록번호 880715-5123456",
        "010315-4000000",  # born 2001, the check digit is not required
    ],
)
def test_registration_numbers_are_found(text):
    assert contains_rrn(text)
    assert MASK in mask_rrns(text)
    assert not contains_rrn(mask_rrns(text))


@pytest.mark.parametrize(
    "text",
    [
        "010-1234-5678",  # a mobile number
        "123-45-67890",  # a business number
        "991340-1234567",  # month 13 is no date
        "900230-1234567",  # 30 February
        "300101-3234567",  # born in 2030: in the future
        "계좌 1002-345-678901",
        "12345678901234",  # 14 digits in a row is not a registration number
    ],
)
def test_other_numbers_are_left_alone(text):
    assert find_rrns(text) == []
    assert mask_rrns(text) == text


def test_only_the_number_is_masked_and_the_rest_kept():
    assert mask_rrns("성함 홍길동, 번호 900101-1234567, 연락처 010-1234-5678") == (
        f"성함 홍길동, 번호 {MASK}, 연락처 010-1234-5678"
    )


@pytest.mark.postgres
def test_a_note_with_a_registration_number_is_stored_masked(make_seeker, counselor):
    seeker = make_seeker()
    note = counseling_note_create(
        seeker=seeker, author=counselor, channel="visit", text="본인 확인 900101-1234567 완료. 용접 희망."
    )
    note.refresh_from_db()
    assert note.text == f"본인 확인 {MASK} 완료. 용접 희망."
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM seekers_counselingnote WHERE id = %s", [note.pk])
        raw = cursor.fetchone()[0]
    assert "900101" not in raw and "용접" not in raw  # encrypted as well as masked
