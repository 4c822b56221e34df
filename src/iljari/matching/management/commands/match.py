"""``iljari match seeker ID`` / ``iljari match vacancy ID`` [--top 20] [--json]."""

import json

from django.core.management.base import BaseCommand, CommandError, CommandParser

from iljari.matching.selectors import Recommendation, seekers_for_vacancy, vacancies_for_seeker
from iljari.seekers.models import Seeker
from iljari.seekers.selectors import seeker_read
from iljari.vacancies.models import Vacancy


class Command(BaseCommand):
    help = "구직자에게 맞는 구인표, 또는 구인표에 맞는 구직자를 점수와 이유와 함께 보여 줍니다."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=["seeker", "vacancy"])
        parser.add_argument("id", type=int)
        parser.add_argument("--top", type=int, default=20)
        parser.add_argument("--json", dest="as_json", action="store_true")

    def handle(self, *args: object, kind: str, id: int, top: int, as_json: bool, **options: object) -> None:
        if kind == "seeker":
            try:
                seeker = seeker_read(user=None, seeker_id=id, purpose="추천 구인표 조회(명령줄)")
            except Seeker.DoesNotExist:
                raise CommandError(f"구직자 #{id}을(를) 찾을 수 없습니다.") from None
            result = vacancies_for_seeker(seeker=seeker, k=top)
            payload = {
                "seeker": id,
                "matches": [_vacancy_json(r) for r in result.matches],
                "near_misses": [_vacancy_json(r) for r in result.near_misses],
                "left_out": [{"vacancy_id": x.record_id, "history": x.history} for x in result.left_out],
            }
            if as_json:
                self.stdout.write(json.dumps(payload, ensure_ascii=False))
                return
            place = seeker.home_dong.name if seeker.home_dong else "-"
            self.stdout.write(
                f"구직자 #{id} ({place}, 희망직종 {seeker.desired_job_text or '-'}): "
                f"추천 구인표 {len(result.matches)}건"
            )
            self._print(result.matches, lambda r: _vacancy_line(r))
            if result.near_misses:
                self.stdout.write("한 가지가 부족한 구인표:")
                self._print(result.near_misses, lambda r: _vacancy_line(r))
            for x in result.left_out:
                self.stdout.write(
                    f"추천에서 뺌(이전 불채용): #{x.record_id} {x.vacancy.title} · {', '.join(x.history)}"
                )
            return
        vacancy = Vacancy.objects.select_related("employer").filter(pk=id).first()
        if vacancy is None:
            raise CommandError(f"구인표 #{id}을(를) 찾을 수 없습니다.")
        matches = seekers_for_vacancy(
            user=None, vacancy=vacancy, k=top, purpose=f"구인표 #{id} 추천 구직자 조회(명령줄)"
        )
        if as_json:
            self.stdout.write(
                json.dumps(
                    {
                        "vacancy": id,
                        "matches": [
                            {
                                "seeker_id": r.record_id,
                                "score": r.score,
                                "reasons": r.reasons,
                                "cautions": r.cautions,
                                "history": r.history,
                            }
                            for r in matches
                        ],
                    },
                    ensure_ascii=False,
                )
            )
            return
        self.stdout.write(f"구인표 #{id} {vacancy.title} · {vacancy.employer}: 추천 구직자 {len(matches)}명")
        self._print(
            matches,
            lambda r: (
                f"구직자 #{r.record_id} ({r.seeker.home_dong or '-'}, 희망직종 {r.seeker.desired_job_text or '-'})"
            ),
        )

    def _print(self, rows: list[Recommendation], describe: object) -> None:
        for n, r in enumerate(rows, start=1):
            self.stdout.write(f"{n:>3}. {r.score:5.1f}점  {describe(r)}")
            for text in r.reasons:
                self.stdout.write(f"        - {text}")
            for text in r.cautions + r.missing:
                self.stdout.write(f"        ! {text}")
            for text in r.history:
                self.stdout.write(f"        · 이전 알선: {text}")


def _vacancy_line(r: Recommendation) -> str:
    v = r.vacancy
    return f"#{v.pk} {v.title} · {v.employer} · {v.dong or '-'} · {v.get_wage_type_display()} {v.wage_amount:,}원"


def _vacancy_json(r: Recommendation) -> dict:
    v = r.vacancy
    return {
        "vacancy_id": v.pk,
        "title": v.title,
        "employer": v.employer.name,
        "dong": v.dong.name if v.dong else None,
        "score": r.score,
        "reasons": r.reasons,
        "cautions": r.cautions,
        "missing": r.missing,
        "history": r.history,
    }
