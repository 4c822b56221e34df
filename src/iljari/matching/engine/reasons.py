"""Why a pair was recommended, or what it misses: codes with parameters, which the web layer
renders in plain Korean (``matching/reasons.py``), so the engine needs no translations.

``reason_codes`` computes what every reason depends on for many pairs at once, as arrays; the two
renderings read only those: ``pairs_reasons`` as ``Reason`` objects (a page's top 20), and
``stored_items`` as the JSON text a batch run stores (50 pairs a seeker for every seeker, where one
Python object per reason cost more than the scoring).
"""

import json
from collections.abc import Callable
from dataclasses import dataclass, field, fields

import numpy as np

from iljari.matching.engine.columns import VisaRules
from iljari.matching.engine.scores import Catalogue, PairEvaluation

MANY_REFERRALS = 0.5  # congestion below this: the vacancy already has many open referrals
SIMILAR_TITLE = 0.5  # text score from which a title counts as similar
FAR_MINUTES = 45  # a commute longer than this is said as a drawback


@dataclass(frozen=True)
class Reason:
    code: str
    params: dict = field(default_factory=dict)
    positive: bool = True


@dataclass
class ReasonCodes:
    """What the reasons of each pair depend on, one array entry per pair."""

    kind: np.ndarray  # occupation fit: 3 exact, 2 same KECO, 1 same minor group, 0 none
    occupation: np.ndarray  # the vacancy's catalogue occupation
    keco: np.ndarray  # the vacancy's KECO code
    title_similar: np.ndarray  # bool
    minutes: np.ndarray  # commute rounded to 5 (at least 5), -1 where a place is unknown
    near: np.ndarray  # bool: the commute is short enough to be a reason for
    required: np.ndarray  # (pairs × R) the required licence where the seeker holds it, else -1
    preferred: np.ndarray  # (pairs × R) the same for preferred licences
    wage_diff: np.ndarray  # monthly wage above the reservation wage, rounded to 10,000; -1 where not said
    korean_short: np.ndarray  # bool
    referrals: np.ndarray  # open referrals where there are many, else -1
    visa: np.ndarray  # the seeker's residence status where it allows the work, else -1


