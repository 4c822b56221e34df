"""``iljari program recommend SEEKER_ID [--json]`` · ``iljari program select PROGRAM_ID [--dry-run]``
· ``iljari program list`` · ``iljari program history ENROLLMENT_ID``."""

import json

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from iljari.core.errors import IljariError
from iljari.core.lifecycles import status_history
from iljari.privacy.audit import cli_actor
from iljari.seekers.models import Seeker
from iljari.seekers.selectors import seeker_read
from iljari.training.lifecycle import ENROLLMENT
from iljari.training.models import Enrollment, TrainingProgram
from iljari.training.recommend import programs_for_seeker
from iljari.training.selectors import programs_counted
from iljari.training.services import program_select, selection_rank


class Command(BaseCommand):
    help = "교육·일자리 사업: 구직자에게 맞는 사업 추천, 선발, 사업 목록."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        recommend = actions.add_parser("recommend", help="구직자가 마치면 새로 맞는 구인표가 가장 많은 사업부터")
        recommend.add_argument("id", type=int)
        recommend.add_argument("--json", dest="as_json", action="store_true")
        select = actions.add_parser("select", help="신청자를 선발 기준으로 선발(--dry-run: 순위만 보기)")
        select.add_argument("id", type=int)
        select.add_argument("--dry-run", action="store_true")
        actions.add_parser("list", help="사업 목록")
        history = actions.add_parser("history", help="참여 신청 한 건의 상태 이력(신청 → 선발 → 참여 → 수료 → 취업)")
        history.add_argument("id", type=int)

    def handle(self, *args: object, action: str, **options: object) -> None:
        if action == "recommend":
            return self._recommend(options["id"], options["as_json"])
        if action == "history":
            if not Enrollment.objects.filter(pk=options["id"]).exists():
                raise CommandError(f"참여 신청 #{options['id']}을(를) 찾을 수 없습니다.")
            for h in status_history(lifecycle=ENROLLMENT, record_id=options["id"]):
                self.stdout.write(h.line())
            return None
        if action == "list":
            for p in programs_counted():
                self.stdout.write(
                    f"#{p.pk} {p.name} · {p.program_type or '-'} · {p.starts_on:%Y-%m-%d}~{p.ends_on:%Y-%m-%d} "
                    f"· 정원 {p.capacity} · 신청 {p.applicants} · 회차 {p.session_count}"
                )
            return None
        program = TrainingProgram.objects.filter(pk=options["id"]).first()
        if program is None:
            raise CommandError(f"사업 #{options['id']}을(를) 찾을 수 없습니다.")
        try:
            ranked = (
                selection_rank(program=program)
                if options["dry_run"]
                else program_select(program=program, actor=cli_actor())
            )
        except IljariError as exc:
            raise CommandError(exc.message) from exc
        for r in ranked:
            points = ", ".join(f"{d['criterion']} {d['points']}" for d in r.detail)
            self.stdout.write(
                f"{r.rank:>3}위 {r.points:>3}점 {'선발' if r.chosen else '미선발'} 신청 #{r.enrollment.pk} ({points})"
            )
        return None

    def _recommend(self, seeker_id: int, as_json: bool) -> None:
        try:
            seeker = seeker_read(user=None, seeker_id=seeker_id, purpose="교육·일자리 사업 추천(명령줄)")
        except Seeker.DoesNotExist:
            raise CommandError(f"구직자 #{seeker_id}을(를) 찾을 수 없습니다.") from None
        fits = programs_for_seeker(seeker=seeker, today=timezone.localdate())
        if not as_json:
            for f in fits:
                state = "참여 가능" if f.eligible else "참여 불가: " + " ".join(f.failing)
                self.stdout.write(
                    f"#{f.program.pk} {f.program.name}: 새로 맞는 구인표 {len(f.vacancy_ids)}건 · {state}"
                )
                for v in f.vacancies:
                    self.stdout.write(f"    #{v.pk} {v.title} · {v.employer}")
        payload = {
            "programs": [
                {
                    "program": f.program.pk,
                    "name": f.program.name,
                    "eligible": f.eligible,
                    "failing": f.failing,
                    "vacancies": f.vacancy_ids,
                }
                for f in fits
            ]
        }
        if as_json:
            self.stdout.write(json.dumps(payload, ensure_ascii=False))
