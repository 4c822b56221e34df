"""Batch recommendations: many seekers' top ``k`` with reasons, from a saved snapshot, without Django.

A run's snapshot is a folder: the saved indexes (the files ``MatchingIndexes.save`` writes), the
catalogue they were built with (``context.json``) and the query vector of every seeker's 희망직종
(``queries.npy``), so a worker needs only these files and NumPy — no database, no model. On Ray the
folder travels through the object store as bytes (``snapshot_bytes``), so a worker on another
machine needs no shared disk either.

A shard is a range of seeker ids; its worker scores the active seekers of the snapshot in that range.
Seekers who ask for the same work (the same 희망직종 and occupations) share one candidate gathering
and are scored together as one (seekers × candidates) array operation.
"""

import json
import os
import resource
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from iljari.matching.engine.candidates.texts import EXACT_LIMIT, TextSpace
from iljari.matching.engine.columns import VisaRules
from iljari.matching.engine.matcher import NEAREST_TEXTS, Match, SeekerIndex, VacancyIndex
from iljari.matching.engine.reasons import Reason, reason_codes, stored_items
from iljari.matching.engine.records import Occupation, SeekerRecord, VisaRule
from iljari.matching.engine.saved import read_indexes

TOP_K = 50
CANDIDATES = 1000  # rows scored per group of alike seekers: room for a top 50 after the filters
BLOCK_PAIRS = 65_536  # (seeker, vacancy) pairs scored in one array operation
KNOWN_GROUPS = 20_000  # groups of alike seekers whose candidates a worker keeps across shards
TEXTS_AT_ONCE = 64  # 희망직종 whose title similarities are computed together (64 × titles floats)
CONTEXT = "context.json"
QUERIES = "queries.npy"


def _group_candidates(
    index: VacancyIndex,
    text: str,
    occupations: tuple[int, ...],
    vector: np.ndarray | None,
    budget: int,
    similar: tuple[np.ndarray, tuple[np.ndarray, np.ndarray]],
) -> tuple[np.ndarray, np.ndarray]:
    """The rows a group of alike seekers is scored against, and their titles' similarity to the 희망직종;
    ``similar`` is the 희망직종's (similarity to every title, nearest titles) from ``_title_similarities``."""
    every, nearest = similar
    probe = SeekerRecord(seeker_id=0, desired_text=text, occupations=[(o, 1.0) for o in occupations])
    rows = index._candidates(probe, nearest[0], budget=budget)
    titles = index.columns.data["title"][rows]
    if not len(every):  # no 희망직종, or a space searched by its index
        return rows, index._text_similarity(vector, titles, nearest)
    return rows, every[titles]


def _title_similarities(
    index: VacancyIndex, vectors: list[np.ndarray | None]
) -> Iterator[tuple[np.ndarray, tuple[np.ndarray, np.ndarray]]]:
    """Each 희망직종's similarity to every title (exact spaces only) and its nearest titles, from one product
    (``nearest`` and ``_text_similarity`` each computed it, once per group); the products of many at once."""
    texts = index.texts
    exact = 0 < len(texts) <= EXACT_LIMIT
    asked = [v for v in vectors if v is not None] if exact else []
    every = iter(texts.similarities_many(asked))
    k = min(NEAREST_TEXTS, len(texts))
    for vector in vectors:
        if vector is None or not exact:
            yield np.zeros(0, dtype=np.float32), texts.nearest(vector, NEAREST_TEXTS)
            continue
        row = next(every)
        yield row, texts.highest(row, k)


