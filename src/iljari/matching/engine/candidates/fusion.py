"""The learned fusion: a small LightGBM lambdarank model over each candidate's features.

Features of a (query, candidate document) pair: every retrieval signal raw, as a z-score
among all documents, as its rank, and the best z-score that signal gave any document (how
sure it is for this query); how the query overlaps the title and the extra names
(shared character pairs, a shared ending such as 조립원, containment, and how the parts before the
role word compare: 보석가공반장 is 보석가공 + 반장, a role word being an ending many catalogue titles
share, and how often a query ending in the one role word meant a title ending in the other, learned
from the alias set: 반장 → 감독자); the query's length,
script and whether it is in the catalogue's language; and how many of the best candidates
share the candidate's group (KECO code), since a query that several occupations of one group
answer is probably about that group. Missing evidence is NaN, which the model treats as
missing rather than as a low score.

The model is trained by ``bench/tune_fusion.py`` on the Korean alias development set only,
and shipped beside this file (``fusion_model.txt``). What it has seen is Korean queries against
the Korean catalogue, so it ranks those; queries in other languages (a Vietnamese phrasing, a
Spanish title against English ESCO), whose evidence the alias set cannot teach, are ranked by
the prior fusion: a weighted sum of the z-scores, with weights chosen on the tuning parts of
all development sets (the vocabulary's names count most there).
"""

import functools
import re
from collections import Counter
from pathlib import Path
from typing import Protocol

import numpy as np

from iljari.matching.engine.tokens import compact

LEXICAL = (
    "text_words",
    "text_ngrams",
    "title_ngrams",
    "details_words",
    "details_ngrams",
    "names_words",
    "names_ngrams",
)
SIGNALS = (*LEXICAL, "e5", "e5_title", "e5_names", "use", "use_title", "use_names")
RANK_DEPTH = 100  # ranks below this are "not near the top"
OVERLAP = (
    "title_dice",
    "title_trigram_dice",
    "title_suffix",
    "title_prefix",
    "title_in_query",
    "query_in_title",
    "title_length_ratio",
    "stem_dice",
    "role_pair",
    "names_dice",
    "name_exact",
    "name_in_query",
    "query_in_name",
    "has_names",
)
QUERY = ("query_chars", "query_words", "same_language", "hangul")
GROUP = ("group_share", "group_top10", "group_candidates")
FEATURES = (
    *(f"{s}{suffix}" for s in SIGNALS for suffix in ("", "_z", "_rank", "_peak")),
    "base",
    "base_rank",
    *OVERLAP,
    *QUERY,
    *GROUP,
)
ROLE_TITLES = 15  # an ending (of up to 4 characters) this many catalogue titles share is a role word: 반장, 조립원
MODEL_FILE = Path(__file__).with_name("fusion_model.txt")
ROLE_PAIRS_FILE = Path(__file__).with_name("fusion_roles.tsv")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")


# The prior fusion: weights of each signal's z-score, chosen by bench/tune_fusion.py on the
# tuning parts of the development sets, for the queries the learned model was not trained on.
PRIOR = {
    "e5": 1.0,
    "e5_title": 1.0,
    "e5_names": 1.0,
    "use": 0.75,
    "use_title": 0.75,
    "use_names": 0.75,
    "text_words": 0.1,
    "text_ngrams": 0.1,
    "title_ngrams": 0.0,
    "details_words": 0.0,
    "details_ngrams": 0.0,
    "names_words": 1.0,
    "names_ngrams": 1.0,
}
USE_KOREAN = 0.1  # USE's weight is multiplied by this for Korean queries (it is weak on Korean titles)
TRAINED_LANGUAGE = "ko"


class Fusion(Protocol):
    language: str  # queries in this language (against a catalogue in it) are scored by ``score``

    def score(self, features: np.ndarray) -> np.ndarray: ...


def prior_score(features: np.ndarray, weights: dict[str, float] = PRIOR) -> np.ndarray:
    """The weighted sum of the candidates' z-scores (missing evidence counts as zero)."""
    korean = features[:, FEATURES.index("hangul")] > 0
    total = np.zeros(len(features))
    for signal, weight in weights.items():
        z = np.nan_to_num(features[:, FEATURES.index(f"{signal}_z")])
        total += (np.where(korean, weight * USE_KOREAN, weight) if signal.startswith("use") else weight) * z
    return total


class LearnedFusion:
    """A LightGBM booster saved as text; one prediction is a few hundred candidates at once."""

    language = TRAINED_LANGUAGE

    def __init__(self, model_text: str) -> None:
        import lightgbm

        self.booster = lightgbm.Booster(model_str=model_text)
        names = tuple(self.booster.feature_name())
        if names != FEATURES:
            raise ValueError("the fusion model was trained on other features; run bench/tune_fusion.py")

    def score(self, features: np.ndarray) -> np.ndarray:
        return self.booster.predict(features, num_threads=1)


