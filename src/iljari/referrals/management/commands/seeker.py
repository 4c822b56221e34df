"""``iljari seeker status ID STATUS [--reason R]`` (구직 중단·재등록·유효기간 만료; 취업 with --employer) · ``history ID``.

It lives with referrals because 취업 is recorded with its placement (자체 취업), as on the page.
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from iljari.core.errors import IljariError
from iljari.core.lifecycles import status_history
from iljari.privacy.audit import cli_actor
from iljari.referrals.services import placement_record_direct
from iljari.seekers.lifecycle import SEEKER, STATUS_MOVES, WITHDRAW_REASONS
from iljari.seekers.models import Seeker
from iljari.seekers.services import seeker_change_status


class Command(BaseCommand):
    help = "구직자의 구직 상태를 바꾸고(구직 중단·재등록·취업), 상태 이력을 보여 줍니다."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        status = actions.add_parser("status", help="구직 상태 변경")
        status.add_argument("id", type=int)
        status.add_argument("status", choices=[*STATUS_MOVES, Seeker.Status.PLACED.value])
        status.add_argument(
            "--reason",
            default="",
            help="구직 중단 사유: " + ", ".join(f"{c}({label})" for c, label in WITHDRAW_REASONS),
        )
        status.add_argument("--employer", default="", help="취업(placed)일 때 취업처")
        status.add_argument("--started-on", type=date.fromisoformat, default=None, help="취업일 YYYY-MM-DD(기본 오늘)")
        history = actions.add_parser("history", help="상태 이력")
        history.add_argument("id", type=int)

    def handle(self, *args: object, action: str, id: int, **options: object) -> None:
        seeker = Seeker.objects.exclude(status=Seeker.Status.ERASED).filter(pk=id).first()
        if seeker is None:
            raise CommandError(f"구직자 #{id}을(를) 찾을 수 없습니다.")
        if action == "history":
            for h in status_history(lifecycle=SEEKER, record_id=id):
                self.stdout.write(h.line())
            return
        try:
            if options["status"] == Seeker.Status.PLACED:
                SEEKER.check(SEEKER.move("place"), seeker.status)  # a second placement is not a status change
                placement_record_direct(
                    seeker=seeker,
                    employer_name=options["employer"],
                    started_on=options["started_on"] or timezone.localdate(),
                    actor=cli_actor(),
                )
                seeker.refresh_from_db()
            else:
                seeker = seeker_change_status(
                    seeker_id=id, status=options["status"], reason=options["reason"], actor=cli_actor()
                )
        except IljariError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(self.style.SUCCESS(f"구직자 #{id}의 구직 상태: {seeker.get_status_display()}"))
