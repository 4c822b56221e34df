"""``iljari caseload [--desk NAME] [--json]``: each counselor's caseload, every active seeker counted once."""

import json as jsonlib

from django.core.management.base import BaseCommand, CommandError, CommandParser

from iljari.accounts.models import Desk
from iljari.safety.selectors import caseload, spread


class Command(BaseCommand):
    help = "상담사별 담당 현황(구직 중 구직자, 진행 중 알선, 7일 안 사후관리, 이번 주 면접)을 보여 줍니다."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--desk", default="", help="창구명(일부만 써도 됨)")
        parser.add_argument("--json", action="store_true", help="마지막 줄에 JSON 한 줄")

    def handle(self, *args: object, desk: str, json: bool, **options: object) -> None:
        chosen = None
        if desk:
            matches = list(Desk.objects.filter(name__icontains=desk))
            if len(matches) != 1:
                found = ", ".join(d.name for d in matches[:10]) or "없음"
                raise CommandError(f"창구를 하나로 정할 수 없습니다('{desk}': {found}).")
            chosen = matches[0]
        loads = caseload(user=None, desk=chosen)
        for load in loads:
            self.stdout.write(
                f"{load.counselor.desk or '-'}\t{load.counselor}\t구직자 {load.active_seekers}\t알선 {load.open_referrals}"
                f"\t사후관리 {load.follow_ups_due}\t면접 {load.appointments}"
            )
        s = spread(loads)
        self.stdout.write(f"상담사 {s.counselors}명 · 최대 {s.maximum} · 가운데 {s.median} · 최소 {s.minimum}")
        if json:
            rows = [
                {
                    "counselor": load.counselor.get_username(),
                    "desk": load.counselor.desk.name if load.counselor.desk else None,
                    "active_seekers": load.active_seekers,
                    "open_referrals": load.open_referrals,
                    "follow_ups_due": load.follow_ups_due,
                    "appointments": load.appointments,
                }
                for load in loads
            ]
            self.stdout.write(jsonlib.dumps({"counselors": rows}, ensure_ascii=False))
