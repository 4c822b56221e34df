"""``iljari token create|list|revoke``: API tokens for programs that act as a staff member."""

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from iljari.accounts.models import ApiToken, User
from iljari.accounts.services import TokenError, api_token_create, api_token_revoke
from iljari.privacy.audit import cli_actor


class Command(BaseCommand):
    help = "JSON API 토큰: create USERNAME [--days N] 발급(한 번만 표시), list [USERNAME] 목록, revoke ID 폐기."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["create", "list", "revoke"])
        parser.add_argument("target", nargs="?", default="", help="create/list: 직원 아이디, revoke: 토큰 번호")
        parser.add_argument("--name", default="API")
        parser.add_argument("--days", type=int, default=None, help="유효 기간(일), 기본 ILJARI_API_TOKEN_DAYS")

    def handle(self, *args: object, action: str, target: str, name: str, days: int | None, **options: object) -> None:
        try:
            if action == "create":
                self.stdout.write(api_token_create(user=self._user(target), name=name, days=days, actor=cli_actor()))
            elif action == "revoke":
                if not target.isdigit():
                    raise CommandError("폐기할 토큰 번호를 적어 주십시오: iljari token revoke ID")
                token = api_token_revoke(token_id=int(target), actor=cli_actor())
                self.stdout.write(f"토큰 #{token.pk}({token.user.username}, {token.name})을(를) 폐기했습니다.")
            else:
                self._list(target)
        except TokenError as exc:
            raise CommandError(exc.message) from exc

    def _user(self, username: str) -> User:
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"직원 계정을 찾을 수 없습니다: {username}")
        return user

    def _list(self, username: str) -> None:
        tokens = ApiToken.objects.select_related("user").order_by("pk")
        if username:
            tokens = tokens.filter(user=self._user(username))
        now = timezone.now()
        for t in tokens:
            if t.revoked_at:
                state = f"폐기 {timezone.localtime(t.revoked_at):%Y-%m-%d}"
            elif t.expires_at and t.expires_at <= now:
                state = f"만료 {timezone.localtime(t.expires_at):%Y-%m-%d}"
            else:
                state = f"유효(~{timezone.localtime(t.expires_at):%Y-%m-%d})" if t.expires_at else "유효"
            used = f"{timezone.localtime(t.last_used_at):%Y-%m-%d %H:%M}" if t.last_used_at else "-"
            self.stdout.write(f"#{t.pk}\t{t.user.username}\t{t.name}\t{state}\t마지막 사용 {used}")
