"""Recommendations for the pages, the API and the CLI: the same functions for all three."""

from dataclasses import dataclass

from iljari.accounts.models import User
from iljari.matching.engine.matcher import Match
from iljari.matching.indexes import matching_indexes
from iljari.matching.reasons import reason_text
from iljari.matching.records import seeker_records, seekers_for_index, vacancies_for_index, vacancy_records
from iljari.seekers.models import Seeker
from iljari.seekers.selectors import seekers_listed, seekers_visible_to
from iljari.vacancies.models import Vacancy


@dataclass
class Recommendation:
    """One recommended vacancy (or seeker) with its score and reasons in Korean."""

    record_id: int
    score: float
    reasons: list[str]
    cautions: list[str]
    missing: list[str]
    vacancy: Vacancy | None = None
    seeker: Seeker | None = None


def _render(match: Match) -> Recommendation:
    return Recommendation(
        match.record_id,
        round(match.score * 100, 1),
        [reason_text(r) for r in match.reasons if r.positive],
        [reason_text(r) for r in match.reasons if not r.positive],
        [reason_text(r) for r in match.missing],
    )


@dataclass
class SeekerRecommendations:
    matches: list[Recommendation]
    near_misses: list[Recommendation]


def vacancies_for_seeker(*, seeker: Seeker, k: int = 20) -> SeekerRecommendations:
    """The open vacancies that fit a seeker, best first, and a few that miss one thing.

    The caller has already checked and audited that the user may read this seeker.
    """
    indexes = matching_indexes()
    [profile] = seeker_records(
        seekers_for_index(Seeker.objects.filter(pk=seeker.pk)), indexes.occupation_index, indexes.visa_rules
    )
    with indexes.lock:
        result = indexes.vacancies.match(profile, k=k, minimum_hourly=indexes.minimum_hourly)
    matches = [_render(m) for m in result.matches]
    near = [_render(m) for m in result.near_misses]
    found = Vacancy.objects.select_related("employer", "dong").in_bulk([r.record_id for r in matches + near])
    for r in matches + near:
        r.vacancy = found.get(r.record_id)
    return SeekerRecommendations([r for r in matches if r.vacancy], [r for r in near if r.vacancy])


def seekers_for_vacancy(*, user: User | None, vacancy: Vacancy, purpose: str, k: int = 20) -> list[Recommendation]:
    """The seekers who fit a vacancy, among those ``user`` may see (``None``: the operator at the command
    line), best first; each seeker returned is audited as listed."""
    indexes = matching_indexes()
    [record] = vacancy_records(vacancies_for_index(Vacancy.objects.filter(pk=vacancy.pk)), indexes.occupation_index)
    with indexes.lock:
        result = indexes.seekers.match(record, k=k * 5, minimum_hourly=indexes.minimum_hourly)
    visible = set(
        seekers_visible_to(user).filter(pk__in=[m.record_id for m in result.matches]).values_list("pk", flat=True)
    )
    chosen = [_render(m) for m in result.matches if m.record_id in visible][:k]
    found = Seeker.objects.select_related("home_dong", "desk").in_bulk([r.record_id for r in chosen])
    for r in chosen:
        r.seeker = found.get(r.record_id)
    seekers_listed(user=user, seekers=[r.seeker for r in chosen], purpose=purpose)
    return chosen


def fits_among(*, seekers: list[Seeker], vacancy_ids: list[int]) -> dict[int, list[Recommendation]]:
    """For each seeker, which of these vacancies fit, best first, with reasons: a hiring event's booths.

    The same rules and scores as a seeker's recommendations, over a fixed set instead of a search.
    """
    if not seekers or not vacancy_ids:
        return {s.pk: [] for s in seekers}
    indexes = matching_indexes()
    profiles = seeker_records(
        seekers_for_index(Seeker.objects.filter(pk__in=[s.pk for s in seekers])),
        indexes.occupation_index,
        indexes.visa_rules,
    )
    fits: dict[int, list[Recommendation]] = {s.pk: [] for s in seekers}
    with indexes.lock:
        for profile in profiles:
            result = indexes.vacancies.match(
                profile,
                k=len(vacancy_ids),
                minimum_hourly=indexes.minimum_hourly,
                near_misses=0,
                within=vacancy_ids,
            )
            fits[profile.seeker_id] = [_render(m) for m in result.matches]
    return fits
