"""What the dashboard, the printable report and the PDF show of a monthly report."""

from datetime import date

from iljari.accounts.models import User
from iljari.core.charts import bar_chart, dong_map, line_chart
from iljari.reference.selectors import dong_areas
from iljari.reports.kpis import METRICS
from iljari.reports.monthly import MonthlyReport, cached, monthly_report

CARDS = ["served", "referrals", "interviews", "placements", "placement_rate", "retention_3", "vacancies"]
PERCENT = {"placement_rate", "retention_1", "retention_3", "retention_6"}


def report_context(report: MonthlyReport, charts: bool = True) -> dict:
    labels = dict(METRICS)
    groups = report.tables.get("target_group")
    dongs = report.tables.get("dong")
    trend_labels = [m[2:] for m, _ in report.trend]
    drawn = {
        "trend": line_chart(
            "월별 취업 건수와 취업률",
            trend_labels,
            {"취업": [r["placements"] for _, r in report.trend]},
            {"취업률(%)": [r["placement_rate"] for _, r in report.trend]},
        ),
    }
    if groups:
        names = sorted(groups.rows)
        drawn["groups"] = bar_chart(
            "대상계층별 서비스 구직자와 취업자",
            names,
            {
                "서비스 구직자": [groups.rows[n]["served"] for n in names],
                "취업자": [groups.rows[n]["placed_people"] for n in names],
            },
        )
    if dongs:
        drawn["map"] = dong_map(
            "행정동별 취업률(%)",
            {n: r.get("placement_rate") for n, r in dongs.rows.items() if r.get("served")},
            dong_areas(),
            unit="%",
        )
    return {
        "report": report,
        "charts": drawn if charts else {},
        "cards": [(labels[k], report.total.get(k, 0), k in PERCENT) for k in CARDS],
        "sections": [(t.label, sorted(t.rows.items()), _metrics(name)) for name, t in report.tables.items()],
    }


VACANCY_METRICS = {"vacancies", "openings", "filled"}


def _metrics(breakdown: str) -> list[tuple[str, str, bool]]:
    """Vacancy figures only where vacancies belong to the rows (the 동 where the work is)."""
    return [(k, v, k in PERCENT) for k, v in METRICS if breakdown == "dong" or k not in VACANCY_METRICS]


DASHBOARD_SECTIONS = ["target_group", "dong"]


def dashboard_context(*, month: date, user: User | None) -> dict:
    """The dashboard's figures and charts: totals, target groups, the 동 map and the trend, cached."""
    return cached(
        "dashboard",
        month,
        user,
        lambda: report_context(monthly_report(month=month, user=user, sections=DASHBOARD_SECTIONS)),
    )
