"""``iljari logins``: the demo accounts, one per role, for a new user of a demo install."""

from django.core.management.base import BaseCommand

from iljari.accounts.models import User
from iljari.demo.generator import DEMO_LOGINS, DEMO_PASSWORD


class Command(BaseCommand):
    help = "시연용 로그인 계정(역할별 1개)을 보여 줍니다."

    def handle(self, *args: object, **options: object) -> None:
        users = {
            u.username: u for u in User.objects.filter(username__in=[n for n, *_ in DEMO_LOGINS]).select_related("desk")
        }
        if not users:
            self.stdout.write("시연용 계정이 없습니다. 'iljari init --demo'로 만들 수 있습니다.")
            return
        self.stdout.write(f"시연용 계정 (비밀번호는 모두 {DEMO_PASSWORD}):")
        for username, *_ in DEMO_LOGINS:
            user = users.get(username)
            if user and user.has_usable_password():
                desk = user.desk.name if user.desk else "전체"
                self.stdout.write(f"  {username:<10} {user.get_role_display()} ({desk})")
