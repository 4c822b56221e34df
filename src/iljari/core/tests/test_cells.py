"""Cells typed the way staff type them are understood, and the rest explained."""

from datetime import date, time

import pytest

from iljari.core import cells
from iljari.core.cells import CellError


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("08:30", time(8, 30)),
        ("8시", time(8)),
        ("8시 30분", time(8, 30)),
        ("오후 2시", time(14)),
        ("17:00", time(17)),
        ("24:00", time(0)),
    ],
)
def test_times(typed, expected):
    assert cells.parse_time(typed) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2,500,000", 2_500_000),
        ("250만", 2_500_000),
        ("250만원", 2_500_000),
        ("₩ 10,320", 10_320),
        (2500000, 2_500_000),
        ("1.5만", 15_000),
    ],
)
def test_amounts(typed, expected):
    assert cells.parse_won(typed) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("1985-03-21", date(1985, 3, 21)),
        ("1985.3.21", date(1985, 3, 21)),
        ("19850321", date(1985, 3, 21)),
        ("1985년 3월 21일", date(1985, 3, 21)),
    ],
)
def test_dates(typed, expected):
    assert cells.parse_date(typed) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("01012345678", "010-1234-5678"),
        ("010 1234 5678", "010-1234-5678"),
        (1012345678, "010-1234-5678"),
    ],
)
def test_mobile_numbers(typed, expected):
    assert cells.parse_mobile(typed) == expected


@pytest.mark.parametrize(
    "parse, typed",
    [
        (cells.parse_time, "25:00"),
        (cells.parse_won, "많이"),
        (cells.parse_date, "21/03/1985"),
        (cells.parse_mobile, "02-123-4567"),
        (cells.parse_korean_level, "보통"),
        (cells.parse_bool, "글쎄"),
    ],
)
def test_unusable_cells_say_what_is_expected(parse, typed):
    with pytest.raises(CellError):
        parse(typed)


def test_korean_levels_from_words_and_topik_grades():
    assert [cells.parse_korean_level(v) for v in ["모국어", "상", "TOPIK 5급", "3급", "하", "못함"]] == [
        4,
        3,
        3,
        2,
        1,
        0,
    ]


def test_visa_codes_are_read_from_how_they_are_written():
    assert [cells.parse_visa_code(v) for v in ["E-9", "e9", "비전문취업(E-9)", "F 6"]] == ["E-9", "E-9", "E-9", "F-6"]


def test_control_characters_are_dropped_from_a_cell_and_line_breaks_kept():
    assert cells.text("제어\u000b문자\x00") == "제어문자"
    assert cells.text("첫 줄\n둘째 줄") == "첫 줄\n둘째 줄"


@pytest.mark.parametrize("value", ["9" * 40, "9" * 5000, "1e400", 1e400, float("nan"), 2**70, "99999999999만"])
def test_an_amount_beyond_any_wage_is_a_clear_error(value):
    with pytest.raises(cells.CellError, match="금액"):
        cells.parse_won(value)


def test_a_count_with_thousands_of_digits_is_a_clear_error():
    with pytest.raises(cells.CellError, match="사이의 숫자"):
        cells.parse_int("9" * 5000)
    assert cells.parse_int("0000045", maximum=100_000) == 45
