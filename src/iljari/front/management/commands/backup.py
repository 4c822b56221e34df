"""``iljari backup [--output DIR]``: a consistent copy of the database, without the key file."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from iljari.core.errors import IljariError
from iljari.front.backup import backup_create
from iljari.privacy.audit import cli_actor


class Command(BaseCommand):
    help = "데이터베이스를 백업합니다(운영 중에도 일관된 사본). 개인정보 암호화 키는 넣지 않으니 따로 보관하십시오."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", type=Path, default=None, help="백업 폴더를 만들 곳(기본: VAR_DIR/backups)")

    def handle(self, *args: object, output: Path | None, **options: object) -> None:
        try:
            folder = backup_create(output=output or Path(settings.VAR_DIR) / "backups", actor=cli_actor())
        except IljariError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(f"백업했습니다: {folder}")
        self.stdout.write(
            f"개인정보 암호화 키({settings.ILJARI_KEY_FILE})는 백업에 들어 있지 않습니다. "
            "키가 없으면 복원해도 개인정보를 읽을 수 없으니, 백업과 다른 곳에 따로 보관해 주십시오."
        )
