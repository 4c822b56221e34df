"""Workbook sheets in the form the center hands out: a summary sheet, then one sheet per breakdown
with Korean headers, number formats and a total row. Reports, events and discovery all use these."""

from collections.abc import Collection

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

HEADER = PatternFill("solid", fgColor="DDEBF7")
TOTAL = PatternFill("solid", fgColor="F2F2F2")
THIN = Side(style="thin", color="BFBFBF")


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
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font, cell.fill = Font(bold=True), HEADER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for key, row in rows:
        sheet.append([key] + [row.get(name, 0) for name, _ in metrics])
    sheet.append(["합계"] + [total.get(name, 0) for name, _ in metrics])
    for cell in sheet[sheet.max_row]:
        cell.font, cell.fill = Font(bold=True), TOTAL
    for col, (name, _) in enumerate(metrics, start=2):
        for row in sheet.iter_rows(min_row=2, min_col=col, max_col=col):
            row[0].number_format = "0.0" if name in percent else "#,##0"
    for row in sheet.iter_rows():
        for cell in row:
            cell.border = Border(top=THIN, bottom=THIN, left=THIN, right=THIN)
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
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=14)
    for line in lines:
        sheet.append([line])
    sheet.append([])
    sheet.append(["항목", "값"])
    for cell in sheet[sheet.max_row]:
        cell.font, cell.fill = Font(bold=True), HEADER
    for label, value, number_format in rows:
        sheet.append([label, value])
        sheet.cell(sheet.max_row, 2).number_format = number_format
    sheet.column_dimensions["A"].width = 26
    sheet.column_dimensions["B"].width = 14
