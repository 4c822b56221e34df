"""보고서 작업 — the city's monthly report, made on the 1st for the month just ended and kept on file."""

from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from iljari.core.jobs import JobRun, job
from iljari.reports.monthly import month_bounds, monthly_report
from iljari.reports.pdf import ReportError, monthly_pdf
from iljari.reports.xlsx import monthly_xlsx


def report_folder() -> Path:
    folder = Path(settings.VAR_DIR) / "reports"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


@job(label="월간 실적 보고서 작성")
def monthly_files(run: JobRun, month: str | None = None) -> dict:
    """The whole center's workbook and printable PDF for ``month`` (YYYY-MM; default: last month)."""
    if month:
        first = date.fromisoformat(f"{month}-01")
    else:
        first = month_bounds(timezone.localdate().replace(day=1) - timedelta(days=1))[0]
    run.progress("집계", 0, 2)
    report = monthly_report(month=first)
    written = {}
    for done, (suffix, write) in enumerate((("xlsx", monthly_xlsx), ("pdf", monthly_pdf)), start=1):
        path = report_folder() / f"iljari-{first:%Y-%m}.{suffix}"
        try:
            write(report, path)
        except ReportError as exc:  # no browser to print the PDF: the workbook is still made
            written[suffix] = exc.message
            continue
        path.chmod(0o600)
        written[suffix] = str(path)
        run.progress("파일 작성", done, 2)
    return {"month": f"{first:%Y-%m}", **written}