@functools.cache
def shipped_fusion() -> LearnedFusion:
    return LearnedFusion(MODEL_FILE.read_text(encoding="utf-8"))


class RolePairs:
    """How often a candidate whose title ends in role word B was the answer to a query ending in A.

    Counted by ``bench/tune_fusion.py`` over the alias set's candidates; a pair seldom seen leans
    on the rate over all pairs (two candidates' worth of it), so one lucky case does not decide.
    """

    def __init__(self, counts: dict[tuple[str, str], tuple[int, int]]) -> None:
        self.counts = counts
        relevant = sum(r for r, _ in counts.values())
        self.prior = relevant / max(sum(n for _, n in counts.values()), 1)

    def rate(self, query_role: str, title_role: str) -> float:
        if not query_role or not title_role:
            return float("nan")
        relevant, seen = self.counts.get((query_role, title_role), (0, 0))
        return (relevant + 2 * self.prior) / (seen + 2)

    def text(self) -> str:
        rows = sorted(self.counts.items(), key=lambda item: (-item[1][1], item[0]))
        return "query_role\ttitle_role\trelevant\tcandidates\n" + "".join(
            f"{a}\t{b}\t{r}\t{n}\n" for (a, b), (r, n) in rows
        )

    @classmethod
    def from_text(cls, text: str) -> "RolePairs":
        counts = {}
        for line in text.splitlines()[1:]:
            a, b, r, n = line.split("\t")
            counts[a, b] = (int(r), int(n))
        return cls(counts)


@functools.cache
def shipped_role_pairs() -> RolePairs:
    return (
        RolePairs.from_text(ROLE_PAIRS_FILE.read_text(encoding="utf-8")) if ROLE_PAIRS_FILE.exists() else RolePairs({})
    )


def zscores(matrix: np.ndarray) -> np.ndarray:
    """Per-row z-scores over the finite values, NaN where there is no value."""
    finite = np.isfinite(matrix)
    count = np.maximum(finite.sum(axis=1, keepdims=True), 1)
    filled = np.where(finite, matrix, 0.0)
    mean = filled.sum(axis=1, keepdims=True) / count
    std = np.sqrt((np.where(finite, matrix - mean, 0.0) ** 2).sum(axis=1, keepdims=True) / count)
    z = np.where(finite & (std > 1e-9), (filled - mean) / np.maximum(std, 1e-9), np.where(finite, 0.0, np.nan))
    return z.astype(np.float32)


def _best(matrix: np.ndarray, depth: int) -> list[np.ndarray]:
    """The ``depth`` best finite columns of each row, best first."""
    filled = np.where(np.isfinite(matrix), matrix, -np.inf)
    depth = min(depth, matrix.shape[1])
    top = np.argpartition(-filled, depth - 1, axis=1)[:, :depth]
    out = []
    for row, cols in zip(filled, top, strict=True):
        cols = cols[np.isfinite(row[cols])]
        out.append(cols[np.argsort(-row[cols], kind="stable")])
    return out


def _grams(text: str, n: int) -> set[str]:
    return {text[i : i + n] for i in range(len(text) - n + 1)} if len(text) >= n else ({text} if text else set())


