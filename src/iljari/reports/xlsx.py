"""The monthly report as the Excel workbook city staff make: a sheet per breakdown, Korean
headers, number formats, a total row, and a sheet of definitions."""

from datetime import date
from pathlib import Path

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

from iljari.core.spreadsheets import HEADER, metric_sheet, sheet_append, summary_sheet, workbook_save
from iljari.reference.selectors import current_city
from iljari.reports.kpis import METRICS
from iljari.reports.monthly import MonthlyReport
from iljari.safety.selectors import SafetyFigures, safety_figures
from iljari.training.reports import ProgramsReport, program_outcomes

SMALL_SHOWN = "5건 미만"  # the small-numbers rule: no count a person could be recognised by
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
        _safety_sheet(book, safety_figures(start=report.start, end=report.end), report.start, report.end)
        _programs_sheet(book, program_outcomes(today=min(report.end, timezone.localdate())))
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


def _safety_rows(figures: SafetyFigures) -> list[list[object]]:
    def shown(n: int | None) -> object:
        return SMALL_SHOWN if n is None else n

    median = figures.median_response_hours
    rows: list[list[object]] = [
        ["악성 민원 보고", figures.total],
        ["조치까지 걸린 시간(가운데 값, 시간)", "-" if median is None else median],
        ["기한이 지난 미조치", figures.overdue],
    ]
    for title, pairs in (("유형", figures.by_kind), ("경로", figures.by_channel), ("창구", figures.by_desk)):
        rows += [[f"{title}: {name}", shown(n)] for name, n in pairs]
    rows += [[f"시행 중인 보호 조치: {name}", n] for name, n in figures.measures]
    return rows


def _programs_sheet(book: Workbook, figures: ProgramsReport) -> None:
    """교육·일자리 사업: per program and per target group, with the like-for-like comparison and its method."""
    sheet = book.create_sheet("교육·일자리 사업")
    sheet_append(sheet, [f"교육·일자리 사업 성과 {figures.today:%Y-%m-%d} 기준"])
    header = [
        "구분",
        "신청",
        "선발",
        "수료",
        "3개월 내 취업",
        "3개월 대상",
        "3개월 취업률(%)",
        "비교 집단(%)",
        "6개월 내 취업",
        "6개월 대상",
        "6개월 취업률(%)",
        "비교 집단(%)",
    ]
    bold = []
    for title, rows in (("사업별", figures.programs), ("대상계층별", figures.groups_and_total)):
        sheet_append(sheet, [])
        sheet_append(sheet, [title, *header[1:]])
        bold.append(sheet.max_row)
        for r in rows:
            sheet_append(
                sheet,
                [
                    r.label,
                    r.applicants,
                    r.selected,
                    r.completed,
                    r.placed_3,
                    r.due_3,
                    r.rate_3,
                    r.compared_3,
                    r.placed_6,
                    r.due_6,
                    r.rate_6,
                    r.compared_6,
                ],
            )
    sheet_append(sheet, [])
    sheet_append(sheet, ["비교 방법", figures.method])
    for row in bold:
        for cell in sheet[row]:
            cell.font, cell.fill = Font(bold=True), HEADER
    sheet.column_dimensions["A"].width = 40


def _safety_sheet(book: Workbook, figures: SafetyFigures, start: date, end: date) -> None:
    """직원 보호: incidents and caseload balance by desk, for the whole center only; no counselor named."""
    sheet = book.create_sheet("직원 보호")
    sheet_append(sheet, [f"직원 보호 현황 {start:%Y-%m-%d} ~ {end:%Y-%m-%d}"])
    sheet_append(sheet, ["항목", "건수"])
    rows = _safety_rows(figures)
    for row in rows:
        sheet_append(sheet, row)
    sheet_append(sheet, [])
    sheet_append(sheet, ["창구별 담당 구직자 분포", "상담사", "최대", "가운데 값", "최소"])
    for name, s in figures.desks:
        sheet_append(sheet, [name, s.counselors, s.maximum, s.median, s.minimum])
    sheet_append(sheet, [])
    sheet_append(sheet, ["5건 미만은 숫자를 보이지 않으며, 어떤 수치에도 상담사 이름을 쓰지 않습니다."])
    for row in (2, 4 + len(rows)):
        for cell in sheet[row]:
            cell.font, cell.fill = Font(bold=True), HEADER
    sheet.column_dimensions["A"].width = 36
