"""Why a pair was recommended, or what it misses: codes with parameters, which the web layer
renders in plain Korean (``matching/reasons.py``), so the engine needs no translations.
"""

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
    reasons: list[Reason] = []
    kind, occ = int(ev.occupation_kind[i]), int(v["occupation"][i])
    keco = int(v["keco"][i])
    if kind == 3 and occ >= 0:
        reasons.append(Reason("occupation_match", {"title": catalogue.titles[occ]}))
    elif kind == 2:
        reasons.append(Reason("occupation_same_group", {"group": catalogue.keco_names.get(keco, "")}))
    elif kind == 1:
        reasons.append(Reason("occupation_related", {"group": catalogue.keco_names.get(keco, "")}))
    if ev.components["text"][i] >= 0.5 and kind < 3:
        reasons.append(Reason("title_similar", {"title": vacancy_title}))
    minutes = float(ev.minutes[i])
    if not np.isnan(minutes):
        reasons.append(
            Reason(
                "commute",
                {"minutes": max(5, int(round(minutes / 5) * 5)), "from": seeker_place, "to": vacancy_place},
                positive=minutes <= 45,
            )
        )
    held = set(s["licences"][i].tolist())
    for lic in v["required"][i]:
        if lic >= 0 and lic in held:
            reasons.append(Reason("licence_required_held", {"name": licence_names.get(int(lic), "")}))
    for lic in v["preferred"][i]:
        if lic >= 0 and lic in held:
            reasons.append(Reason("licence_preferred_held", {"name": licence_names.get(int(lic), "")}))
    reservation = float(s["reservation"][i])
    if not np.isnan(reservation) and not np.isnan(v["monthly"][i]):
        diff = round((float(v["monthly"][i]) - reservation) / 10_000) * 10_000
        if diff >= 0:  # a shortfall is a failed filter, said once among the missing
            reasons.append(Reason("wage_vs_reservation", {"diff": diff}))
    if v["korean_min"][i] > s["korean"][i]:
        reasons.append(Reason("korean_short", {}, positive=False))
    if ev.components["congestion"][i] < 0.5:
        reasons.append(Reason("many_referrals", {"count": int(v["open_referrals"][i])}, positive=False))
    visa = int(s["visa"][i])
    if visa >= 0 and not ev.failures["visa"][i]:
        reasons.append(Reason("visa_ok", {"code": visas.rules[visa].code}))
    missing = [
        _missing(name, i, s, v, visas=visas, licence_names=licence_names)
        for name, failed in ev.failures.items()
        if failed[i]
    ]
    return reasons, missing


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