def _held(licences: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    held = (wanted >= 0) & (licences[:, None, :] == wanted[:, :, None]).any(axis=2)
    return np.where(held, wanted, -1)


def reason_codes(ev: PairEvaluation, at: np.ndarray, s: dict, v: dict) -> ReasonCodes:
    """The codes of pairs ``at`` of an evaluation (``s`` and ``v`` aligned with it)."""
    kind = ev.occupation_kind[at].astype(np.int8)
    minutes = ev.minutes[at].astype(np.float64)
    known = ~np.isnan(minutes)
    rounded = np.maximum(5, np.rint(np.where(known, minutes, 0.0) / 5) * 5).astype(np.int64)
    reservation, monthly = s["reservation"][at].astype(np.float64), v["monthly"][at].astype(np.float64)
    with np.errstate(invalid="ignore"):
        diff = np.rint((monthly - reservation) / 10_000) * 10_000
    wage = ~np.isnan(reservation) & ~np.isnan(monthly) & (diff >= 0)
    licences = s["licences"][at]
    visa = s["visa"][at].astype(np.int64)
    return ReasonCodes(
        kind=kind,
        occupation=v["occupation"][at].astype(np.int64),
        keco=v["keco"][at].astype(np.int64),
        title_similar=(ev.components["text"][at] >= SIMILAR_TITLE) & (kind < 3),
        minutes=np.where(known, rounded, -1),
        near=minutes <= FAR_MINUTES,
        required=_held(licences, v["required"][at]),
        preferred=_held(licences, v["preferred"][at]),
        wage_diff=np.where(wage, np.nan_to_num(diff), -1).astype(np.int64),
        korean_short=v["korean_min"][at] > s["korean"][at],
        referrals=np.where(
            ev.components["congestion"][at] < MANY_REFERRALS, v["open_referrals"][at].astype(np.int64), -1
        ),
        visa=np.where((visa >= 0) & ~ev.failures["visa"][at], visa, -1),
    )


def _reasons(
    codes: ReasonCodes,
    *,
    catalogue: Catalogue,
    visas: VisaRules,
    licence_names: dict[int, str],
    seeker_places: list[str],
    vacancy_places: list[str],
    vacancy_titles: list[str],
) -> list[list[Reason]]:
    columns = zip(*(getattr(codes, f.name).tolist() for f in fields(codes)), strict=True)  # in field order
    out = []
    for n, (kind, occ, keco, similar, minutes, near, required, preferred, diff, short, referrals, visa) in enumerate(
        columns
    ):
        reasons: list[Reason] = []
        if kind == 3 and occ >= 0:
            reasons.append(Reason("occupation_match", {"title": catalogue.titles[occ]}))
        elif kind == 2:
            reasons.append(Reason("occupation_same_group", {"group": catalogue.keco_names.get(keco, "")}))
        elif kind == 1:
            reasons.append(Reason("occupation_related", {"group": catalogue.keco_names.get(keco, "")}))
        if similar:
            reasons.append(Reason("title_similar", {"title": vacancy_titles[n]}))
        if minutes >= 0:
            reasons.append(
                Reason("commute", {"minutes": minutes, "from": seeker_places[n], "to": vacancy_places[n]}, near)
            )
        reasons += [Reason("licence_required_held", {"name": licence_names.get(x, "")}) for x in required if x >= 0]
        reasons += [Reason("licence_preferred_held", {"name": licence_names.get(x, "")}) for x in preferred if x >= 0]
        if diff >= 0:  # a shortfall is a failed filter, said once among the missing
            reasons.append(Reason("wage_vs_reservation", {"diff": diff}))
        if short:
            reasons.append(Reason("korean_short", {}, positive=False))
        if referrals >= 0:
            reasons.append(Reason("many_referrals", {"count": referrals}, positive=False))
        if visa >= 0:
            reasons.append(Reason("visa_ok", {"code": visas.rules[visa].code}))
        out.append(reasons)
    return out


def pairs_reasons(
    ev: PairEvaluation,
    pairs: list[int],
    s: dict,
    v: dict,
    *,
    catalogue: Catalogue,
    visas: VisaRules,
    licence_names: dict[int, str],
    seeker_places: list[str],
    vacancy_places: list[str],
    vacancy_titles: list[str],
) -> list[tuple[list[Reason], list[Reason]]]:
    """The reasons and failed filters of many pairs."""
    at = np.asarray(pairs, dtype=np.int64)
    reasons = _reasons(
        reason_codes(ev, at, s, v),
        catalogue=catalogue,
        visas=visas,
        licence_names=licence_names,
        seeker_places=seeker_places,
        vacancy_places=vacancy_places,
        vacancy_titles=vacancy_titles,
    )
    passed = ev.passed[at].tolist()
    failures = {name: failed[at].tolist() for name, failed in ev.failures.items()}
    return [
        (
            found,
            []
            if passed[n]
            else [
                _missing(name, i, s, v, visas=visas, licence_names=licence_names)
                for name, failed in failures.items()
                if failed[n]
            ],
        )
        for n, (i, found) in enumerate(zip(at.tolist(), reasons, strict=True))
    ]


def _fragment(code: str, params: dict, positive: bool = True) -> str:
    return json.dumps([code, params, positive], ensure_ascii=False, separators=(",", ":")) + ","


class _Fragments:
    """Each distinct reason's JSON text, made once: a batch run's 50 × N reasons are a few thousand kinds."""

    def __init__(self, make: Callable[[object], str]) -> None:
        self.make = make
        self.known: dict = {}

    def of(self, keys: np.ndarray, present: np.ndarray) -> np.ndarray:
        out = np.full(len(keys), "", dtype=object)
        if present.any():
            unique, inverse = np.unique(keys[present], return_inverse=True)
            table = np.empty(len(unique), dtype=object)
            table[:] = [
                self.known[k] if k in self.known else self.known.setdefault(k, self.make(k)) for k in unique.tolist()
            ]
            out[present] = table[inverse]
        return out


def stored_items(
    codes: ReasonCodes,
    *,
    vacancy_ids: np.ndarray,
    vacancy_rows: np.ndarray,
    scores: np.ndarray,
    catalogue: Catalogue,
    visas: VisaRules,
    licence_names: dict[int, str],
    vacancy_titles: dict[int, str],
) -> list[str]:
    """Each pair as the JSON text of a stored list's item, ``[vacancy id, score, [[code, params, positive], ...]]``.

    The same reasons as ``pairs_reasons`` gives, but a commute without its places (the page has both
    동 at hand) and the score rounded to 5 places, as ``StoredMatches.items`` keeps them.
    """
    kind = codes.kind.astype(np.int64)
    occupation_group = np.where(kind == 3, codes.occupation, codes.keco)
    slots = [
        _Fragments(lambda key: _occupation_fragment(key, catalogue)).of(
            kind * (1 << 40) + occupation_group, ((kind == 3) & (codes.occupation >= 0)) | (kind == 1) | (kind == 2)
        ),
        _Fragments(lambda key: _fragment("title_similar", {"title": vacancy_titles.get(key, "")})).of(
            vacancy_rows, codes.title_similar
        ),
        _Fragments(lambda key: _fragment("commute", {"minutes": key // 2}, bool(key % 2))).of(
            codes.minutes * 2 + codes.near, codes.minutes >= 0
        ),
    ]
    names = {}
    for code, held in (("licence_required_held", codes.required), ("licence_preferred_held", codes.preferred)):
        fragments = names.setdefault(
            code, _Fragments(lambda key, c=code: _fragment(c, {"name": licence_names.get(key, "")}))
        )
        slots += [fragments.of(held[:, r], held[:, r] >= 0) for r in range(held.shape[1])]
    slots += [
        _Fragments(lambda key: _fragment("wage_vs_reservation", {"diff": key})).of(
            codes.wage_diff, codes.wage_diff >= 0
        ),
        np.where(codes.korean_short, _fragment("korean_short", {}, False), "").astype(object),
        _Fragments(lambda key: _fragment("many_referrals", {"count": key}, False)).of(
            codes.referrals, codes.referrals >= 0
        ),
        _Fragments(lambda key: _fragment("visa_ok", {"code": visas.rules[key].code})).of(codes.visa, codes.visa >= 0),
    ]
    joined = slots[0]
    for slot in slots[1:]:
        joined = joined + slot
    return [
        f"[{vacancy},{round(score, 5)!r},[{reasons[:-1]}]]"
        for vacancy, score, reasons in zip(vacancy_ids.tolist(), scores.tolist(), joined.tolist(), strict=True)
    ]


def _occupation_fragment(key: int, catalogue: Catalogue) -> str:
    kind, value = key >> 40, key & ((1 << 40) - 1)
    if kind == 3:
        return _fragment("occupation_match", {"title": catalogue.titles[value]})
    code = "occupation_same_group" if kind == 2 else "occupation_related"
    return _fragment(code, {"group": catalogue.keco_names.get(value, "")})


def _missing(name: str, i: int, s: dict, v: dict, *, visas: VisaRules, licence_names: dict[int, str]) -> Reason:
    params: dict = {}
    if name == "licence":
        held = set(s["licences"][i].tolist())
        params["names"] = [licence_names.get(int(x), "") for x in v["required"][i] if x >= 0 and x not in held]
    elif name == "reservation_wage":
        params["diff"] = round((float(s["reservation"][i]) - float(v["monthly"][i])) / 10_000) * 10_000
    elif name == "visa":
        params["code"] = visas.rules[int(s["visa"][i])].code
    return Reason(f"missing_{name}", params, positive=False)
