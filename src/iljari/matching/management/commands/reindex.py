"""``iljari reindex [--embeddings] [--queue]``: rebuild the occupation normalizer and the matching indexes from the database."""

import sys
import time

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from iljari.matching.catalogue import catalogue_short_texts, catalogue_texts, normalizer
from iljari.matching.indexes import index_folder, reindex
from iljari.matching.models_runtime import embedding_cache
from iljari.matching.shipped_embeddings import FOLDER, shipped_coverage, shipped_write


class Command(BaseCommand):
    help = (
        "직업사전 정규화기와 구인표·구직자 매칭 색인을 다시 만듭니다. --embeddings는 직업사전 임베딩을 "
        "모델로 새로 계산해 함께 배포하는 파일을 다시 씁니다(2코어에서 몇 분)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--embeddings",
            action="store_true",
            help=f"직업사전 임베딩을 모델로 새로 계산해 {FOLDER}에 씁니다(직업사전이나 모델이 바뀐 뒤)",
        )
        parser.add_argument("--queue", action="store_true", help="작업 처리기(iljari worker)에 맡기고 바로 끝냄")

    def handle(self, *args: object, embeddings: bool, queue: bool, **options: object) -> None:
        if queue and embeddings:
            raise CommandError("--embeddings는 배포 파일을 이 자리에서 다시 쓰므로 --queue와 함께 쓸 수 없습니다.")
        if queue:
            from iljari.core.jobs import enqueue
            from iljari.matching.tasks import reindex_all

            job = enqueue(reindex_all)
            self.stdout.write(f"매칭 색인 작업 {job.pk}을 대기열에 넣었습니다({job.get_status_display()}).")
            return
        started = time.perf_counter()
        bars: dict[str, tqdm] = {}

        def progress(stage: str, done: int, total: int) -> None:
            bar = bars.get(stage) or bars.setdefault(
                stage, tqdm(total=total, desc=f"직업사전 임베딩({stage})", unit="건", leave=False, file=sys.stderr)
            )
            bar.update(done - bar.n)

        texts, short = catalogue_texts(), catalogue_short_texts()
        if embeddings:
            written = shipped_write(texts, short, cache=embedding_cache(), progress=progress)
            self.stdout.write(
                f"직업사전 임베딩 파일을 다시 만들었습니다: {FOLDER} "
                f"({', '.join(f'{m} {n:,}건' for m, n in written.items())})"
            )
        elif texts and (coverage := shipped_coverage(texts, short)).stale:
            self.stdout.write(
                f"함께 배포된 직업사전 임베딩이 지금의 직업사전·모델과 맞지 않습니다(글 {coverage.texts:,}건 중 "
                f"{coverage.missing:,}건 없음). 없는 글은 모델로 새로 계산합니다. 파일을 새로 만들려면 "
                "'iljari reindex --embeddings'를 실행해 주십시오."
            )
        # The normalizer first, so its count of texts sent to the models is the catalogue's alone.
        embedded = sum(model.embedded for model in normalizer(progress).retriever.embedders.values())
        indexes = reindex(progress)
        for bar in bars.values():
            bar.close()
        self.stdout.write(
            f"매칭 색인: 모집 중 구인표 {indexes.vacancies.columns.size:,}건, "
            f"구직자 {indexes.seekers.columns.size:,}명, 직업사전 임베딩 새로 계산 {embedded:,}건 "
            f"({time.perf_counter() - started:.1f}초, {index_folder()})"
        )