def top_matches(
    index: VacancyIndex,
    people: np.ndarray,
    *,
    ids: np.ndarray,
    texts: list[str],
    vectors: Mapping[str, np.ndarray | None],
    k: int,
    minimum_hourly: float,
    budget: int = CANDIDATES,
    known: dict | None = None,
) -> dict[int, str]:
    """Each seeker's top ``k`` open vacancies with reasons, as the JSON text ``StoredMatches.items`` keeps;
    ``people`` are rows of ``SeekerColumns``, ``known`` the candidates of groups seen before (a worker's).

    The one path both the nightly batch and a counselor's "다시 계산" take, so a refreshed list is
    ranked exactly as the stored ones are. Seekers of any group are scored together, a block of about
    ``BLOCK_PAIRS`` pairs in one array operation, so NumPy's cost per call is paid per block, not per seeker.
    """
    people = people.copy()
    people["desired"] = np.array([0 if t else -1 for t in texts], dtype=np.int32)
    groups: dict[tuple[str, tuple[int, ...]], list[int]] = defaultdict(list)
    for i, occupations in enumerate(people["occupations"].tolist()):
        groups[(texts[i], tuple(o for o in occupations if o >= 0))].append(i)
    known = {} if known is None else known
    if len(known) > KNOWN_GROUPS:
        known.clear()
    budget = max(budget, 10 * k)
    results: dict[int, str] = {}
    block: list[tuple[int, np.ndarray, np.ndarray]] = []
    pairs = 0
    # groups met for the first time: each 희망직종's similarity to the titles is computed once for all its groups
    fresh: dict[str, list[tuple[str, tuple[int, ...]]]] = defaultdict(list)
    for key in groups:
        if key not in known:
            fresh[key[0]].append(key)
    fresh_texts = list(fresh)
    for start in range(0, len(fresh_texts), TEXTS_AT_ONCE):
        some = fresh_texts[start : start + TEXTS_AT_ONCE]
        chosen = [vectors.get(text) if text else None for text in some]
        for text, vector, similar in zip(some, chosen, _title_similarities(index, chosen), strict=True):
            for key in fresh[text]:
                known[key] = _group_candidates(index, text, key[1], vector, budget, similar)
    for key, members in groups.items():
        rows, sims = known[key]
        if not len(rows):
            results.update((int(ids[m]), "[]") for m in members)
            continue
        for person in members:
            block.append((person, rows, sims))
            pairs += len(rows)
            if pairs >= BLOCK_PAIRS:
                results.update(_block_matches(index, people, ids, block, k, minimum_hourly))
                block, pairs = [], 0
    if block:
        results.update(_block_matches(index, people, ids, block, k, minimum_hourly))
    return results


def _block_matches(
    index: VacancyIndex,
    people: np.ndarray,
    ids: np.ndarray,
    block: list[tuple[int, np.ndarray, np.ndarray]],
    k: int,
    minimum_hourly: float,
) -> Iterator[tuple[int, str]]:
    """The stored lists of a block of (person, candidate rows, title similarities)."""
    persons = np.array([p for p, _, _ in block], dtype=np.int64)
    counts = np.array([len(r) for _, r, _ in block], dtype=np.int64)
    rows = np.concatenate([r for _, r, _ in block])
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    s = np.repeat(people[persons], counts)
    v = index.columns.take(rows)
    ev = index._evaluate(s, v, np.concatenate([x for _, _, x in block]), minimum_hourly)
    score = np.where(ev.passed, ev.score, -np.inf).astype(np.float32)
    # a (person × candidate) matrix, each person's candidates in their order, padded with -inf
    owner = np.repeat(np.arange(len(block)), counts)
    column = np.arange(len(rows)) - starts[owner]
    matrix = np.full((len(block), int(counts.max())), -np.inf, dtype=np.float32)
    matrix[owner, column] = score
    keep = min(k, matrix.shape[1])
    kth = np.partition(matrix, matrix.shape[1] - keep, axis=1)[:, matrix.shape[1] - keep]
    # everything at or above each person's k-th best, best first and ties in candidate order (as the
    # one-seeker path ``VacancyIndex.match`` orders them), then the first k that fit
    who, where = np.nonzero(matrix >= kth[:, None])
    order = np.lexsort((-matrix[who, where], who))
    who, where = who[order], where[order]
    first = np.searchsorted(who, np.arange(len(block)))
    rank = np.arange(len(who)) - first[who]
    chosen = (rank < keep) & np.isfinite(matrix[who, where])
    who, at = who[chosen], starts[who[chosen]] + where[chosen]
    items = stored_items(
        reason_codes(ev, at, s, v),
        vacancy_ids=index.columns.ids[rows[at]],
        vacancy_rows=rows[at],
        scores=score[at],
        catalogue=index.catalogue,
        visas=index.visas,
        licence_names=index.licence_names,
        vacancy_titles=index.titles_text,
    )
    bounds = np.searchsorted(who, np.arange(len(block) + 1)).tolist()
    for n, person in enumerate(persons.tolist()):
        yield int(ids[person]), "[" + ",".join(items[bounds[n] : bounds[n + 1]]) + "]"


