"""Reading and writing the spreadsheets staff use: .xlsx, and .csv in UTF-8, UTF-16 or CP949/EUC-KR.

A file is read as what it is (a renamed file still reads) and only after ``guard.upload_check``
has passed it; writing goes through the one export writer in ``core.spreadsheets``.
"""

import codecs
import csv
import io
import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from iljari.core.errors import IljariError
from iljari.core.spreadsheets import csv_write, sheet_append, sheet_cell, workbook_save
from iljari.transfer.guard import LIMITS, UploadLimits, file_kind, too_many_rows

log = logging.getLogger(__name__)

# A CSV cell longer than this is a damaged or hostile file, not a record (Excel's own limit).
CSV_FIELD_LIMIT = 32_767


class TableError(IljariError):
    """The file cannot be read as a table."""


@dataclass
class Table:
    headers: list[str]
    rows: Iterator[tuple[int, list[Any]]]  # (row number as the user sees it, cells)
    row_count: int
    encoding: str = ""


_BOMS = [(codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")]


def _utf16_without_bom(raw: bytes) -> str | None:
    """Excel's "유니코드 텍스트" without its BOM: every other byte of Latin text is zero."""
    sample = raw[:4096]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if max(even, odd) < len(sample) // 4:
        return None
    return "utf-16-be" if even > odd else "utf-16-le"


def _looks_binary(text: str) -> bool:
    """Many NULs or other control characters: a program's file, not a table (one stray one is not)."""
    sample = text[:4096]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\t\r\n")
    return controls > max(4, len(sample) // 20)


NOT_A_TABLE = "표(엑셀 xlsx 또는 CSV) 파일이 아닙니다. 엑셀에서 xlsx나 CSV로 저장해 올려 주십시오."


def _decode(raw: bytes) -> tuple[str, str]:
    """By its BOM first; then UTF-8; then UTF-16 without BOM; then CP949 (a superset of EUC-KR),
    which Korean Excel uses for CSV."""
    candidates = [enc for bom, enc in _BOMS if raw.startswith(bom)] or ["utf-8"]
    if len(candidates) == 1 and candidates[0] == "utf-8":
        guess = _utf16_without_bom(raw)
        candidates += [guess] if guess else []
        candidates.append("cp949")
    for encoding in candidates:
        try:
            content = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_binary(content):
            raise TableError(NOT_A_TABLE)
        return content, encoding
    if _looks_binary(raw[:4096].decode("latin-1")):
        raise TableError(NOT_A_TABLE)
    raise TableError("파일의 문자 인코딩을 알 수 없습니다. UTF-8 또는 CP949(EUC-KR)로 저장해 주십시오.")


def _read_csv(path: Path, limits: UploadLimits) -> Table:
    content, encoding = _decode(path.read_bytes())
    sample = content[:4096]
    try:  # only the delimiter is guessed (from the header); quoting is Excel's, "" inside quotes
        delimiter = csv.Sniffer().sniff(sample.splitlines()[0] if sample else ",", delimiters=",\t;").delimiter
    except csv.Error:
        delimiter = ","
    previous = csv.field_size_limit(CSV_FIELD_LIMIT)
    try:
        records = list(csv.reader(io.StringIO(content, newline=""), csv.excel, delimiter=delimiter))
    except csv.Error as exc:
        line = getattr(exc, "line_num", None)
        raise TableError(
            f"CSV 파일을 읽을 수 없습니다{f'({line}번째 줄)' if line else ''}: 칸 하나가 {CSV_FIELD_LIMIT:,}자를 넘거나 "
            "따옴표가 닫히지 않았습니다. 엑셀에서 다시 저장해 주십시오."
        ) from exc
    finally:
        csv.field_size_limit(previous)
    if not records:
        raise TableError("빈 파일입니다.")
    if len(records) > limits.max_rows + 1:
        raise too_many_rows(limits)
    rows = ((i, row) for i, row in enumerate(records[1:], start=2))
    return Table([h.strip() for h in records[0]], rows, len(records) - 1, encoding)


_DAMAGED = "엑셀 파일이 손상되어 읽을 수 없습니다. 엑셀에서 열어 'Excel 통합 문서(*.xlsx)'로 다시 저장해 올려 주십시오."


def _read_xlsx(path: Path, limits: UploadLimits) -> Table:
    fh = path.open("rb")  # a file, not a name: openpyxl refuses a workbook named .csv
    try:
        workbook = load_workbook(fh, read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        total = max((sheet.max_row or 1) - 1, 0)  # what the sheet says, for progress only
        sheet.reset_dimensions()  # read every row there is: a wrong <dimension> would hide rows
        iterator = sheet.iter_rows(values_only=True)
        headers = [str(h).strip() if h is not None else "" for h in next(iterator)]
    except StopIteration:
        fh.close()
        raise TableError("빈 파일입니다.") from None
    except Exception as exc:  # openpyxl raises many types for a damaged file
        fh.close()
        log.info("unreadable workbook %s: %r", path.name, exc)
        raise TableError(_DAMAGED) from exc

    def rows() -> Iterator[tuple[int, list[Any]]]:
        try:
            for i, row in enumerate(iterator, start=2):
                if i > limits.max_rows + 1:  # the sheet understated its size
                    raise too_many_rows(limits)
                yield i, list(row)
        except IljariError:
            raise
        except Exception as exc:  # a part that fails its CRC or its XML half-way through
            log.info("workbook %s broke while reading: %r", path.name, exc)
            raise TableError(_DAMAGED) from exc
        finally:
            workbook.close()
            fh.close()

    return Table(headers, rows(), total, "xlsx")


def table_read(path: Path, *, limits: UploadLimits = LIMITS) -> Table:
    """The first sheet of a workbook, or a CSV, read by what the file is; call the guard first."""
    if not path.exists():
        raise TableError(f"파일이 없습니다: {path.name}")
    if file_kind(path) == "xlsx":
        return _read_xlsx(path, limits)
    return _read_csv(path, limits)


_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def table_workbook(
    headers: Sequence[str], rows: Iterable[Sequence[Any]], *, sheet_title: str = "Sheet1", notes: Sequence[str] = ()
) -> Workbook:
    """An .xlsx with a bold frozen header and sized columns, and a guide sheet when there are notes."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title)
    widths = [max(10, min(40, len(h) * 2 + 4)) for h in headers]
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = "A2"
    header_cells = []
    for h in headers:
        cell = sheet_cell(sheet, h)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(horizontal="center")
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        sheet_append(sheet, row)
    if notes:
        guide = workbook.create_sheet("작성 안내")
        for line in notes:
            sheet_append(guide, [line])
    return workbook


def table_write(
    path: Path,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    sheet_title: str = "Sheet1",
    notes: Sequence[str] = (),
) -> None:
    """Write an .xlsx (``table_workbook``) or a UTF-8 CSV with BOM for Excel, for the owner only."""
    if path.suffix.lower() == ".csv":
        csv_write(path, headers, rows)
        return
    workbook_save(table_workbook(headers, rows, sheet_title=sheet_title, notes=notes), path)
