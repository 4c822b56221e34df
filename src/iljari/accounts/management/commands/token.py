"""``iljari token create USERNAME [--name 용도]``: an API token, shown once."""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from iljari.accounts.models import User
from iljari.accounts.services import api_token_create
from iljari.privacy.audit import cli_actor


class Command(BaseCommand):
    help = "직원 계정으로 JSON API를 쓰는 프로그램용 토큰을 발급합니다(한 번만 표시됩니다)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["create"])
        parser.add_argument("username")
        parser.add_argument("--name", default="API")

    def handle(self, *args: object, action: str, username: str, name: str, **options: object) -> None:
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"직원 계정을 찾을 수 없습니다: {username}")
        self.stdout.write(api_token_create(user=user, name=name, actor=cli_actor()))
