"""The one import/export pipeline, used by the CLI and the web app alike.

An import is all-or-nothing per file: the upload guard judges the file before it is parsed,
then every row is checked; if any row has an error, nothing is written, every problem is listed
with its row, column and reason (and written to ``<file>.errors.csv`` beside the input). A
registration number in any cell, or in the file's name, is refused like in a form (the one rule
of ``core.rrn``); a person or company already on file is reported as a duplicate and skipped,
never inserted twice.
"""

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from openpyxl import Workbook

from iljari.accounts.models import User
from iljari.core import cells
from iljari.core.cells import CellError
from iljari.core.errors import IljariError
from iljari.core.rrn import RRN_REFUSAL, contains_rrn, mask_rrns
from iljari.core.spreadsheets import csv_bytes, csv_write, workbook_bytes, workbook_save
from iljari.privacy.audit import Action, Actor, audit_record
from iljari.transfer.employer_sheet import EmployerSheet
from iljari.transfer.guard import UploadRefused, upload_check
from iljari.transfer.seeker_sheet import SeekerSheet
from iljari.transfer.sheets import Column, Level, RowMessage, RowProblems, Sheet
from iljari.transfer.tables import Table, TableError, table_read, table_workbook, table_write
from iljari.transfer.vacancy_sheet import VacancySheet

SHEETS: dict[str, type[Sheet]] = {s.kind: s for s in (SeekerSheet, EmployerSheet, VacancySheet)}

# progress(stage, done, total): "검사" while rows are checked, "저장" once they are written.
Progress = Callable[[str, int, int], None]


class ImportRejected(IljariError):
    """The file had errors; nothing from it was saved."""

    def __init__(self, result: "ImportResult") -> None:
        super().__init__(f"{len(result.errors)}건의 오류가 있어 파일 전체를 저장하지 않았습니다.")
        self.result = result


@dataclass
class ImportResult:
    kind: str
    rows: int = 0
    created: int = 0
    messages: list[RowMessage] = field(default_factory=list)
    report_file: Path | None = None
    saved_ids: list[int] = field(default_factory=list)

    def of(self, level: Level) -> list[RowMessage]:
        return [m for m in self.messages if m.level == level]

    @property
    def errors(self) -> list[RowMessage]:
        return self.of(Level.ERROR)

    @property
    def duplicates(self) -> list[RowMessage]:
        return self.of(Level.DUPLICATE)

    @property
    def warnings(self) -> list[RowMessage]:
        return self.of(Level.WARNING)


def _sheet_class(kind: str) -> type[Sheet]:
    if kind not in SHEETS:
        raise IljariError(f"알 수 없는 자료 종류입니다: {kind} (가능: {', '.join(SHEETS)})")
    return SHEETS[kind]


def sheet_for(kind: str, **options: Any) -> Sheet:
    return _sheet_class(kind)(**options)


def _header_key(header: str) -> str:
    return re.sub(r"[\s*]+", "", header or "")


def _column_positions(sheet: Sheet, table: Table) -> tuple[dict[str, int], list[RowMessage]]:
    position = {_header_key(h): i for i, h in enumerate(table.headers) if h}
    found: dict[str, int] = {}
    problems = []
    for column in sheet.columns:
        i = position.get(_header_key(column.header))
        if i is not None:
            found[column.key] = i
        elif column.required:
            problems.append(RowMessage(1, column.header, "", "필수 열이 없습니다. 양식의 열 이름을 확인해 주십시오."))
    problems += [RowMessage(1, mask_rrns(h), "", RRN_REFUSAL) for h in table.headers if h and contains_rrn(h)]
    known = {_header_key(c.header) for c in sheet.columns}
    problems += [
        RowMessage(1, mask_rrns(h), "", "양식에 없는 열이라 가져오지 않습니다.", Level.WARNING)
        for h in table.headers
        if h and _header_key(h) not in known and not contains_rrn(h)
    ]
    return found, problems


FILE_ROW = 0  # messages about the whole file (its name, its size, its format) rather than a row
RRN_IN_FILE_NAME = "파일 이름에 주민등록번호(외국인등록번호)가 있습니다. 파일 이름을 바꾼 뒤 다시 올려 주십시오."


def file_name_problem(name: str) -> str | None:
    """Why a file may not be imported under this name (the one RRN rule applies to names too)."""
    return RRN_IN_FILE_NAME if contains_rrn(name) else None


def _parse_cell(sheet: Sheet, column: Column, raw: Any, problems: RowProblems) -> Any:
    value = cells.text(raw)
    if contains_rrn(value):
        problems.error(column.header, value, RRN_REFUSAL)  # the message keeps it masked
        return None
    if value == "":
        if column.required:
            problems.error(column.header, "", "필수 항목입니다.")
        return None
    parser = sheet.parser(column)
    if parser is None:
        if len(value) > column.max_length:
            problems.error(column.header, value[:40] + "…", f"{column.max_length:,}자 이하로 입력해 주십시오.")
            return None
        return value
    try:
        return parser(raw if not isinstance(raw, str) else value)
    except CellError as exc:
        problems.error(column.header, value[:200], str(exc))
        return None


REPORT_HEADERS = ["행", "열", "입력값", "구분", "사유"]


