"""Matching in both directions: a seeker's vacancies and a vacancy's seekers.

candidates (occupation lists, KECO group lists, nearest titles: ``candidates/``) → filters
(``filters.py``) and scores (``scores.py``) over arrays → the top ``k`` → reasons
(``reasons.py``, codes the web layer renders in Korean).
"""

from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

from iljari.matching.engine.candidates.lists import Lists
from iljari.matching.engine.candidates.texts import EXACT_LIMIT, TextSpace
from iljari.matching.engine.columns import SeekerColumns, VacancyColumns, VisaRules
from iljari.matching.engine.filters import near_miss_pairs
from iljari.matching.engine.outcomes import Order, outcome_features
from iljari.matching.engine.reasons import Reason, pairs_reasons
from iljari.matching.engine.records import Occupation, SeekerRecord, VacancyRecord
from iljari.matching.engine.scores import Catalogue, PairEvaluation, evaluate_pairs

NEAREST_TEXTS = 100  # similar titles looked up per query
SCAN_LIMIT = 200_000  # below this, a query with nothing to go on scans every active row
MAX_CANDIDATES = 2000  # rows scored per query; enough for a top 20 with room for the filters


@dataclass
class Match:
    record_id: int
    score: float
    reasons: list[Reason]
    missing: list[Reason] = field(default_factory=list)
    components: dict[str, float] = field(default_factory=dict)


@dataclass
class MatchResult:
    matches: list[Match]
    near_misses: list[Match]
    candidates: int


def _broadcast(single: np.ndarray, n: int) -> dict[str, np.ndarray]:
    """One record repeated ``n`` times, as read-only views (no copies)."""
    return {name: np.broadcast_to(single[name][0], (n, *single[name].shape[1:])) for name in single.dtype.names}


class _Index:
    """What both directions share: a catalogue, residence rules, licence names, a text space."""

    def __init__(
        self, catalogue: list[Occupation], visas: VisaRules, licence_names: dict[int, str], texts: TextSpace
    ) -> None:
        self.occupations = catalogue
        self.catalogue = Catalogue(
            keco=np.array(
                [int(o.keco_code) if o.keco_code.isdigit() else -1 for o in catalogue] or [-1], dtype=np.int16
            ),
            titles=[o.title for o in catalogue],
            keco_names={int(o.keco_code): o.keco_name for o in catalogue if o.keco_code.isdigit()},
        )
        self.ksco_major = np.array(
            [int(o.ksco_code[0]) if o.ksco_code[:1].isdigit() else -1 for o in catalogue] or [-1], dtype=np.int8
        )
        self.visas = visas
        self.licence_names = licence_names
        self.texts = texts
        self.by_occupation, self.by_keco, self.by_text = Lists(), Lists(), Lists()

    def _keco_of(self, occupation: int) -> int:
        return int(self.catalogue.keco[occupation]) if occupation >= 0 else -1

    def _text_similarity(
        self, vector: np.ndarray | None, text_ids: np.ndarray, nearest: tuple[np.ndarray, np.ndarray]
    ) -> np.ndarray:
        """Similarity of each row's text to the query: exact for small spaces, else from the nearest."""
        if vector is None or not len(self.texts):
            return np.zeros(len(text_ids), dtype=np.float32)
        if len(self.texts) <= EXACT_LIMIT:
            return self.texts.similarities(vector)[text_ids]
        known = np.zeros(len(self.texts), dtype=np.float32)
        known[nearest[0]] = nearest[1]
        return known[text_ids]

    def _evaluate(self, s: dict, v: dict, sims: np.ndarray, minimum_hourly: float) -> PairEvaluation:
        return evaluate_pairs(
            s, v, text_similarity=sims, catalogue=self.catalogue, visas=self.visas, minimum_hourly=minimum_hourly
        )

    def _pairs_reasons(
        self, ev: PairEvaluation, pairs: list[int], s: dict, v: dict, **places: list[str]
    ) -> list[tuple[list[Reason], list[Reason]]]:
        return pairs_reasons(
            ev, pairs, s, v, catalogue=self.catalogue, visas=self.visas, licence_names=self.licence_names, **places
        )