@dataclass
class Snapshot:
    """What a worker loads once and uses for every shard of a run."""

    vacancies: VacancyIndex
    seekers: SeekerIndex
    queries: dict[str, np.ndarray | None]
    minimum_hourly: float
    k: int
    known: dict = field(default_factory=dict)  # candidates of the groups of alike seekers met so far


def write_context(
    folder: Path,
    *,
    catalogue: list[Occupation],
    visa_rules: list[VisaRule],
    licence_names: dict[int, str],
    minimum_hourly: float,
    k: int,
    queries: np.ndarray,
) -> None:
    """Beside the saved indexes: what they were built with, and the seekers' query vectors (one row
    per text of the seeker index's text space, in its order; zeros for an empty text)."""
    context = {
        "catalogue": [[o.title, o.keco_code, o.keco_name, o.ksco_code] for o in catalogue],
        "visa_rules": [
            [r.code, r.scope, list(r.permitted_keco_prefixes), r.weekly_hours_limit, r.requires_listing]
            for r in visa_rules
        ],
        "licence_names": {str(pk): name for pk, name in licence_names.items()},
        "minimum_hourly": minimum_hourly,
        "k": k,
    }
    (folder / CONTEXT).write_text(json.dumps(context, ensure_ascii=False), encoding="utf-8")
    np.save(folder / QUERIES, queries.astype(np.float32))


def load_snapshot(folder: Path) -> Snapshot:
    context = json.loads((folder / CONTEXT).read_text(encoding="utf-8"))
    catalogue = [Occupation(i, *row) for i, row in enumerate(context["catalogue"])]
    visas = VisaRules(
        VisaRule(code, scope, tuple(prefixes), hours, listing)
        for code, scope, prefixes, hours, listing in context["visa_rules"]
    )
    names = {int(pk): name for pk, name in context["licence_names"].items()}
    vacancies = VacancyIndex(catalogue, visas, names, TextSpace(None))
    seekers = SeekerIndex(catalogue, visas, names, TextSpace(None))
    read_indexes(folder, vacancies=vacancies, seekers=seekers)
    vectors = np.load(folder / QUERIES)
    queries = {t: (vectors[i] if t else None) for i, t in enumerate(seekers.texts.texts)}
    return Snapshot(vacancies, seekers, queries, float(context["minimum_hourly"]), int(context["k"]))


def shard_matches(snapshot: Snapshot, first: int, last: int) -> dict[int, str]:
    """The stored list (JSON text) of every active seeker of the snapshot whose id is in ``first..last``."""
    columns = snapshot.seekers.columns
    ids = columns.ids[: columns.size]
    rows = np.flatnonzero((ids >= first) & (ids <= last) & columns["active"])
    people = columns.take(rows)
    texts = snapshot.seekers.texts.texts
    return top_matches(
        snapshot.vacancies,
        people,
        ids=ids[rows],
        texts=[texts[d] if d >= 0 else "" for d in people["desired"].tolist()],
        vectors=snapshot.queries,
        k=snapshot.k,
        minimum_hourly=snapshot.minimum_hourly,
        known=snapshot.known,
    )


