"""The manager's dashboard, the monthly workbook and PDF, and the fairness report."""

from datetime import date

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from iljari.accounts.models import User
from iljari.core.access import REPORTS, has_role, role_required
from iljari.core.pages import PDF, XLSX, attachment
from iljari.core.spreadsheets import workbook_bytes
from iljari.reports.exchange import kpi_comparison
from iljari.reports.fairness import fairness_report
from iljari.reports.kpis import BREAKDOWNS
from iljari.reports.monthly import SECTIONS, MonthlyReport, cached, month_bounds, monthly_report
from iljari.reports.pdf import ReportError, monthly_pdf_bytes
from iljari.reports.presentation import DASHBOARD_SECTIONS, report_context
from iljari.reports.xlsx import monthly_workbook
from iljari.safety.selectors import safety_figures


def _month(request: HttpRequest) -> date:
    """The month asked for (YYYY-MM), else the last complete month."""
    try:
        year, month = (int(x) for x in request.GET.get("month", "").split("-"))
        return date(year, month, 1)
    except ValueError:
        first = timezone.localdate().replace(day=1)
        return month_bounds(date.fromordinal(first.toordinal() - 1))[0]


def _scope(user: User) -> User | None:
    """Managers see the whole center; a desk lead sees their desk's figures."""
    return None if user.sees_all_seekers else user


def _report(request: HttpRequest) -> MonthlyReport:
    month, user = _month(request), _scope(request.user)
    return cached("monthly", month, user, lambda: monthly_report(month=month, user=user))


@role_required(*REPORTS)
def dashboard(request: HttpRequest) -> HttpResponse:
    """Totals, target groups, the 동 map and the trend; the other breakdowns load when opened."""
    month, user = _month(request), _scope(request.user)
    context = cached(
        "dashboard",
        month,
        user,
        lambda: report_context(monthly_report(month=month, user=user, sections=DASHBOARD_SECTIONS)),
    )
    more = [(name, BREAKDOWNS[name][0]) for name in SECTIONS if name not in DASHBOARD_SECTIONS]
    start, end = month_bounds(month)
    # Incidents and caseload balance: the center's managers, who read the full safety report too.
    safety = safety_figures(start=start, end=end) if has_role(request.user, (User.Role.MANAGER,)) else None
    return render(request, "reports/dashboard.html", {**context, "more": more, "safety": safety})


@role_required(*REPORTS)
def section(request: HttpRequest, name: str) -> HttpResponse:
    if name not in SECTIONS:
        raise Http404("없는 항목입니다.")
    month, user = _month(request), _scope(request.user)
    context = cached(
        f"section-{name}",
        month,
        user,
        lambda: report_context(monthly_report(month=month, user=user, sections=[name]), charts=False),
    )
    return render(request, "reports/_sections.html", context)


def _download(request: HttpRequest, suffix: str) -> HttpResponse:
    """The workbook or the printed PDF, made in memory: nothing is left on the server's disk."""
    report = _report(request)
    name = f"iljari-{report.month:%Y-%m}.{suffix}"
    if suffix == "xlsx":
        whole_center = _scope(request.user) is None  # a desk's workbook has no center-only sheets
        return attachment(workbook_bytes(monthly_workbook(report, whole_center=whole_center)), name, XLSX)
    try:
        return attachment(monthly_pdf_bytes(report), name, PDF)
    except ReportError as exc:
        return HttpResponse(exc.message, status=503, content_type="text/plain; charset=utf-8")


@role_required(*REPORTS)
def download_xlsx(request: HttpRequest) -> HttpResponse:
    return _download(request, "xlsx")


@role_required(*REPORTS)
def download_pdf(request: HttpRequest) -> HttpResponse:
    return _download(request, "pdf")


@role_required(*REPORTS)
def fairness(request: HttpRequest) -> HttpResponse:
    start, end = month_bounds(_month(request))
    overall, rows = fairness_report(start=start, end=end, user=_scope(request.user))
    return render(request, "reports/fairness.html", {"month": start, "overall": overall, "rows": rows})


@role_required(*REPORTS)
def compare(request: HttpRequest) -> HttpResponse:
    """This city beside the other cities' files loaded for the month, definitions side by side."""
    month = _month(request)
    comparison = cached("compare", month, None, lambda: kpi_comparison(month=month))
    return render(request, "reports/compare.html", {"comparison": comparison, "month": month})
