"""The printable monthly report: an HTML page with the charts and the 동 map, printed to PDF by
Debian's Chromium, which sets Korean in Noto CJK from fonts-noto-cjk.

(reportlab cannot embed Noto CJK: Debian ships it with PostScript outlines, which reportlab's
TrueType embedding does not read; Chromium prints the same page staff see on screen.)
"""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.template.loader import render_to_string

from iljari.core.errors import IljariError
from iljari.core.spreadsheets import private_file_write
from iljari.reference.selectors import current_city
from iljari.reports.monthly import MonthlyReport
from iljari.reports.presentation import report_context

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-pdf-header-footer",
]


class ReportError(IljariError):
    """A report could not be produced."""


def chromium_path() -> str:
    """``ILJARI_CHROMIUM`` when set, else the first Chromium-family browser on ``PATH``."""
    for name in (os.environ.get("ILJARI_CHROMIUM", ""), "chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name) if name else None
        if found:
            return found
    raise ReportError("PDF 출력에는 Chromium이 필요합니다: apt-get install -y chromium fonts-noto-cjk")


def monthly_html(report: MonthlyReport) -> str:
    return render_to_string("reports/monthly_print.html", {**report_context(report), "city": current_city()})


def monthly_pdf(report: MonthlyReport, path: Path) -> None:
    private_file_write(path, monthly_pdf_bytes(report))


def monthly_pdf_bytes(report: MonthlyReport) -> bytes:
    """The printed report; Chromium works in a temporary folder that is removed whatever happens."""
    browser = chromium_path()
    with tempfile.TemporaryDirectory(prefix="iljari-report-", ignore_cleanup_errors=True) as work:
        page, printed = Path(work) / "report.html", Path(work) / "report.pdf"
        page.write_text(monthly_html(report), encoding="utf-8")
        try:
            done = subprocess.run(
                [
                    browser,
                    *CHROMIUM_FLAGS,
                    f"--user-data-dir={work}/profile",
                    f"--print-to-pdf={printed}",
                    page.as_uri(),
                ],
                capture_output=True,
                text=True,
                timeout=120,
            )
        except subprocess.TimeoutExpired as exc:
            raise ReportError("PDF를 만드는 데 너무 오래 걸려 멈췄습니다. 잠시 후 다시 시도해 주십시오.") from exc
        if done.returncode != 0 or not printed.exists():
            raise ReportError(f"PDF를 만들지 못했습니다: {done.stderr.strip()[-300:]}")
        return printed.read_bytes()
