"""``iljari eval retrieval DIR [--json]``: recall, nDCG and MRR at 10 for bm25, vector and hybrid."""

import json
import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from iljari.matching.catalogue import catalogue_documents, load_user_dictionary
from iljari.matching.engine.candidates.retrieval import METHODS, HybridRetriever
from iljari.matching.engine.evaluation import eval_corpus, evaluate, load_eval_set
from iljari.matching.evalsets import build_concept_set
from iljari.matching.models_runtime import retrieval_embedders
from iljari.paths import data_file


class Command(BaseCommand):
    help = "검색 평가: DIR의 corpus.tsv·queries.tsv·qrels.tsv로 bm25, vector, hybrid의 recall@10, nDCG@10, MRR@10을 잽니다."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="what", required=True)
        retrieval = sub.add_parser("retrieval", help="검색 품질 평가")
        retrieval.add_argument("folder", type=Path)
        retrieval.add_argument("--json", dest="as_json", action="store_true", help="마지막 줄에 결과를 JSON으로 출력")
        retrieval.add_argument("--k", type=int, default=10)

    def handle(self, *args: object, what: str, folder: Path, as_json: bool, k: int, **options: object) -> None:
        if (folder / "source.tsv").exists():
            build_concept_set(folder, data_file("ko-job-dictionary", "occupations.csv"))
        try:
            data = load_eval_set(folder)
        except FileNotFoundError as exc:
            raise CommandError(str(exc)) from exc
        started = time.perf_counter()
        load_user_dictionary()
        embedders = retrieval_embedders()
        bars: dict[str, tqdm] = {}

        def progress(stage: str, done: int, total: int) -> None:
            bar = bars.get(stage) or bars.setdefault(
                stage, tqdm(total=total, desc=f"embedding {stage}", unit="doc", leave=False, file=sys.stderr)
            )
            bar.update(done - bar.n)

        retriever = HybridRetriever(embedders).fit(eval_corpus(data, catalogue_documents()), progress=progress)
        for bar in bars.values():
            bar.close()
        results = evaluate(retriever, data, k=k, methods=METHODS)
        seconds = time.perf_counter() - started
        embedded = sum(e.embedded for e in embedders.values())
        self.stdout.write(
            f"{folder.name}: {len(data.doc_ids):,} documents, {len(data.query_ids):,} queries, "
            f"{seconds:.1f} s ({embedded:,} texts embedded, the rest from the cache)"
        )
        for method in METHODS:
            metrics = results[method]
            self.stdout.write(f"  {method:<7} " + "  ".join(f"{key} {value:.4f}" for key, value in metrics.items()))
        for lang, metrics in results.get("languages", {}).get("hybrid", {}).items():
            self.stdout.write(
                f"    hybrid {lang:<7} " + "  ".join(f"{key} {value:.4f}" for key, value in metrics.items())
            )
        if as_json:
            self.stdout.write(json.dumps({**results, "queries": len(data.query_ids)}, ensure_ascii=False))
