"""``iljari match seeker ID`` / ``iljari match vacancy ID`` [--top 20] [--json];
``iljari match --all [--ray ADDRESS] [--workers N] [--shard-size N]``: every active seeker's stored list."""

import json
import time

from django.core.management.base import BaseCommand, CommandError, CommandParser

from iljari.matching.batch import SHARD_SIZE, BatchError, match_all
from iljari.matching.models import MatchShard
from iljari.matching.selectors import Recommendation, seekers_for_vacancy, vacancies_for_seeker
from iljari.seekers.models import Seeker
from iljari.seekers.selectors import seeker_read
from iljari.vacancies.models import Vacancy


class Command(BaseCommand):
    help = "구직자에게 맞는 구인표, 또는 구인표에 맞는 구직자를 점수와 이유와 함께 보여 줍니다."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", nargs="?", choices=["seeker", "vacancy"])
        parser.add_argument("id", nargs="?", type=int)
        parser.add_argument(
            "--all",
            dest="every",
            action="store_true",
            help="구직 중인 모든 구직자의 추천 목록(50건)을 계산해 저장합니다. 중단된 실행이 있으면 이어서 합니다.",
        )
        parser.add_argument(
            "--ray",
            metavar="ADDRESS",
            help="Ray로 실행: local(이 컴퓨터에 새로), auto(이 컴퓨터가 속한 클러스터), 또는 클러스터 주소",
        )
        parser.add_argument("--workers", type=int, default=1, help="동시에 계산할 프로세스 수(기본 1)")
        parser.add_argument("--shard-size", type=int, default=SHARD_SIZE, help=f"묶음당 구직자 수(기본 {SHARD_SIZE:,})")
        parser.add_argument("--top", type=int, default=20)
        parser.add_argument("--json", dest="as_json", action="store_true")

    def handle(
        self,
        *args: object,
        kind: str | None,
        id: int | None,
        top: int,
        as_json: bool,
        every: bool,
        ray: str | None,
        workers: int,
        shard_size: int,
        **options: object,
    ) -> None:
        if every:
            self._all(ray=ray, workers=workers, shard_size=shard_size)
            return
        if kind is None or id is None:
            raise CommandError("seeker ID, vacancy ID 또는 --all 중 하나를 지정하십시오.")
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

    def _all(self, *, ray: str | None, workers: int, shard_size: int) -> None:
        started = time.perf_counter()

        def progress(shard: MatchShard, done: int, total: int) -> None:
            self.stdout.write(
                f"묶음 {done}/{total} 저장: 구직자 #{shard.first_seeker}–#{shard.last_seeker} {shard.seekers:,}명, "
                f"{shard.seconds:.1f}초, 최대 메모리 {shard.peak_rss_mb:,.0f}MB ({shard.worker})"
            )
            self.stdout.flush()

        try:
            run = match_all(ray=ray, workers=workers, shard_size=shard_size, progress=progress)
        except BatchError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(
            f"일괄 추천 #{run.pk} 완료: 구직자 {run.seekers:,}명, 묶음 {run.shards.count()}개, "
            f"{time.perf_counter() - started:.1f}초 ({run.backend})"
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