class VacancyIndex(_Index):
    """Open vacancies, for finding a seeker's best matches."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.columns = VacancyColumns()
        self.titles_text: dict[int, str] = {}
        self.places: dict[int, str] = {}

    def upsert(self, records: list[VacancyRecord], *, lists: bool = True) -> None:
        """Add or change these rows; ``lists=False`` leaves the candidate lists to one ``rebuild_lists`` after
        a load in pages (each page folded in would sort every list again)."""
        if not records:
            return
        fresh = len(self.columns.row_of) == 0
        text_ids = self.texts.ids([r.title for r in records])
        keco = [self._keco_of(r.occupation) for r in records]
        ksco = [int(self.ksco_major[r.occupation]) if r.occupation >= 0 else -1 for r in records]
        known = {r.vacancy_id for r in records if r.vacancy_id in self.columns.row_of}
        rows = self.columns.upsert_rows(
            [r.vacancy_id for r in records], self.columns.values(records, keco, ksco, text_ids, self.visas)
        )
        for row, record in zip(rows.tolist(), records, strict=True):
            self.titles_text[row] = record.title
            self.places[row] = record.place
        if not lists:
            return
        if fresh:
            self.rebuild_lists()
            return
        # a changed row stays listed (candidates are re-checked against the columns); new rows are added
        new = [i for i, r in enumerate(records) if r.vacancy_id not in known]
        added = rows[new].tolist()
        self.by_occupation.add_many([records[i].occupation for i in new], added)
        self.by_keco.add_many([keco[i] for i in new], added)
        self.by_text.add_many([int(text_ids[i]) for i in new], added)

    def rebuild_lists(self) -> None:
        """Occupation, KECO and title lists from the columns (after a bulk load)."""
        self.by_occupation, self.by_keco, self.by_text = Lists(), Lists(), Lists()
        rows = np.arange(self.columns.size)
        self.by_occupation.bulk(self.columns["occupation"].astype(np.int64), rows)
        self.by_keco.bulk(self.columns["keco"].astype(np.int64), rows)
        self.by_text.bulk(self.columns["title"].astype(np.int64), rows)

    def close(self, vacancy_ids: list[int]) -> None:
        rows = [self.columns.row_of[i] for i in vacancy_ids if i in self.columns.row_of]
        self.columns.set("active", rows, False)

    def _candidates(self, seeker: SeekerRecord, nearest_texts: np.ndarray, budget: int = MAX_CANDIDATES) -> np.ndarray:
        """Rows worth scoring, in order of promise, up to ``MAX_CANDIDATES`` active ones.

        The seeker's own occupations first, then the most similar titles, then the rest of
        their KECO groups (newest rows first), so a huge group cannot swamp the budget.
        """
        own = np.array([o for o, _ in seeker.occupations[:3]], dtype=np.int64)
        parts = [self.by_occupation.get_many(own), self.by_text.get_many(nearest_texts.astype(np.int64))]
        room = 2 * budget - sum(len(p) for p in parts)
        groups = np.array(sorted({self._keco_of(o) for o, _ in seeker.occupations[:3]} - {-1}), dtype=np.int64)
        if room > 0 and len(groups):
            parts.append(self.by_keco.get_many(groups)[::-1][:room])
        if not seeker.occupations and not len(nearest_texts) and self.columns.size <= SCAN_LIMIT:
            parts.append(np.arange(self.columns.size))
        ordered = np.concatenate(parts)
        ordered = ordered[self.columns["active"][ordered]]
        _, first = np.unique(ordered, return_index=True)
        return ordered[np.sort(first)[:budget]]

    def match(
        self,
        seeker: SeekerRecord,
        *,
        k: int = 20,
        minimum_hourly: float,
        near_misses: int = 5,
        query_vector: np.ndarray | None = None,
        explain: bool = True,
        within: list[int] | None = None,
        order: Order | None = None,
    ) -> MatchResult:
        """The seeker's top ``k`` open vacancies; ``explain=False`` skips the reasons (batch runs).

        ``within`` scores only those vacancy ids (a hiring event's booths) instead of searching.
        ``order`` (a ranker learned from outcomes) orders the fitting vacancies instead of the v1
        score; which vacancies fit, and the score shown, stay the v1 rules'.
        """
        vector = query_vector if query_vector is not None else self.texts.query_vector(seeker.desired_text)
        nearest = self.texts.nearest(vector, NEAREST_TEXTS)
        if within is None:
            rows = self._candidates(seeker, nearest[0])
        else:
            rows = np.array([self.columns.row_of[i] for i in within if i in self.columns.row_of], dtype=np.int64)
            rows = rows[self.columns["active"][rows]] if len(rows) else rows
        if not len(rows):
            return MatchResult([], [], 0)
        v = self.columns.take(rows)
        sims_for_rows = self._text_similarity(vector, v["title"], nearest)
        single = SeekerColumns()
        s = _broadcast(
            single.records(single.values([seeker], np.array([0 if seeker.desired_text else -1]), self.visas)), len(rows)
        )
        ev = self._evaluate(s, v, sims_for_rows, minimum_hourly)
        ranking = ev.score if order is None else np.asarray(order(outcome_features(ev, s, v)), dtype=np.float64)
        return MatchResult(
            self._top(ev, rows, s, v, seeker.home_place, ev.passed, k, explain, ranking),
            self._top(
                ev,
                rows,
                s,
                v,
                seeker.home_place,
                near_miss_pairs(ev.failures, ev.components["occupation"]),
                near_misses,
                explain,
                ev.score,
            ),
            len(rows),
        )

    def _top(
        self,
        ev: PairEvaluation,
        rows: np.ndarray,
        s: dict,
        v: dict,
        home: str,
        mask: np.ndarray,
        k: int,
        explain: bool,
        ranking: np.ndarray,
    ) -> list[Match]:
        chosen = np.flatnonzero(mask)
        if not len(chosen) or k <= 0:
            return []
        best = chosen[np.argsort(-ranking[chosen], kind="stable")[:k]]
        if not explain:
            return [Match(int(self.columns.ids[rows[i]]), float(ev.score[i]), []) for i in best]
        at = rows[best]
        explained = self._pairs_reasons(
            ev,
            best.tolist(),
            s,
            v,
            seeker_places=[home] * len(best),
            vacancy_places=[self.places.get(row, "") for row in at.tolist()],
            vacancy_titles=[self.titles_text.get(row, "") for row in at.tolist()],
        )
        components = {n: c[best].tolist() for n, c in ev.components.items()}
        return [
            Match(
                int(record_id),
                score,
                reasons,
                missing,
                {n: values[j] for n, values in components.items()},
            )
            for j, (record_id, score, (reasons, missing)) in enumerate(
                zip(self.columns.ids[at].tolist(), ev.score[best].tolist(), explained, strict=True)
            )
        ]

    def match_many(
        self,
        seekers: list[SeekerRecord],
        *,
        k: int,
        minimum_hourly: float,
        vectors: dict[str, np.ndarray],
        budget: int = 600,
    ) -> dict[int, list[tuple[int, float]]]:
        """Top ``k`` (vacancy id, score) for many seekers, without reasons: the batch path.

        Seekers asking for the same job share their candidates, so each group is scored as
        one (seekers × candidates) array operation instead of one call per seeker.
        """
        groups: dict[tuple, list[SeekerRecord]] = defaultdict(list)
        for seeker in seekers:
            groups[(seeker.desired_text, tuple(o for o, _ in seeker.occupations[:3]))].append(seeker)
        results: dict[int, list[tuple[int, float]]] = {}
        for (text, _), members in groups.items():
            vector = vectors.get(text)
            nearest = self.texts.nearest(vector, NEAREST_TEXTS)
            rows = self._candidates(members[0], nearest[0], budget=max(budget, 10 * k))
            if not len(rows):
                results.update((m.seeker_id, []) for m in members)
                continue
            v_one = self.columns.take(rows)
            sims_one = self._text_similarity(vector, v_one["title"], nearest)
            for start in range(0, len(members), 64):
                chunk = members[start : start + 64]
                block = SeekerColumns()
                people = block.records(
                    block.values(chunk, np.array([0 if m.desired_text else -1 for m in chunk]), self.visas)
                )
                s = {n: np.repeat(people[n], len(rows), axis=0) for n in people.dtype.names}
                v = {n: np.tile(v_one[n], (len(chunk),) + (1,) * (v_one[n].ndim - 1)) for n in v_one.dtype.names}
                ev = self._evaluate(s, v, np.tile(sims_one, len(chunk)), minimum_hourly)
                score = np.where(ev.passed, ev.score, -np.inf).reshape(len(chunk), len(rows))
                keep = min(k, len(rows))
                top = np.argpartition(-score, keep - 1, axis=1)[:, :keep]
                for person, row_scores, best in zip(chunk, score, top, strict=True):
                    best = best[np.argsort(-row_scores[best], kind="stable")]
                    results[person.seeker_id] = [
                        (int(self.columns.ids[rows[i]]), float(row_scores[i]))
                        for i in best
                        if np.isfinite(row_scores[i])
                    ]
        return results


class SeekerIndex(_Index):
    """Active seekers, for finding the people who fit a vacancy."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.columns = SeekerColumns()
        self.places: dict[int, str] = {}

    def upsert(self, records: list[SeekerRecord], active: list[bool] | None = None, *, lists: bool = True) -> None:
        """As ``VacancyIndex.upsert``; ``active`` marks the rows of seekers no longer looking."""
        if not records:
            return
        fresh = len(self.columns.row_of) == 0
        known = {r.seeker_id for r in records if r.seeker_id in self.columns.row_of}
        text_ids = self.texts.ids([r.desired_text for r in records])
        rows = self.columns.upsert_rows(
            [r.seeker_id for r in records], self.columns.values(records, text_ids, self.visas, active)
        )
        for row, record in zip(rows.tolist(), records, strict=True):
            self.places[row] = record.home_place
        if not lists:
            return
        if fresh:
            self.rebuild_lists()
            return
        new = [
            (row, r, t)
            for row, r, t in zip(rows.tolist(), records, text_ids.tolist(), strict=True)
            if r.seeker_id not in known
        ]
        pairs = [(o, row) for row, r, _ in new for o, _ in r.occupations[:3]]
        self.by_occupation.add_many([o for o, _ in pairs], [row for _, row in pairs])
        self.by_keco.add_many([self._keco_of(o) for o, _ in pairs], [row for _, row in pairs])
        self.by_text.add_many([t for _, _, t in new], [row for row, _, _ in new])

    def rebuild_lists(self) -> None:
        self.by_occupation, self.by_keco, self.by_text = Lists(), Lists(), Lists()
        occupations = self.columns["occupations"]
        rows = np.repeat(np.arange(self.columns.size), occupations.shape[1])
        flat = occupations.reshape(-1).astype(np.int64)
        self.by_occupation.bulk(flat, rows)
        keco = np.where(flat >= 0, self.catalogue.keco[np.where(flat >= 0, flat, 0)], -1)
        self.by_keco.bulk(keco.astype(np.int64), rows)
        self.by_text.bulk(self.columns["desired"].astype(np.int64), np.arange(self.columns.size))

    def match(self, vacancy: VacancyRecord, *, k: int = 20, minimum_hourly: float) -> MatchResult:
        vector = self.texts.query_vector(vacancy.title)
        nearest = self.texts.nearest(vector, NEAREST_TEXTS)
        parts = [
            self.by_occupation.get(vacancy.occupation),
            self.by_keco.get(self._keco_of(vacancy.occupation)),
            self.by_text.get_many(nearest[0].astype(np.int64)),
        ]
        rows = np.unique(np.concatenate(parts)) if parts else np.zeros(0, dtype=np.int64)
        rows = rows[self.columns["active"][rows]]
        if not len(rows):
            return MatchResult([], [], 0)
        s = self.columns.take(rows)
        sims = self._text_similarity(vector, s["desired"], nearest)
        single = VacancyColumns()
        keco, ksco = (
            self._keco_of(vacancy.occupation),
            (int(self.ksco_major[vacancy.occupation]) if vacancy.occupation >= 0 else -1),
        )
        v = _broadcast(single.records(single.values([vacancy], [keco], [ksco], np.array([-1]), self.visas)), len(rows))
        ev = self._evaluate(s, v, sims, minimum_hourly)
        chosen = np.flatnonzero(ev.passed)
        best = chosen[np.argsort(-ev.score[chosen], kind="stable")[:k]]
        at = rows[best]
        explained = self._pairs_reasons(
            ev,
            best.tolist(),
            s,
            v,
            seeker_places=[self.places.get(row, "") for row in at.tolist()],
            vacancy_places=[vacancy.place] * len(best),
            vacancy_titles=[vacancy.title] * len(best),
        )
        components = {n: c[best].tolist() for n, c in ev.components.items()}
        matches = [
            Match(int(record_id), score, reasons, [], {n: values[j] for n, values in components.items()})
            for j, (record_id, score, (reasons, _)) in enumerate(
                zip(self.columns.ids[at].tolist(), ev.score[best].tolist(), explained, strict=True)
            )
        ]
        return MatchResult(matches, [], len(rows))