@dataclass
class ShardResult:
    number: int
    lists: dict[int, str]  # seeker id → the JSON text of its stored list (``StoredMatches.items``)
    seconds: float
    cpu_seconds: float  # this process's CPU time on the shard: what the shard costs, whatever else runs
    peak_rss_mb: float
    worker: str


def from_plain(found: list) -> list[Match]:
    """A stored list's items (``StoredMatches.items``) as matches."""
    return [
        Match(int(v), float(score), [Reason(c, p, bool(pos)) for c, p, pos in reasons]) for v, score, reasons in found
    ]


# A worker process keeps the last snapshot it loaded: every later shard of the run reuses it.
_loaded: dict[str, Snapshot] = {}


def _snapshot_for(key: str, folder: Path | None, files: Mapping[str, bytes] | None) -> Snapshot:
    if key not in _loaded:
        _loaded.clear()
        if folder is None:
            folder = Path(tempfile.mkdtemp(prefix="iljari-batch-"))
            for name, content in (files or {}).items():
                (folder / name).parent.mkdir(parents=True, exist_ok=True)
                (folder / name).write_bytes(content)
        _loaded[key] = load_snapshot(folder)
    return _loaded[key]


def run_shard(
    number: int, first: int, last: int, *, key: str, folder: str | None = None, files: Mapping[str, bytes] | None = None
) -> ShardResult:
    """One shard in this process: the snapshot from ``folder`` (same machine) or ``files`` (Ray)."""
    started, cpu = time.perf_counter(), time.process_time()
    snapshot = _snapshot_for(key, Path(folder) if folder else None, files)
    matches = shard_matches(snapshot, first, last)
    return ShardResult(
        number,
        matches,
        time.perf_counter() - started,
        time.process_time() - cpu,
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        f"{os.uname().nodename}:{os.getpid()}",
    )


def snapshot_bytes(folder: Path) -> dict[str, bytes]:
    """The snapshot's files by relative path: what a Ray worker on any machine rebuilds it from."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


Shard = tuple[int, int, int]  # (number, first seeker id, last seeker id)


def run_local(shards: list[Shard], *, key: str, folder: Path, workers: int) -> Iterator[ShardResult]:
    """Shards in this process (``workers`` ≤ 1) or a pool of fresh processes, results as they finish."""
    if workers <= 1:
        for number, first, last in shards:
            yield run_shard(number, first, last, key=key, folder=str(folder))
        return
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor, as_completed

    # spawn: a worker imports the engine only, never the Django the parent has loaded
    with ProcessPoolExecutor(max_workers=workers, mp_context=mp.get_context("spawn")) as pool:
        futures = [pool.submit(run_shard, n, a, b, key=key, folder=str(folder)) for n, a, b in shards]
        for future in as_completed(futures):
            yield future.result()


def run_ray(shards: list[Shard], *, key: str, folder: Path, address: str, workers: int | None) -> Iterator[ShardResult]:
    """Shards as Ray tasks (one CPU each), results as they finish.

    ``address``: "local" starts a Ray instance on this machine with ``workers`` CPUs; "auto" joins the
    cluster this machine belongs to; anything else is a cluster's address (``ray://host:10001``).
    """
    import ray

    if not ray.is_initialized():
        options: dict = {"include_dashboard": False, "log_to_driver": False}
        if address == "local":
            ray.init(num_cpus=workers or os.cpu_count(), **options)
        else:
            ray.init(address=address, **options)
    files = ray.put(snapshot_bytes(folder))
    task = ray.remote(num_cpus=1, max_retries=2)(_ray_shard)
    pending = {task.remote(n, a, b, key=key, files=files): n for n, a, b in shards}
    while pending:
        done, _ = ray.wait(list(pending), num_returns=1)
        pending.pop(done[0])
        yield ray.get(done[0])


def _ray_shard(number: int, first: int, last: int, *, key: str, files: Mapping[str, bytes]) -> ShardResult:
    return run_shard(number, first, last, key=key, files=files)
