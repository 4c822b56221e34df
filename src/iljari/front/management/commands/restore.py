"""``iljari restore FOLDER``: put a backup back, check the key and the audit chain, rebuild the indexes."""

from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from iljari.core.errors import IljariError
from iljari.front.backup import backup_restore
from iljari.privacy.audit import cli_actor


class Command(BaseCommand):
    help = "백업 폴더의 데이터베이스로 지금의 데이터베이스를 바꿉니다. 백업 때와 같은 암호화 키가 있어야 합니다."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", type=Path)
        parser.add_argument("--yes", action="store_true", help="확인 없이 바로 복원")
        parser.add_argument(
            "--no-index", action="store_true", help="매칭 색인을 다시 만들지 않음(나중에 iljari reindex)"
        )

    def handle(self, *args: object, folder: Path, yes: bool, no_index: bool, **options: object) -> None:
        if not yes:
            answer = input(f"지금의 데이터베이스를 {folder.name}의 내용으로 바꿉니다. 계속할까요? [y/N] ")
            if answer.strip().lower() not in ("y", "yes", "예"):
                raise CommandError("복원하지 않았습니다.")
        try:
            restored = backup_restore(folder=folder, actor=cli_actor())
        except IljariError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(f"복원했습니다: {folder.name} ({restored.manifest['created_at'][:19]} 백업)")
        if restored.audit_problems:
            self.stderr.write(f"감사 기록 {restored.audit_rows:,}건 중 {restored.audit_problems}곳에 이상이 있습니다.")
        else:
            self.stdout.write(f"감사 기록 {restored.audit_rows:,}건을 검증했습니다: 이상 없음.")
        if not no_index:
            call_command("reindex", stdout=self.stdout, stderr=self.stderr)
