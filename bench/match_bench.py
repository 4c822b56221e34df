"""Matching benchmark: N synthetic vacancies from the job dictionary (fixed seed), one index.

Prints build time and peak memory; p50/p95 latency of a seeker's top 20 (filters, scores
and reasons) on one core; the same queries answered by a brute-force NumPy scan of every
vacancy (the baseline); and batch throughput (seekers/s) on 2 cores against a 100,000-
vacancy index, top 50 each.

    .venv/bin/python bench/match_bench.py [--vacancies 1000000] [--queries 300] [--batch-seekers 100000] [--json]

Title embeddings come from the embedding cache (var/embeddings.sqlite3); the first run
embeds the distinct titles (a few minutes) and later runs read them.
"""

import argparse
import csv
import json
import multiprocessing as mp
import os
import random
import resource
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from iljari.matching.engine.candidates.texts import TextSpace  # noqa: E402
from iljari.matching.engine.columns import VisaRules  # noqa: E402
from iljari.matching.engine.embeddings import CachedEmbedder, E5Embedder, EmbeddingCache  # noqa: E402
from iljari.matching.engine.matcher import VacancyIndex  # noqa: E402
from iljari.matching.engine.records import Occupation, SeekerRecord, VacancyRecord, VisaRule  # noqa: E402
from iljari.matching.engine.scores import evaluate_pairs  # noqa: E402
from iljari.paths import data_file, open_text, var_dir  # noqa: E402

SEED = 20261123
MINIMUM_HOURLY = 10320.0
TITLE_VARIANTS = ["", " (주간)", " 경력", " 신입", " 급구", " 정규직", " (2교대)"]
SHIFTS = ["day", "day", "day", "two_shift", "three_shift", "night", "weekend"]
ANSAN = (37.3219, 126.8309)


def _catalogue() -> tuple[list[Occupation], list[list[str]], dict[str, int]]:
    with open_text(data_file("ko-job-dictionary", "occupations.csv")) as fh:
        rows = list(csv.DictReader(fh))
    licence_ids: dict[str, int] = {}
    licences = [[n for n in r["licences"].split("|") if n] for r in rows]
    for names in licences:
        for n in names:
            licence_ids.setdefault(n, len(licence_ids))
    occupations = [
        Occupation(i, r["title"], r["keco_code"], r["keco_name"], r["ksco_code"]) for i, r in enumerate(rows)
    ]
    return occupations, licences, licence_ids


def _visas() -> VisaRules:
    return VisaRules(
        [
            VisaRule("E-9", "permitted_industries", ("7", "8", "9"), None, True),
            VisaRule("F-4", "no_simple_labour"),
            VisaRule("F-6", "unrestricted"),
            VisaRule("H-2", "permitted_industries", ("5", "7", "8", "9"), None, True),
        ]
    )


def _place(rng: random.Random) -> tuple[float, float]:
    return (ANSAN[0] + rng.uniform(-0.06, 0.06), ANSAN[1] + rng.uniform(-0.08, 0.08))


def make_vacancies(
    n: int, occupations: list[Occupation], licences: list[list[str]], licence_ids: dict[str, int], seed: int = SEED
) -> list[VacancyRecord]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        o = rng.randrange(len(occupations))
        names = licences[o]
        weekly = rng.choice([40, 40, 40, 40, 20, 30])
        hourly = MINIMUM_HOURLY * rng.uniform(1.0, 1.6)
        out.append(
            VacancyRecord(
                vacancy_id=i + 1,
                title=occupations[o].title + rng.choice(TITLE_VARIANTS),
                occupation=o,
                hourly_wage=hourly,
                monthly_wage=hourly * 209 * weekly / 40,
                weekly_hours=weekly,
                shift=rng.choice(SHIFTS),
                employment_type=rng.choice(["regular", "regular", "contract", "part_time"]),
                location=_place(rng),
                place="",
                required_licences=(licence_ids[names[0]],) if names and rng.random() < 0.15 else (),
                preferred_licences=tuple(licence_ids[x] for x in names[:2]) if rng.random() < 0.3 else (),
                korean_min=rng.choice([0, 0, 1, 2, 3]),
                accessible=rng.random() < 0.15,
                visa_codes=("E-9", "H-2") if rng.random() < 0.3 else (),
                openings=rng.choice([1, 1, 2, 3]),
                open_referrals=rng.choice([0, 0, 0, 1, 2, 5]),
            )
        )
    return out


def make_seekers(
    n: int,
    occupations: list[Occupation],
    licences: list[list[str]],
    licence_ids: dict[str, int],
    visas: VisaRules,
    seed: int = SEED + 1,
) -> list[SeekerRecord]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        o = rng.randrange(len(occupations))
        held = {licence_ids[x] for x in licences[o][:1]} if rng.random() < 0.5 else set()
        out.append(
            SeekerRecord(
                seeker_id=i + 1,
                desired_text=occupations[o].title,
                occupations=[(o, 1.0)],
                licences=frozenset(held),
                reservation_wage=rng.choice([None, 2_200_000, 2_500_000, 2_800_000]),
                work_hours=rng.choice(["any", "any", "full_time", "part_time"]),
                shifts=rng.choice([0, 0, 1, 5]),
                home=_place(rng),
                korean_level=rng.choice([4, 4, 4, 2, 1]),
                visa=rng.choice([None] * 8 + visas.rules[:2]),
            )
        )
    return out


