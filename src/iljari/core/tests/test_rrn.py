"""주민등록번호 / 외국인등록번호 are found in free text, whatever is between the halves, and never stored;
dates, phone numbers and other numbers are left alone."""

import pytest
from django.db import connection

from iljari.core.rrn import MASK, contains_rrn, find_rrns, mask_rrns
from iljari.seekers.services import counseling_note_create
from iljari.testing.corpus import NOT_RRNS, RRN_VARIANTS


@pytest.mark.parametrize("text", [v.text for v in RRN_VARIANTS], ids=[v.name for v in RRN_VARIANTS])
def test_every_way_of_writing_a_registration_number_is_found(text):
    assert contains_rrn(text)
    masked = mask_rrns(text)
    assert not contains_rrn(masked)
    assert not any(c.isdecimal() for c in masked)  # every digit of the number is gone
    assert len(masked) <= len(text)  # a column's length limit still holds


@pytest.mark.parametrize("text", NOT_RRNS)
def test_dates_phone_numbers_and_other_numbers_are_left_alone(text):
    assert find_rrns(text) == []
    assert mask_rrns(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "991340-1234567",  # month 13 is no date
        "900230-1234567",  # 30 February
        "300101-3234567",  # born in 2030: in the future
        "900101-9234567",  # a seventh digit of 9 (born in the 1800s) is nobody alive
        "12345678901234",  # 14 digits in a row is not a registration number
    ],
)
def test_numbers_of_the_right_length_that_are_no_birth_date_are_left_alone(text):
    assert find_rrns(text) == []


def test_only_the_number_is_masked_and_the_rest_kept():
    assert mask_rrns("성함 홍길동, 번호 900101-1234567, 연락처 010-1234-5678") == (
        f"성함 홍길동, 번호 {MASK}, 연락처 010-1234-5678"
    )
    assert mask_rrns("번호 900101\u200bㅡ\u200b1234567 끝") == "번호 ******ㅡ******* 끝"


@pytest.mark.postgres
def test_a_note_with_a_registration_number_is_stored_masked(make_seeker, counselor):
    seeker = make_seeker()
    note = counseling_note_create(
        seeker=seeker, author=counselor, channel="visit", text="본인 확인 900101\u00a01234567 완료. 용접 희망."
    )
    note.refresh_from_db()
    assert note.text == "본인 확인 ******\u00a0******* 완료. 용접 희망."
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM seekers_counselingnote WHERE id = %s", [note.pk])
        raw = cursor.fetchone()[0]
    assert "900101" not in raw and "용접" not in raw  # encrypted as well as masked
