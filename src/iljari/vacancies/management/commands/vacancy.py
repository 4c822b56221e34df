"""``iljari vacancy close ID --reason filled|cancelled|expired`` · ``reopen ID [--closes-on DATE]`` · ``history ID``."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError, CommandParser

from iljari.core.errors import IljariError
from iljari.core.lifecycles import status_history
from iljari.privacy.audit import cli_actor
from iljari.vacancies.lifecycle import CLOSE_MOVES, VACANCY
from iljari.vacancies.services import vacancy_close, vacancy_reopen


class Command(BaseCommand):
    help = "구인표를 마감(채용 완료·모집 취소·기간 만료)하거나 재공고하고, 상태 이력을 보여 줍니다."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        close = actions.add_parser("close", help="마감")
        close.add_argument("id", type=int)
        close.add_argument("--reason", required=True, choices=list(CLOSE_MOVES), help="filled|cancelled|expired")
        close.add_argument("--note", default="", help="메모(상태 이력에 남음)")
        reopen = actions.add_parser("reopen", help="재공고")
        reopen.add_argument("id", type=int)
        reopen.add_argument("--closes-on", type=date.fromisoformat, default=None, help="새 마감일 YYYY-MM-DD")
        reopen.add_argument("--note", default="")
        history = actions.add_parser("history", help="상태 이력")
        history.add_argument("id", type=int)

    def handle(self, *args: object, action: str, id: int, **options: object) -> None:
        try:
            if action == "close":
                v = vacancy_close(vacancy_id=id, reason=options["reason"], note=options["note"], actor=cli_actor())
                self.stdout.write(self.style.SUCCESS(f"구인표 #{id}을(를) 마감했습니다: {v.get_status_display()}"))
            elif action == "reopen":
                v = vacancy_reopen(
                    vacancy_id=id, closes_on=options["closes_on"], note=options["note"], actor=cli_actor()
                )
                until = f"{v.closes_on:%Y-%m-%d}까지" if v.closes_on else "채용 시까지"
                self.stdout.write(self.style.SUCCESS(f"구인표 #{id}을(를) 재공고했습니다({until})."))
        except IljariError as exc:
            raise CommandError(exc.message) from exc
        if action == "history":
            for h in status_history(lifecycle=VACANCY, record_id=id):
                self.stdout.write(h.line())