def build_index(
    vacancies: list[VacancyRecord],
    occupations: list[Occupation],
    licence_ids: dict[str, int],
    visas: VisaRules,
    embedder: CachedEmbedder,
) -> VacancyIndex:
    index = VacancyIndex(occupations, visas, {v: k for k, v in licence_ids.items()}, TextSpace(embedder))
    for start in range(0, len(vacancies), 200_000):
        index.upsert(vacancies[start : start + 200_000])
    return index


def brute_force(index: VacancyIndex, seeker: SeekerRecord, vector: np.ndarray, k: int = 20) -> np.ndarray:
    """Score every vacancy row: the baseline an index must beat."""
    from iljari.matching.engine.columns import SeekerColumns
    from iljari.matching.engine.matcher import _broadcast

    rows = np.arange(index.columns.size)
    v = index.columns.take(rows)
    sims = (index.texts.vectors @ vector)[v["title"]]
    single = SeekerColumns()
    single.upsert_rows([seeker.seeker_id], single.values([seeker], np.array([-1]), index.visas))
    s = _broadcast(single.take(np.array([0])), len(rows))
    ev = evaluate_pairs(
        s, v, text_similarity=sims, catalogue=index.catalogue, visas=index.visas, minimum_hourly=MINIMUM_HOURLY
    )
    score = np.where(ev.passed, ev.score, -1.0)
    return np.argpartition(-score, k)[:k]


_BATCH: dict = {}


def _batch_worker(chunk: list[SeekerRecord]) -> int:
    index, vectors = _BATCH["index"], _BATCH["vectors"]
    found = 0
    for seeker in chunk:
        found += len(
            index.match(
                seeker,
                k=50,
                minimum_hourly=MINIMUM_HOURLY,
                near_misses=0,
                query_vector=vectors[seeker.desired_text],
                explain=False,
            ).matches
        )
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--vacancies", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--batch-seekers", type=int, default=100_000)
    parser.add_argument("--batch-vacancies", type=int, default=100_000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    occupations, licences, licence_ids = _catalogue()
    visas = _visas()
    cache = EmbeddingCache(var_dir() / "embeddings.sqlite3")
    embedder = CachedEmbedder(E5Embedder(threads=2), cache)
    vacancies = make_vacancies(args.vacancies, occupations, licences, licence_ids)
    started = time.perf_counter()
    index = build_index(vacancies, occupations, licence_ids, visas, embedder)
    build_s = time.perf_counter() - started
    del vacancies
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"vacancies {args.vacancies:,}: index built in {build_s:.1f} s ({embedder.embedded:,} titles embedded, "
        f"{len(index.texts):,} distinct titles), peak RSS {peak_mb:,.0f} MB",
        flush=True,
    )

    seekers = make_seekers(args.queries, occupations, licences, licence_ids, visas)
    vectors = {s.desired_text: index.texts.query_vector(s.desired_text) for s in seekers}
    latencies, brute = [], []
    for seeker in seekers:
        t = time.perf_counter()
        index.match(seeker, k=20, minimum_hourly=MINIMUM_HOURLY, query_vector=vectors[seeker.desired_text])
        latencies.append((time.perf_counter() - t) * 1000)
    for seeker in seekers[:50]:
        t = time.perf_counter()
        brute_force(index, seeker, vectors[seeker.desired_text])
        brute.append((time.perf_counter() - t) * 1000)
    p50, p95 = np.percentile(latencies, 50), np.percentile(latencies, 95)
    bf95 = float(np.percentile(brute, 95))
    print(
        f"top-20 for one seeker (one core, filters, scores, reasons): p50 {p50:.2f} ms, p95 {p95:.2f} ms; "
        f"brute-force scan p95 {bf95:.1f} ms → {bf95 / p95:.0f}× faster",
        flush=True,
    )
    del index

    batch_vacancies = make_vacancies(args.batch_vacancies, occupations, licences, licence_ids, seed=SEED + 7)
    batch_index = build_index(batch_vacancies, occupations, licence_ids, visas, embedder)
    batch_seekers = make_seekers(args.batch_seekers, occupations, licences, licence_ids, visas, seed=SEED + 9)
    texts = sorted({s.desired_text for s in batch_seekers})
    batch_index.texts.nearest(batch_index.texts.vectors[0], 1)  # build the title index once, before forking
    _BATCH["index"] = batch_index
    _BATCH["vectors"] = dict(zip(texts, batch_index.texts.embedder.embed(texts, "query"), strict=True))
    chunks = [batch_seekers[i : i + 2000] for i in range(0, len(batch_seekers), 2000)]
    started = time.perf_counter()
    with mp.get_context("fork").Pool(2) as pool:
        found = sum(pool.map(_batch_worker, chunks))
    batch_s = time.perf_counter() - started
    rate = len(batch_seekers) / batch_s
    print(
        f"batch: {len(batch_seekers):,} seekers × {args.batch_vacancies:,} vacancies, top 50 each, 2 processes: "
        f"{batch_s:.1f} s ({rate:,.0f} seekers/s, {found / len(batch_seekers):.1f} matches each)"
    )
    print("goals (issue 20): p95 ≤ 2 ms and ≥ 200× the scan; 100k × 100k top 50 ≤ 30 s (bench/batch_bench.py)")
    if args.json:
        print(
            json.dumps(
                {
                    "vacancies": args.vacancies,
                    "build_s": round(build_s, 1),
                    "peak_rss_mb": round(peak_mb),
                    "p50_ms": round(float(p50), 2),
                    "p95_ms": round(float(p95), 2),
                    "batch_seekers_per_s": round(rate),
                    "bruteforce_p95_ms": round(bf95, 1),
                }
            )
        )


if __name__ == "__main__":
    main()
