"""``iljari audit verify``: check the hash chain; ``iljari audit log seeker ID``: who read what."""

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from iljari.privacy.audit import audit_verify
from iljari.privacy.models import AuditEvent


class Command(BaseCommand):
    help = "감사 기록을 검증(verify)하거나 한 대상의 기록을 보여 줍니다(log)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("verify", help="변경·삭제된 기록이 없는지 해시 연결을 검증")
        log = sub.add_parser("log", help="대상의 감사 기록 보기")
        log.add_argument("object_type")
        log.add_argument("object_id")

    def handle(self, *args: object, action: str, **options: str) -> None:
        if action == "verify":
            checked, problems = audit_verify()
            for p in problems:
                self.stderr.write(f"{p.seq}번: {p.reason}")
            if problems:
                raise CommandError(f"감사 기록 {checked:,}건 중 {len(problems):,}곳에 이상이 있습니다.")
            self.stdout.write(self.style.SUCCESS(f"감사 기록 {checked:,}건을 검증했습니다: 이상 없음."))
            return
        rows = AuditEvent.objects.filter(object_type=options["object_type"], object_id=options["object_id"])
        for e in rows:
            at = timezone.localtime(e.at).strftime("%Y-%m-%d %H:%M")
            self.stdout.write(f"{at} {e.actor_name} {e.get_action_display()} {e.purpose}")
