"""The one export writer: no formula runs when a sheet is opened, a control character never stops a
file from being written, and files are readable by their owner only."""

import csv
import stat

import pytest
from openpyxl import Workbook, load_workbook

from iljari.core import cells
from iljari.core.spreadsheets import csv_write, metric_sheet, sheet_append, workbook_save

HOSTILE = [
    "=1+2",
    "+1+2",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(A1:A2)",
    "\t=1+2",
    "\r=1+2",
    '  =HYPERLINK("http://x")',
    "#N/A",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_a_csv_value_that_a_spreadsheet_would_run_is_written_as_text_and_reads_back(tmp_path, value):
    path = tmp_path / "out.csv"
    csv_write(path, ["이름"], [[value]])
    with path.open(encoding="utf-8-sig", newline="") as fh:
        written = list(csv.reader(fh))[1][0]
    assert written[0] not in "=+-@\t\r" or written == value == "#N/A"
    assert cells.text(written) == value.strip()


def test_xlsx_text_is_never_a_formula_and_control_characters_do_not_stop_the_file(tmp_path):
    book = Workbook()
    sheet_append(book.active, [*HOSTILE, "제어\u000b문자", "널\x00문자", 42])
    path = tmp_path / "out.xlsx"
    workbook_save(book, path)
    cells_read = [c for c in next(load_workbook(path).active.iter_rows())]
    assert [c.data_type for c in cells_read[: len(HOSTILE)]] == ["s"] * len(HOSTILE)
    assert [c.value for c in cells_read][: len(HOSTILE)] == [v.replace("\r", "\n") for v in HOSTILE]  # XML line ends
    assert [c.value for c in cells_read][len(HOSTILE) :] == ["제어문자", "널문자", 42]


def test_report_sheets_go_through_the_same_writer(tmp_path):
    book = Workbook()
    metric_sheet(book, "동별", "행정동", [("=cmd|'/C calc'!A0", {"n": 1})], {"n": 1}, [("n", "건수")])
    path = tmp_path / "report.xlsx"
    workbook_save(book, path)
    cell = load_workbook(path)["동별"]["A2"]
    assert cell.data_type == "s" and cell.value == "=cmd|'/C calc'!A0"


def test_files_are_written_for_their_owner_only_and_nothing_is_left_beside_them(tmp_path):
    csv_write(tmp_path / "a.csv", ["h"], [["v"]])
    workbook_save(Workbook(), tmp_path / "b.xlsx")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv", "b.xlsx"]
    for p in tmp_path.iterdir():
        assert stat.S_IMODE(p.stat().st_mode) == 0o600
