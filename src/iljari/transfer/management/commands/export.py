"""``iljari export seekers|employers|vacancies --format xlsx|csv [--output FILE]``."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from iljari.privacy.audit import cli_actor
from iljari.transfer.services import SHEETS, export_file


class Command(BaseCommand):
    help = (
        "자료를 가져오기 양식과 같은 열로 내보냅니다(다시 가져올 수 있습니다). 구직자 내보내기는 감사 기록에 남습니다."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=list(SHEETS))
        parser.add_argument("--format", choices=["xlsx", "csv"], default="xlsx")
        parser.add_argument("--output", type=Path)

    def handle(self, *args: object, kind: str, format: str, output: Path | None, **options: object) -> None:
        path = output or Path(f"{kind}-{timezone.localdate():%Y%m%d}.{format}")
        if path.suffix.lower() != f".{format}":
            path = path.with_suffix(f".{format}")
        count = export_file(kind=kind, path=path, user=None, actor=cli_actor())
        self.stdout.write(self.style.SUCCESS(f"{count:,}건을 내보냈습니다: {path}"))
