"""``iljari template seekers|employers|vacancies``: the empty import sheet with a guide."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from iljari.transfer.services import SHEETS, template_write


class Command(BaseCommand):
    help = "가져오기용 빈 양식(xlsx)을 만듭니다. '작성 안내' 시트에 열마다 설명과 예시가 있습니다."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=list(SHEETS))
        parser.add_argument("--output", type=Path)

    def handle(self, *args: object, kind: str, output: Path | None, **options: object) -> None:
        path = output or Path(f"{kind}-template.xlsx")
        template_write(kind=kind, path=path)
        self.stdout.write(self.style.SUCCESS(f"양식을 만들었습니다: {path}"))
