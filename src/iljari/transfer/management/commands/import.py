"""``iljari import seekers|employers|vacancies FILE``: all-or-nothing import with row errors."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from iljari.accounts.models import Desk
from iljari.privacy.audit import cli_actor
from iljari.transfer.services import SHEETS, ImportRejected, ImportResult, import_file

SHOWN = 50


class Command(BaseCommand):
    help = "엑셀(xlsx)·CSV 파일의 구직자/구인업체/구인표를 가져옵니다. 오류가 한 건이라도 있으면 아무것도 저장하지 않습니다."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=list(SHEETS))
        parser.add_argument("file", type=Path)
        parser.add_argument("--desk", help="담당창구 열이 비어 있을 때 쓸 창구(코드 또는 이름)")
        parser.add_argument("--quiet", action="store_true", help="진행 막대를 표시하지 않음")

    def handle(self, *args: object, kind: str, file: Path, desk: str | None, quiet: bool, **options: object) -> None:
        options_for_sheet = {}
        if desk:
            found = Desk.objects.filter(code=desk).first() or Desk.objects.filter(name=desk).first()
            if found is None:
                raise CommandError(f"창구를 찾을 수 없습니다: {desk}")
            options_for_sheet["desk"] = found
        bars: dict[str, tqdm] = {}

        def progress(stage: str, done: int, total: int) -> None:
            if quiet:
                return
            bar = bars.get(stage) or bars.setdefault(
                stage, tqdm(total=total, desc=stage, unit="행", leave=False, file=self.stderr._out)
            )
            bar.update(done - bar.n)

        try:
            result = import_file(kind=kind, path=file, actor=cli_actor(), progress=progress, **options_for_sheet)
        except ImportRejected as rejected:
            self._report(rejected.result)
            raise CommandError(rejected.message) from rejected
        finally:
            for bar in bars.values():
                bar.close()
        self._report(result)
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.rows:,}행 중 {result.created:,}건을 저장했습니다"
                f" (중복 {len(result.duplicates):,}건, 경고 {len(result.warnings):,}건)."
            )
        )

    def _report(self, result: ImportResult) -> None:
        for m in result.messages[:SHOWN]:
            column = f" [{m.column}]" if m.column else ""
            value = f" '{m.value}'" if m.value else ""
            where = f"{m.row}행" if m.row else "파일"
            self.stderr.write(f"{m.level.value} {where}{column}{value}: {m.reason}")
        if len(result.messages) > SHOWN:
            self.stderr.write(f"… 외 {len(result.messages) - SHOWN:,}건")
        if result.report_file:
            self.stderr.write(f"전체 목록: {result.report_file}")