def _dice(a: set[str], b: set[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def _common_affix(a: str, b: str, *, suffix: bool) -> int:
    if suffix:
        a, b = a[::-1], b[::-1]
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return min(n, 4)


class OverlapTexts:
    """What the overlap features need of the documents, computed once per corpus."""

    def __init__(self, titles: list[str], names: list[list[str]]) -> None:
        self.titles = [compact(t) for t in titles]
        self.title_pairs = [_grams(t, 2) for t in self.titles]
        endings = Counter(t[-n:] for t in set(self.titles) for n in range(1, 5) if len(t) > n)
        self.roles = frozenset(e for e, count in endings.items() if count >= ROLE_TITLES)
        self.title_roles = [self.role(t) for t in self.titles]
        self.stem_pairs = [_grams(t[: len(t) - len(r)], 2) for t, r in zip(self.titles, self.title_roles, strict=True)]
        self.title_triples = [_grams(t, 3) for t in self.titles]
        self.names = [[c for c in (compact(n) for n in doc) if c] for doc in names]
        self.name_pairs = [[_grams(n, 2) for n in doc] for doc in self.names]
        self.has_names = np.array([bool(doc) for doc in self.names], dtype=bool)

    def role(self, text: str) -> str:
        """The longest role word ``text`` ends in, with something before it ("" if none)."""
        return next((text[-n:] for n in (4, 3, 2, 1) if len(text) > n and text[-n:] in self.roles), "")


def candidate_features(
    signals,  # noqa: ANN001 - retrieval.Signals (imported there, not here, to keep the modules acyclic)
    *,
    overlap: OverlapTexts,
    groups: np.ndarray | None,
    per_signal: int,
    per_base: int,
) -> list[tuple[np.ndarray, np.ndarray]]:
    """For each query of a batch: its candidate documents and their feature rows (``FEATURES``).

    Candidates are the best ``per_signal`` documents of every signal and the best ``per_base``
    of the base score, the unweighted sum of every signal's z-score.
    """
    present = [s for s in SIGNALS if s in signals.matrices]
    raw = {s: signals.matrices[s] for s in present}
    z = {s: zscores(m) for s, m in raw.items()}
    best = {s: _best(m, max(RANK_DEPTH, per_signal)) for s, m in raw.items()}
    base = None
    for s in present:
        base = np.nan_to_num(z[s]) if base is None else base + np.nan_to_num(z[s])
    best_base = _best(base, max(RANK_DEPTH, per_base)) if base is not None else None
    out = []
    for q, query in enumerate(signals.queries):
        pools = [best[s][q][:per_signal] for s in present] + ([best_base[q][:per_base]] if present else [])
        candidates = np.unique(np.concatenate(pools)) if pools else np.zeros(0, dtype=np.int64)
        if not len(candidates):
            out.append((candidates, np.zeros((0, len(FEATURES)), dtype=np.float32)))
            continue
        columns: list[np.ndarray] = []
        for s in SIGNALS:
            if s not in raw:
                columns += [np.full(len(candidates), np.nan)] * 4
                continue
            finite = np.isfinite(raw[s][q])
            rank = np.where(finite, float(RANK_DEPTH), np.nan)
            top = best[s][q][:RANK_DEPTH]
            rank[top] = np.arange(len(top))
            # The peak says how sure this signal is for this query: a Spanish title's USE vector may
            # single out one occupation where a Korean one's does not.
            peak = z[s][q][top[0]] if len(top) else np.nan
            columns += [raw[s][q][candidates], z[s][q][candidates], rank[candidates], np.full(len(candidates), peak)]
        base_rank = np.full(base.shape[1], float(RANK_DEPTH))
        base_rank[best_base[q][:RANK_DEPTH]] = np.arange(min(RANK_DEPTH, len(best_base[q])))
        columns += [base[q][candidates], base_rank[candidates]]
        columns += _overlap(query, candidates, overlap, same_language=bool(signals.same_language[q]))
        n = len(candidates)
        columns += [
            np.full(n, len(compact(query))),
            np.full(n, len(query.split())),
            np.full(n, float(signals.same_language[q])),
            np.full(n, float(bool(_HANGUL.search(query)))),
        ]
        columns += _group(candidates, groups, base[q][candidates])
        out.append((candidates, np.column_stack(columns).astype(np.float32)))
    return out


def _overlap(query: str, candidates: np.ndarray, texts: OverlapTexts, *, same_language: bool) -> list[np.ndarray]:
    """Overlaps with the title (for queries in the catalogue's language, like the lexical signals) and names."""
    q = compact(query)
    q2, q3 = _grams(q, 2), _grams(q, 3)
    q_role = texts.role(q)
    pairs = shipped_role_pairs()
    q_stem = _grams(q[: len(q) - len(q_role)], 2)
    rows = np.zeros((len(candidates), len(OVERLAP)), dtype=np.float32)
    for i, d in enumerate(candidates.tolist()):
        t = texts.titles[d]
        if same_language:
            rows[i, 0] = _dice(q2, texts.title_pairs[d])
            rows[i, 1] = _dice(q3, texts.title_triples[d])
            rows[i, 2] = _common_affix(q, t, suffix=True)
            rows[i, 3] = _common_affix(q, t, suffix=False)
            rows[i, 4] = float(bool(t) and t in q)
            rows[i, 5] = float(bool(q) and q in t)
            rows[i, 6] = len(t) / max(len(q), 1)
            rows[i, 7] = _dice(q_stem, texts.stem_pairs[d])
            rows[i, 8] = pairs.rate(q_role, texts.title_roles[d])
        else:
            rows[i, 0:9] = np.nan
        if texts.has_names[d]:
            doc = texts.names[d]
            rows[i, 9] = max((_dice(q2, p) for p in texts.name_pairs[d]), default=0.0)
            rows[i, 10] = float(q in doc)
            rows[i, 11] = float(any(len(n) >= 2 and n in q for n in doc))
            rows[i, 12] = float(any(len(q) >= 2 and q in n for n in doc))
            rows[i, 13] = 1.0
        else:
            rows[i, 9:13] = np.nan
    return list(rows.T)


def _group(candidates: np.ndarray, groups: np.ndarray | None, base: np.ndarray) -> list[np.ndarray]:
    n = len(candidates)
    if groups is None:
        return [np.full(n, np.nan)] * 3
    weights = np.exp(base - base.max())
    weights /= weights.sum()
    mine = groups[candidates]
    same = mine[:, None] == mine[None, :]
    top10 = np.zeros(n, dtype=bool)
    top10[np.argsort(-base, kind="stable")[:10]] = True
    return [same @ weights, (same & top10[None, :]).sum(axis=1).astype(float), same.sum(axis=1).astype(float)]
