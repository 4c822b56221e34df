"""The upload guard refuses a file by its size, its zip directory and its rows before anything parses
it, and the readers stop at the same row limit when a file understates its size."""

import time

import pytest

from iljari.testing.corpus import (
    big_sheet_declared,
    csv_text,
    many_parts_bomb,
    seeker_rows,
    shared_strings_bomb,
    xlsx_bytes,
)
from iljari.transfer.guard import UploadLimits, UploadRefused, upload_check
from iljari.transfer.tables import table_read


def _file(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    return path


@pytest.mark.parametrize(
    ("name", "content", "limits", "reason"),
    [
        ("big.csv", b"a,b\n" * 1000, UploadLimits(max_bytes=1000), "파일이 너무 큽니다"),
        ("bomb.xlsx", shared_strings_bomb(32), UploadLimits(), "압축을 풀면"),
        ("total.xlsx", xlsx_bytes(seeker_rows(50)), UploadLimits(max_uncompressed=10_000), "압축을 푼 크기"),
        ("parts.xlsx", many_parts_bomb(300), UploadLimits(max_parts=100), "내부 파일이 너무 많습니다"),
        ("rows.xlsx", big_sheet_declared(5_000), UploadLimits(max_rows=1_000), "행이 너무 많습니다"),
        ("rows.csv", csv_text(seeker_rows(30)).encode(), UploadLimits(max_rows=20), "행이 너무 많습니다"),
    ],
)
def test_each_limit_refuses_before_parsing(tmp_path, name, content, limits, reason):
    path = _file(tmp_path, name, content)
    started = time.perf_counter()
    with pytest.raises(UploadRefused, match=reason):
        upload_check(path, limits=limits)
    assert time.perf_counter() - started < 1  # the directory is read, nothing is inflated


def test_a_real_workbook_passes_and_is_known_by_its_content_not_its_name(tmp_path):
    assert upload_check(_file(tmp_path, "plain.xlsx", xlsx_bytes(seeker_rows(5)))) == "xlsx"
    assert upload_check(_file(tmp_path, "renamed.csv", xlsx_bytes(seeker_rows(5)))) == "xlsx"
    assert upload_check(_file(tmp_path, "plain.csv", csv_text(seeker_rows(5)).encode())) == "csv"


def test_a_repetitive_but_honest_sheet_is_not_taken_for_a_bomb(tmp_path):
    """10,000 identical rows compress far better than typical sheets, yet stay under the ratio."""
    path = _file(tmp_path, "same.xlsx", xlsx_bytes([seeker_rows(1)[0]] * 10_000))
    assert upload_check(path, limits=UploadLimits(ratio_floor=64 * 1024)) == "xlsx"


def test_a_sheet_that_understates_its_rows_is_stopped_at_the_limit_while_read(tmp_path):
    path = _file(tmp_path, "lying.xlsx", big_sheet_declared(2, actual=40))
    limits = UploadLimits(max_rows=25)
    assert upload_check(path, limits=limits) == "xlsx"  # it says 2 rows
    table = table_read(path, limits=limits)
    with pytest.raises(UploadRefused, match="행이 너무 많습니다"):
        list(table.rows)
