"""The one export writer, and the workbook sheets in the form the center hands out.

Every xlsx and CSV iljari writes (exports, import templates and error lists, reports, event and
discovery workbooks) goes through ``export_value`` / ``sheet_append`` / ``csv_write`` /
``workbook_save``: control characters are stripped (one of them makes openpyxl refuse the whole
file), no text is ever a formula (in xlsx a text cell stays text; in CSV a value starting with
= + - @, a tab or a carriage return gets a leading apostrophe, which ``cells.text`` removes again on
import), and files are written readable by their owner only (0600), complete or not at all.

Reports, events and discovery build their sheets with ``summary_sheet`` and ``metric_sheet``: a
summary sheet, then one sheet per breakdown with Korean headers, number formats and a total row.
"""

import csv
import io
import os
import tempfile
from collections.abc import Collection, Iterable, Sequence
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from iljari.core.cells import FORMULA_START, without_controls

EXCEL_CELL_LIMIT = 32_767  # characters; Excel cannot hold a longer cell


def export_value(value: Any, *, for_csv: bool = False) -> Any:
    """A value as it may be written to a sheet: text cleaned (and, for CSV, never a formula)."""
    if value is None:
        return ""
    if isinstance(value, bool | int | float | datetime | date | time):
        if for_csv and isinstance(value, date | time):
            return value.isoformat()
        return value
    text = without_controls(str(value))[:EXCEL_CELL_LIMIT]
    if for_csv and text.lstrip(" ").startswith(FORMULA_START):
        text = "'" + text
    return text


def sheet_cell(sheet: Any, value: Any) -> Cell:
    """A cell for ``sheet.append`` (normal or write-only sheets) whose text is always shown as text."""
    cell = Cell(sheet, row=1, column=1, value=export_value(value))  # append sets the real place
    if isinstance(cell.value, str):
        cell.data_type = "s"  # openpyxl would make "=..." a formula and "#N/A" an error
    return cell


def sheet_append(sheet: Any, values: Iterable[Any]) -> None:
    sheet.append([v if isinstance(v, Cell) else sheet_cell(sheet, v) for v in values])


def _write_private(path: Path, write: Any) -> None:
    """Write through a 0600 temporary file beside ``path`` and rename it into place."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)  # mkstemp makes it 0600
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def workbook_save(book: Workbook, path: Path) -> None:
    _write_private(path, book.save)


def private_file_write(path: Path, content: bytes) -> None:
    """Any other export (a printed PDF) written the same way: 0600, complete or not at all."""
    _write_private(path, lambda fh: fh.write(content))


def workbook_bytes(book: Workbook) -> bytes:
    """The workbook as bytes, for a download that leaves no file behind."""
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _csv_to(fh: Any, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    text = io.TextIOWrapper(fh, encoding="utf-8-sig", newline="")
    writer = csv.writer(text)
    writer.writerow([export_value(h, for_csv=True) for h in headers])
    writer.writerows([export_value(v, for_csv=True) for v in row] for row in rows)
    text.flush()
    text.detach()


def csv_write(path: Path, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """A UTF-8 CSV with a BOM (so Excel reads the Korean), every value through ``export_value``."""
    _write_private(path, lambda fh: _csv_to(fh, headers, rows))


def csv_bytes(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """The same CSV as bytes, for a download that leaves no file behind."""
    buffer = io.BytesIO()
    _csv_to(buffer, headers, rows)
    return buffer.getvalue()


HEADER = PatternFill("solid", fgColor="DDEBF7")
TOTAL = PatternFill("solid", fgColor="F2F2F2")
THIN = Side(style="thin", color="BFBFBF")
BOX = Border(top=THIN, bottom=THIN, left=THIN, right=THIN)  # one object: openpyxl compares styles on every set


def metric_sheet(
    book: Workbook,
    title: str,
    first_header: str,
    rows: list[tuple[str, dict]],
    total: dict,
    metrics: list[tuple[str, str]],
    percent: Collection[str] = (),
) -> None:
    """One breakdown: a row per key, a bold total row; metrics named in ``percent`` show one decimal."""
    sheet = book.create_sheet(title[:31])
    headers = [first_header] + [label for _, label in metrics]
    sheet_append(sheet, headers)
    for cell in sheet[1]:
        cell.font, cell.fill = Font(bold=True), HEADER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for key, row in rows:
        sheet_append(sheet, [key] + [row.get(name, 0) for name, _ in metrics])
    sheet_append(sheet, ["합계"] + [total.get(name, 0) for name, _ in metrics])
    for cell in sheet[sheet.max_row]:
        cell.font, cell.fill = Font(bold=True), TOTAL
    for col, (name, _) in enumerate(metrics, start=2):
        for row in sheet.iter_rows(min_row=2, min_col=col, max_col=col):
            row[0].number_format = "0.0" if name in percent else "#,##0"
    for row in sheet.iter_rows():
        for cell in row:
            cell.border = BOX
    sheet.column_dimensions["A"].width = 28
    for col in range(2, len(headers) + 1):
        sheet.column_dimensions[get_column_letter(col)].width = 12
    sheet.row_dimensions[1].height = 36
    sheet.freeze_panes = "B2"


def summary_sheet(book: Workbook, title: str, lines: list[str], rows: list[tuple[str, object, str]]) -> None:
    """The first sheet ("요약"): a bold title, a line or two about the period, then label/value rows
    with their number formats — the same in every workbook the center hands out."""
    sheet = book.active
    sheet.title = "요약"
    sheet_append(sheet, [title])
    sheet["A1"].font = Font(bold=True, size=14)
    for line in lines:
        sheet_append(sheet, [line])
    sheet.append([])
    sheet_append(sheet, ["항목", "값"])
    for cell in sheet[sheet.max_row]:
        cell.font, cell.fill = Font(bold=True), HEADER
    for label, value, number_format in rows:
        sheet_append(sheet, [label, value])
        sheet.cell(sheet.max_row, 2).number_format = number_format
    sheet.column_dimensions["A"].width = 26
    sheet.column_dimensions["B"].width = 14
