"""Reading and writing the spreadsheets staff use: .xlsx, and .csv in UTF-8 or CP949/EUC-KR."""

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from iljari.core.errors import IljariError


class TableError(IljariError):
    """The file cannot be read as a table."""


@dataclass
class Table:
    headers: list[str]
    rows: Iterator[tuple[int, list[Any]]]  # (row number as the user sees it, cells)
    row_count: int
    encoding: str = ""


def _decode(raw: bytes) -> tuple[str, str]:
    """UTF-8 (with or without BOM) first; Korean Excel saves CSV in CP949, a superset of EUC-KR."""
    for encoding in ("utf-8-sig", "cp949"):
        try:
            return raw.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise TableError("파일의 문자 인코딩을 알 수 없습니다. UTF-8 또는 CP949(EUC-KR)로 저장해 주십시오.")


def _read_csv(path: Path) -> Table:
    content, encoding = _decode(path.read_bytes())
    sample = content[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample.splitlines()[0] if sample else ",", delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    records = list(csv.reader(io.StringIO(content), dialect))
    if not records:
        raise TableError("빈 파일입니다.")
    rows = ((i, row) for i, row in enumerate(records[1:], start=2))
    return Table([h.strip() for h in records[0]], rows, len(records) - 1, encoding)


def _read_xlsx(path: Path) -> Table:
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise TableError(f"엑셀 파일을 열 수 없습니다: {exc}") from exc
    sheet = workbook.worksheets[0]
    iterator = sheet.iter_rows(values_only=True)
    try:
        headers = [str(h).strip() if h is not None else "" for h in next(iterator)]
    except StopIteration:
        raise TableError("빈 파일입니다.") from None
    total = max((sheet.max_row or 1) - 1, 0)

    def rows() -> Iterator[tuple[int, list[Any]]]:
        try:
            for i, row in enumerate(iterator, start=2):
                yield i, list(row)
        finally:
            workbook.close()

    return Table(headers, rows(), total, "xlsx")


def table_read(path: Path) -> Table:
    if not path.exists():
        raise TableError(f"파일이 없습니다: {path}")
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return _read_xlsx(path)
    if suffix in (".csv", ".txt", ".tsv"):
        return _read_csv(path)
    raise TableError("xlsx 또는 csv 파일만 가져올 수 있습니다.")


_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def table_write(
    path: Path,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    sheet_title: str = "Sheet1",
    notes: Sequence[str] = (),
) -> None:
    """Write an .xlsx (bold frozen header, sized columns) or a UTF-8 CSV with BOM for Excel."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() == ".csv":
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(headers)
            writer.writerows(rows)
        return
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title)
    widths = [max(10, min(40, len(h) * 2 + 4)) for h in headers]
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = "A2"
    header_cells = []
    for h in headers:
        cell = WriteOnlyCell(sheet, value=h)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(horizontal="center")
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        sheet.append(list(row))
    if notes:
        guide = workbook.create_sheet("작성 안내")
        for line in notes:
            guide.append([line])
    workbook.save(path)