def _report_rows(messages: list[RowMessage]) -> Iterator[list[Any]]:
    for m in sorted(messages, key=lambda m: (m.row, m.level != Level.ERROR)):
        yield [m.row or "파일", m.column, m.value, m.level, m.reason]


def report_write(path: Path, messages: list[RowMessage]) -> None:
    """The row messages as a CSV staff open in Excel, beside the file (``iljari import``)."""
    csv_write(path, REPORT_HEADERS, _report_rows(messages))


def report_bytes(messages: list[RowMessage]) -> bytes:
    """The same list for the web import's download."""
    return csv_bytes(REPORT_HEADERS, _report_rows(messages))


def _rejected(kind: str, message: str) -> ImportRejected:
    return ImportRejected(ImportResult(kind, messages=[RowMessage(FILE_ROW, "", "", message)]))


def import_file(
    *,
    kind: str,
    path: Path,
    actor: Actor,
    progress: Progress | None = None,
    commit: bool = True,
    on_saved: Callable[[ImportResult], None] | None = None,
    **options: Any,
) -> ImportResult:
    """Check every row of the file, then save all of it or nothing.

    With ``commit=False`` the file is only checked: what saving would create is counted.
    ``on_saved(result)`` runs inside the saving transaction, so a caller's record of the import
    (a web job marked saved) commits with the rows or not at all.

    Raises ``ImportRejected`` (with the full result) when the file or any row has an error.
    """
    sheet = sheet_for(kind, **options)
    problem = file_name_problem(path.name)
    if problem:
        raise _rejected(kind, problem)
    try:
        upload_check(path)
        table = table_read(path)
    except (TableError, UploadRefused) as exc:
        raise _rejected(kind, exc.message) from exc
    try:
        result, items = _check_rows(sheet, table, progress)
    except (TableError, UploadRefused) as exc:  # a sheet that breaks (or outgrows the limit) half-way
        raise _rejected(kind, exc.message) from exc
    sheet.checked(actor=actor)
    report = path.with_name(path.stem + (".errors.csv" if result.errors else ".report.csv"))
    if result.errors:
        report_write(report, result.messages)
        result.report_file = report
        raise ImportRejected(result)
    if not commit:
        result.created = len(items)  # what saving would create
        return result
    with transaction.atomic():
        if progress:
            progress("저장", 0, len(items))
        name = mask_rrns(path.name)
        result.saved_ids = sheet.save(items, actor=actor, source=f"import:{name}") if items else []
        result.created = len(result.saved_ids)
        audit_record(
            actor=actor,
            action=Action.IMPORT,
            object_type=kind,
            object_id=name[:40],
            purpose="자료 가져오기",
            detail={"file": name, "rows": result.rows, "created": result.created, "duplicates": len(result.duplicates)},
        )
        if on_saved:
            on_saved(result)
    if progress:
        progress("저장", len(items), len(items))
    if result.messages:
        report_write(report, result.messages)
        result.report_file = report
    return result


def _check_rows(sheet: Sheet, table: Table, progress: Progress | None) -> tuple[ImportResult, list[Any]]:
    positions, header_messages = _column_positions(sheet, table)
    result = ImportResult(sheet.kind, messages=header_messages)
    items: list[Any] = []
    if result.errors:
        return result, items
    for done, (row_number, row) in enumerate(table.rows, start=1):
        if progress and (done % 200 == 0 or done == table.row_count):
            progress("검사", done, table.row_count)
        if all(cells.text(c) == "" for c in row):
            continue
        result.rows += 1
        problems = RowProblems(row_number)
        values = {}
        for column in sheet.columns:
            if column.key in positions:
                raw = row[positions[column.key]] if positions[column.key] < len(row) else None
                values[column.key] = _parse_cell(sheet, column, raw, problems)
        item = sheet.convert(values, problems)
        result.messages += problems.messages
        if item is None:
            continue
        duplicate = sheet.duplicate_reason(item)
        if duplicate:
            result.messages.append(RowMessage(row_number, "", "", duplicate, Level.DUPLICATE))
        else:
            items.append(item)
    return result, items


def export_file(*, kind: str, path: Path, user: User | None, actor: Actor) -> int:
    """Write every record ``user`` may see in the import layout; returns the row count."""
    sheet = sheet_for(kind)
    keys = [c.key for c in sheet.columns]
    count = 0

    def rows() -> Any:
        nonlocal count
        for record in sheet.export(user=user, actor=actor):
            count += 1
            yield [_export_cell(record.get(k)) for k in keys]

    table_write(path, [c.header for c in sheet.columns], rows(), sheet_title=sheet.label)
    return count


def _export_cell(value: Any) -> Any:
    """Dates as the import reads them back; the writer cleans text and guards formulas."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _template(kind: str) -> Workbook:
    """An empty sheet with the Korean headers and a guide sheet with an example per column.

    The example is kept off the data sheet so a forgotten example row is never imported.
    """
    sheet_class = _sheet_class(kind)
    headers = [c.header + ("*" if c.required else "") for c in sheet_class.columns]
    return table_workbook(headers, [], sheet_title=sheet_class.label, notes=list(sheet_class.template_notes()))


def template_write(*, kind: str, path: Path) -> None:
    workbook_save(_template(kind), path)


def template_bytes(*, kind: str) -> bytes:
    return workbook_bytes(_template(kind))
