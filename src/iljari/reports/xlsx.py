"""The monthly report as the Excel workbook city staff make: a sheet per breakdown, Korean
headers, number formats, a total row, and a sheet of definitions."""

from collections.abc import Callable
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from iljari.core.spreadsheets import HEADER, metric_sheet, sheet_append, summary_sheet, workbook_save
from iljari.reference.selectors import current_city
from iljari.reports.kpis import METRICS
from iljari.reports.monthly import MonthlyReport

PERCENT_METRICS = {"placement_rate", "retention_1", "retention_3", "retention_6"}
DEFINITIONS = [
    ("등록 구직자", "해당 기간에 구직 등록한 사람"),
    ("서비스 구직자", "해당 기간에 등록·상담·알선 중 하나라도 받은 사람"),
    ("알선 / 면접", "해당 기간에 한 알선 / 해당 기간에 본 면접"),
    ("취업 / 취업자", "해당 기간에 일을 시작한 건수(알선·자체 취업 포함) / 사람 수"),
    ("취업률", "취업자 ÷ 서비스 구직자 × 100"),
    ("n개월 고용유지율", "해당 기간이 예정일인 n개월 사후관리 중 확인된 것에서 계속 근무 비율"),
    ("구인 발굴 / 채용 완료", "해당 기간에 접수한 구인표 / 그중 채용이 끝난 구인표"),
]


# Sheets a higher app adds to the whole center's workbook (the reports app must not import it):
# ``build(book, start, end)`` appends its sheet. A desk's workbook has none of them.
CenterSheet = Callable[[Workbook, date, date], None]
_center_sheets: list[CenterSheet] = []


def center_sheet_add(build: CenterSheet) -> None:
    """Register a sheet of the whole center's monthly workbook (from an app's ``AppConfig.ready``)."""
    if build not in _center_sheets:
        _center_sheets.append(build)


def monthly_xlsx(report: MonthlyReport, path: Path, *, whole_center: bool = True) -> None:
    workbook_save(monthly_workbook(report, whole_center=whole_center), path)


def monthly_workbook(report: MonthlyReport, *, whole_center: bool = True) -> Workbook:
    book = Workbook()
    summary_sheet(
        book,
        f"{current_city().center_name} {report.month:%Y년 %m월} 취업지원 실적",
        [f"기간: {report.start:%Y-%m-%d} ~ {report.end:%Y-%m-%d}"],
        [(label, report.total.get(name, 0), "0.0" if name in PERCENT_METRICS else "#,##0") for name, label in METRICS],
    )
    people = [(n, label) for n, label in METRICS if n not in ("vacancies", "openings", "filled")]
    for name, table in report.tables.items():
        metrics = METRICS if name == "dong" else people
        metric_sheet(book, table.label, table.label, sorted(table.rows.items()), table.total, metrics, PERCENT_METRICS)
    trend_metrics = [
        ("served", "서비스 구직자"),
        ("placements", "취업"),
        ("placed_people", "취업자"),
        ("placement_rate", "취업률(%)"),
    ]
    metric_sheet(book, "월별 추이", "월", report.trend, {}, trend_metrics, PERCENT_METRICS)
    book["월별 추이"].delete_rows(book["월별 추이"].max_row)  # a sum of monthly rates means nothing
    if whole_center:
        for build in _center_sheets:
            build(book, report.start, report.end)
    notes = book.create_sheet("용어 정의")
    sheet_append(notes, ["용어", "정의"])
    for cell in notes[1]:
        cell.font, cell.fill = Font(bold=True), HEADER
    for row in DEFINITIONS:
        sheet_append(notes, row)
    sheet_append(
        notes,
        ["비고", "시연용 가상 데이터가 포함되어 있으면 실제 실적이 아닙니다. 연령·성별·국적은 순위에 쓰지 않습니다."],
    )
    notes.column_dimensions["A"].width = 20
    notes.column_dimensions["B"].width = 80
    return book
