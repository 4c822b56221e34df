"""``iljari erase seeker ID --reason ...``: 개인정보 파기 (right to erasure)."""

import sys

from django.core.management.base import BaseCommand, CommandError, CommandParser

from iljari.core.errors import IljariError
from iljari.privacy.audit import cli_actor
from iljari.seekers.services import seeker_erase


class Command(BaseCommand):
    help = "구직자의 개인정보를 파기합니다. 통계에 필요한 익명 정보(창구, 행정동, 대상계층, 알선·취업 기록)는 남습니다."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=["seeker"])
        parser.add_argument("id", type=int)
        parser.add_argument("--reason", default="정보주체의 삭제 요구", help="파기 사유(감사 기록에 남음)")
        parser.add_argument("--yes", action="store_true", help="확인 질문 없이 파기")

    def handle(self, *args: object, kind: str, id: int, reason: str, yes: bool, **options: object) -> None:
        if not yes and sys.stdin.isatty():
            answer = input(f"구직자 #{id}의 개인정보를 파기합니다. 되돌릴 수 없습니다. 계속할까요? [y/N] ")
            if answer.strip().lower() not in ("y", "yes", "예"):
                raise CommandError("파기를 취소했습니다.")
        try:
            seeker_erase(seeker_id=id, actor=cli_actor(), reason=reason)
        except IljariError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(self.style.SUCCESS(f"구직자 #{id}의 개인정보를 파기했습니다(사유: {reason})."))
