"""``iljari reindex``: rebuild the occupation normalizer and the matching indexes from the database."""

import sys
import time

from django.core.management.base import BaseCommand
from tqdm import tqdm

from iljari.matching.indexes import index_folder, reindex


class Command(BaseCommand):
    help = "직업사전 임베딩과 구인표·구직자 매칭 색인을 다시 만듭니다(처음에는 직업사전 임베딩에 몇 분 걸립니다)."

    def handle(self, *args: object, **options: object) -> None:
        started = time.perf_counter()
        bars: dict[str, tqdm] = {}

        def progress(stage: str, done: int, total: int) -> None:
            bar = bars.get(stage) or bars.setdefault(
                stage, tqdm(total=total, desc=f"직업사전 임베딩({stage})", unit="건", leave=False, file=sys.stderr)
            )
            bar.update(done - bar.n)

        indexes = reindex(progress)
        for bar in bars.values():
            bar.close()
        self.stdout.write(
            f"매칭 색인: 모집 중 구인표 {indexes.vacancies.columns.size:,}건, "
            f"구직자 {indexes.seekers.columns.size:,}명 ({time.perf_counter() - started:.1f}초, "
            f"{index_folder()})"
        )
