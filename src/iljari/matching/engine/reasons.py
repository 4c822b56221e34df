"""Why a pair was recommended, or what it misses: codes with parameters, which the web layer
renders in plain Korean (``matching/reasons.py``), so the engine needs no translations.
"""

import math
from dataclasses import dataclass, field

import numpy as np

from iljari.matching.engine.columns import VisaRules
from iljari.matching.engine.scores import Catalogue, PairEvaluation


@dataclass(frozen=True)
class Reason:
    code: str
    params: dict = field(default_factory=dict)
    positive: bool = True


def pair_reasons(
    ev: PairEvaluation,
    i: int,
    s: dict,
    v: dict,
    *,
    catalogue: Catalogue,
    visas: VisaRules,
    licence_names: dict[int, str],
    seeker_place: str,
    vacancy_place: str,
    vacancy_title: str,
) -> tuple[list[Reason], list[Reason]]:
    """The reasons for pair ``i`` of an evaluation, and the filters it failed."""
    [found] = pairs_reasons(
        ev,
        [i],
        s,
        v,
        catalogue=catalogue,
        visas=visas,
        licence_names=licence_names,
        seeker_places=[seeker_place],
        vacancy_places=[vacancy_place],
        vacancy_titles=[vacancy_title],
    )
    return found


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
    """The reasons and failed filters of many pairs: each column gathered once as Python values (a
    batch run explains 50 pairs a seeker; indexing NumPy scalars one by one cost more than the scoring)."""
    at = np.asarray(pairs, dtype=np.int64)
    kinds, occupations, kecos = ev.occupation_kind[at].tolist(), v["occupation"][at].tolist(), v["keco"][at].tolist()
    texts, all_minutes = ev.components["text"][at].tolist(), ev.minutes[at].tolist()
    helds, requireds, preferreds = s["licences"][at].tolist(), v["required"][at].tolist(), v["preferred"][at].tolist()
    reservations, monthlies = s["reservation"][at].tolist(), v["monthly"][at].tolist()
    korean_mins, koreans = v["korean_min"][at].tolist(), s["korean"][at].tolist()
    congestions, open_referrals = ev.components["congestion"][at].tolist(), v["open_referrals"][at].tolist()
    seeker_visas = s["visa"][at].tolist()
    failures = {name: failed[at].tolist() for name, failed in ev.failures.items()}
    passed = ev.passed[at].tolist()
    out = []
    for n, i in enumerate(pairs):
        reasons: list[Reason] = []
        kind, occ, keco = kinds[n], occupations[n], kecos[n]
        if kind == 3 and occ >= 0:
            reasons.append(Reason("occupation_match", {"title": catalogue.titles[occ]}))
        elif kind == 2:
            reasons.append(Reason("occupation_same_group", {"group": catalogue.keco_names.get(keco, "")}))
        elif kind == 1:
            reasons.append(Reason("occupation_related", {"group": catalogue.keco_names.get(keco, "")}))
        if texts[n] >= 0.5 and kind < 3:
            reasons.append(Reason("title_similar", {"title": vacancy_titles[n]}))
        minutes = all_minutes[n]
        if not math.isnan(minutes):
            reasons.append(
                Reason(
                    "commute",
                    {"minutes": max(5, int(round(minutes / 5) * 5)), "from": seeker_places[n], "to": vacancy_places[n]},
                    positive=minutes <= 45,
                )
            )
        held = set(helds[n])
        for lic in requireds[n]:
            if lic >= 0 and lic in held:
                reasons.append(Reason("licence_required_held", {"name": licence_names.get(lic, "")}))
        for lic in preferreds[n]:
            if lic >= 0 and lic in held:
                reasons.append(Reason("licence_preferred_held", {"name": licence_names.get(lic, "")}))
        reservation, monthly = reservations[n], monthlies[n]
        if not math.isnan(reservation) and not math.isnan(monthly):
            diff = round((monthly - reservation) / 10_000) * 10_000
            if diff >= 0:  # a shortfall is a failed filter, said once among the missing
                reasons.append(Reason("wage_vs_reservation", {"diff": diff}))
        if korean_mins[n] > koreans[n]:
            reasons.append(Reason("korean_short", {}, positive=False))
        if congestions[n] < 0.5:
            reasons.append(Reason("many_referrals", {"count": open_referrals[n]}, positive=False))
        visa = seeker_visas[n]
        if visa >= 0 and not failures["visa"][n]:
            reasons.append(Reason("visa_ok", {"code": visas.rules[visa].code}))
        missing = (
            []
            if passed[n]
            else [
                _missing(name, i, s, v, visas=visas, licence_names=licence_names)
                for name, failed in failures.items()
                if failed[n]
            ]
        )
        out.append((reasons, missing))
    return out


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
