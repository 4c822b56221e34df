"""``iljari report monthly --month 2026-10 --format xlsx|pdf --output FILE``."""

from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from iljari.core.errors import IljariError
from iljari.reports.monthly import monthly_report
from iljari.reports.pdf import monthly_pdf
from iljari.reports.xlsx import monthly_xlsx


class Command(BaseCommand):
    help = "월간 취업지원 실적 보고서를 엑셀(xlsx) 또는 인쇄용 PDF로 만듭니다."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=["monthly"])
        parser.add_argument("--month", required=True, help="YYYY-MM")
        parser.add_argument("--format", dest="fmt", choices=["xlsx", "pdf"], default="xlsx")
        parser.add_argument("--output", type=Path)

    def handle(self, *args: object, kind: str, month: str, fmt: str, output: Path | None, **options: object) -> None:
        try:
            year, number = (int(x) for x in month.split("-"))
            first = date(year, number, 1)
        except ValueError as exc:
            raise CommandError("--month는 2026-10처럼 입력해 주십시오.") from exc
        path = output or Path(f"iljari-{first:%Y-%m}.{fmt}")
        report = monthly_report(month=first)
        try:
            (monthly_xlsx if fmt == "xlsx" else monthly_pdf)(report, path)
        except IljariError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(self.style.SUCCESS(f"{first:%Y년 %m월} 보고서를 만들었습니다: {path}"))
