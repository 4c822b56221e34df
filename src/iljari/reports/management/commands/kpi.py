"""``iljari kpi export --month YYYY-MM --output FILE.json [--xlsx FILE.xlsx]`` and ``iljari kpi import FILE...``."""

import json
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from iljari.core.errors import IljariError
from iljari.privacy.audit import Action, audit_record, cli_actor
from iljari.reports.exchange import kpi_export, kpi_import, kpi_read, kpi_xlsx


def _month(text: str) -> date:
    try:
        year, month = (int(x) for x in text.split("-"))
        return date(year, month, 1)
    except ValueError:
        raise CommandError(f"월을 YYYY-MM 형식으로 적어 주십시오: {text}") from None


class Command(BaseCommand):
    help = "도시 간 비교용 월간 실적(개인정보 없음, 1~4건은 비공개)을 내보내거나 다른 도시의 파일을 가져옵니다."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["export", "import"])
        parser.add_argument("files", nargs="*", type=Path, help="import: 가져올 JSON 파일")
        parser.add_argument("--month", help="export: YYYY-MM")
        parser.add_argument("--output", type=Path, help="export: JSON 파일")
        parser.add_argument("--xlsx", type=Path, help="export: 같은 내용의 엑셀 파일")

    def handle(self, *args: object, action: str, files: list[Path], **options: object) -> None:
        try:
            if action == "export":
                self._export(options["month"], options["output"], options["xlsx"])
            else:
                if not files:
                    raise CommandError("가져올 파일을 적어 주십시오: iljari kpi import FILE.json")
                for path in files:
                    record = kpi_import(payload=kpi_read(path), actor=cli_actor())
                    self.stdout.write(f"가져왔습니다: {record.city_name} {record.month:%Y-%m} ({path.name})")
        except IljariError as exc:
            raise CommandError(exc.message) from exc

    def _export(self, month: str | None, output: Path | None, xlsx: Path | None) -> None:
        if not month or not output:
            raise CommandError("--month YYYY-MM 과 --output FILE.json 을 적어 주십시오.")
        payload = kpi_export(month=_month(month))
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(json.dumps(payload, ensure_ascii=False, indent=2), encoding="utf-8")
        if xlsx:
            kpi_xlsx(payload, xlsx)
        audit_record(
            actor=cli_actor(),
            action=Action.EXPORT,
            object_type="city_kpi",
            object_id=payload["month"],
            purpose="도시 비교용 실적 내보내기",
        )
        self.stdout.write(f"내보냈습니다: {output}" + (f", {xlsx}" if xlsx else ""))
