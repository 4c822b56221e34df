"""What the safety app adds to other apps' pages: the protective measures on a seeker's or employer's
page (and the way to report a contact there), and incidents and caseload balance on the manager's
dashboard and in the center's monthly workbook."""

from datetime import date

from django.http import HttpRequest
from openpyxl import Workbook
from openpyxl.styles import Font

from iljari.accounts.models import User
from iljari.core.access import has_role
from iljari.core.sections import section_add
from iljari.core.spreadsheets import HEADER, sheet_append
from iljari.employers.models import Employer
from iljari.reports.xlsx import center_sheet_add
from iljari.safety.selectors import SafetyFigures, measures_active, safety_figures
from iljari.seekers.models import Seeker

SMALL_SHOWN = "5건 미만"  # the small-numbers rule: no count a person could be recognised by


def _seeker(request: HttpRequest, seeker: Seeker) -> dict:
    return {"measures": measures_active(seeker=seeker), "about": "seeker", "record": seeker}


def _employer(request: HttpRequest, employer: Employer) -> dict:
    return {"measures": measures_active(employer=employer), "about": "employer", "record": employer}


def _dashboard(request: HttpRequest, period: tuple[date, date]) -> dict | None:
    """The month's figures for the center's managers (who read the full safety report too)."""
    if not has_role(request.user, (User.Role.MANAGER,)):
        return None
    start, end = period
    return {"figures": safety_figures(start=start, end=end), "start": start, "end": end}


def _rows(figures: SafetyFigures) -> list[list[object]]:
    def shown(n: int | None) -> object:
        return SMALL_SHOWN if n is None else n

    rows: list[list[object]] = [
        ["악성 민원 보고", figures.total],
        ["조치까지 걸린 시간(가운데 값, 시간)", figures.median_response_hours if figures.median_response_hours is not None else "-"],
        ["기한이 지난 미조치", figures.overdue],
    ]
    for title, pairs in (("유형", figures.by_kind), ("경로", figures.by_channel), ("창구", figures.by_desk)):
        rows += [[f"{title}: {name}", shown(n)] for name, n in pairs]
    rows += [[f"시행 중인 보호 조치: {name}", n] for name, n in figures.measures]
    return rows


def _sheet(book: Workbook, start: date, end: date) -> None:
    figures = safety_figures(start=start, end=end)
    sheet = book.create_sheet("직원 보호")
    sheet_append(sheet, [f"직원 보호 현황 {start:%Y-%m-%d} ~ {end:%Y-%m-%d}"])
    sheet_append(sheet, ["항목", "건수"])
    rows = _rows(figures)
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


def register() -> None:
    section_add("seekers.detail", template="safety/_measures_section.html", context=_seeker, order=5)
    section_add("employers.detail", template="safety/_measures_section.html", context=_employer, order=5)
    section_add("reports.dashboard", template="safety/_dashboard_section.html", context=_dashboard, order=10)
    center_sheet_add(_sheet)
