"""The monthly report made by the queue on the 1st: last month's workbook and PDF, kept for staff only."""

from openpyxl import load_workbook
from pypdf import PdfReader

from iljari.core.jobs import enqueue
from iljari.core.models import Job
from iljari.reports.tasks import monthly_files, report_folder
from iljari.reports.tests.test_reports import october  # noqa: F401 - the fixture


def test_the_monthly_job_writes_the_months_workbook_and_pdf_readable_by_the_server_alone(october):  # noqa: F811
    record = enqueue(monthly_files, month="2026-10")
    assert record.status == Job.Status.SUCCEEDED and record.result["month"] == "2026-10"
    xlsx, pdf = report_folder() / "iljari-2026-10.xlsx", report_folder() / "iljari-2026-10.pdf"
    assert record.result["xlsx"] == str(xlsx) and record.result["pdf"] == str(pdf)
    assert (xlsx.stat().st_mode & 0o777, pdf.stat().st_mode & 0o777) == (0o600, 0o600)
    assert load_workbook(xlsx).sheetnames and "2026" in PdfReader(pdf).pages[0].extract_text()
    assert (record.stage, record.done, record.total) == ("파일 작성", 2, 2)
