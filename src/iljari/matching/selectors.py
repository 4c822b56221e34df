"""Recommendations for the pages, the API and the CLI: the same functions for all three."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from iljari.accounts.models import User
from iljari.matching.catalogue import correction_phrase, guess_occupations, normalizer
from iljari.matching.engine.batch import from_plain
from iljari.matching.engine.matcher import Match, Reason
from iljari.matching.engine.records import SeekerRecord
from iljari.matching.indexes import matching_indexes
from iljari.matching.models import OccupationCorrection, StoredMatches
from iljari.matching.ranker import live_order, ordered_by, ranking_model
from iljari.matching.reasons import reason_text
from iljari.matching.records import seeker_records, seekers_for_index, vacancies_for_index, vacancy_records
from iljari.privacy.audit import Actor
from iljari.reference.models import Dong, Occupation
from iljari.referrals.models import Referral
from iljari.referrals.services import ACTIVE
from iljari.seekers.models import Seeker
from iljari.seekers.selectors import seekers_listed, seekers_visible_to
from iljari.vacancies.models import Vacancy
from iljari.vacancies.selectors import vacancies_open

# Asked of the engine beyond ``k``: rows the database no longer calls open (a 마감일 passed since the
# index last read them) are dropped here, and the list should still be full.
SPARE = 10


@dataclass
class Recommendation:
    """One recommended vacancy (or seeker) with its score and reasons in Korean; ``codes`` keeps the
    engine's reasons as codes, for a page that says them in another language (the portal)."""

    record_id: int
    score: float
    reasons: list[str]
    cautions: list[str]
    missing: list[str]
    vacancy: Vacancy | None = None
    seeker: Seeker | None = None
    history: list[str] = field(default_factory=list)  # this pair's earlier referrals: "2026-10 알선 취소"
    codes: list[Reason] = field(default_factory=list)  # the reasons above, then the missing ones


def _render(match: Match) -> Recommendation:
    return Recommendation(
        match.record_id,
        round(match.score * 100, 1),
        [reason_text(r) for r in match.reasons if r.positive],
        [reason_text(r) for r in match.reasons if not r.positive],
        [reason_text(r) for r in match.missing],
        codes=[*match.reasons, *match.missing],
    )


@dataclass
class LeftOut:
    """A fitting vacancy (or seeker) not recommended because the employer already turned this person down."""

    record_id: int
    vacancy: Vacancy | None
    seeker: Seeker | None
    history: list[str]


@dataclass
class SeekerRecommendations:
    matches: list[Recommendation]
    near_misses: list[Recommendation]
    left_out: list[LeftOut] = field(default_factory=list)
    ordered_by: str = ""  # which ranking ordered the matches: "순위: 기본 점수" or the learned model's figures


def _past_referrals(*, seeker_ids: list[int], vacancy_ids: list[int]) -> dict[tuple[int, int], list[Referral]]:
    """Finished referrals between these seekers and vacancies (cancelled, not hired, hired), newest first."""
    past: dict[tuple[int, int], list[Referral]] = {}
    done = Referral.objects.filter(seeker_id__in=seeker_ids, vacancy_id__in=vacancy_ids).exclude(status__in=ACTIVE)
    for r in done.order_by("-referred_at"):
        past.setdefault((r.seeker_id, r.vacancy_id), []).append(r)
    return past


def _history_text(referral: Referral) -> str:
    when = timezone.localtime(referral.result_at or referral.referred_at)
    words = {Referral.Status.CANCELLED: "알선 취소", Referral.Status.NOT_HIRED: "불채용"}
    text = f"{when:%Y-%m} {words.get(referral.status, referral.get_status_display())}"
    return f"{text}({referral.get_not_hired_reason_display()})" if referral.not_hired_reason else text


def _refused(referrals: list[Referral]) -> bool:
    """The employer said no to this person for this job before: recommending it again wastes a slot."""
    return any(r.status == Referral.Status.NOT_HIRED for r in referrals)


def vacancies_for_seeker(*, seeker: Seeker, k: int = 20) -> SeekerRecommendations:
    """The open vacancies that fit a seeker, best first, and a few that miss one thing.

    The outcome-learned ranker orders them while its latest retraining beat the v1 score on the
    holdout (``ordered_by`` says which ordered them); otherwise the v1 score does.

    Only vacancies open today are returned. One this seeker was referred to before carries that
    history; one whose employer turned them down is listed in ``left_out`` instead.
    The caller has already checked and audited that the user may read this seeker.
    """
    indexes = matching_indexes()
    [profile] = seeker_records(
        seekers_for_index(Seeker.objects.filter(pk=seeker.pk)), indexes.occupation_index, indexes.visa_rules
    )
    model = ranking_model()
    with indexes.lock:
        result = indexes.vacancies.match(
            profile, k=k + SPARE, minimum_hourly=indexes.minimum_hourly, order=live_order(model)
        )
    ids = [m.record_id for m in result.matches + result.near_misses]
    found = vacancies_open(on=timezone.localdate()).select_related("employer", "dong", "occupation").in_bulk(ids)
    past = _past_referrals(seeker_ids=[seeker.pk], vacancy_ids=list(found))
    left_out: list[LeftOut] = []
    matches = _shown(seeker, result.matches, k, found=found, past=past, left_out=left_out)
    near = _shown(seeker, result.near_misses, len(result.near_misses), found=found, past=past, left_out=left_out)
    return SeekerRecommendations(matches, near, left_out, ordered_by(model))


def _shown(
    seeker: Seeker,
    matches: list[Match],
    limit: int,
    *,
    found: dict[int, Vacancy],
    past: dict[tuple[int, int], list[Referral]],
    left_out: list[LeftOut],
) -> list[Recommendation]:
    """Up to ``limit`` of the matches still open, each with its history; refused ones go to ``left_out``."""
    kept = []
    for m in matches:
        vacancy = found.get(m.record_id)
        if vacancy is None or len(kept) == limit:
            continue
        before = past.get((seeker.pk, vacancy.pk), [])
        history = [_history_text(r) for r in before]
        if _refused(before):
            left_out.append(LeftOut(vacancy.pk, vacancy, None, history))
            continue
        r = _render(m)
        r.vacancy, r.history = vacancy, history
        kept.append(r)
    return kept


@dataclass
class StoredRecommendations:
    """A seeker's stored list (``iljari match --all`` or the page's 다시 계산) as the page shows it."""

    result: SeekerRecommendations
    computed_at: datetime
    total: int  # vacancies in the stored list, before dropping the ones closed since


def stored_vacancies_for_seeker(*, seeker: Seeker, k: int = 20) -> StoredRecommendations | None:
    """The stored list's first ``k`` vacancies still open, with reasons in Korean; None if never computed.

    Read from the database only: the page shows it at once, whatever the size of the indexes.
    The caller has already checked and audited that the user may read this seeker.
    """
    stored = StoredMatches.objects.filter(seeker=seeker).first()
    if stored is None:
        return None
    matches = from_plain(stored.items)
    found = (
        vacancies_open(on=timezone.localdate())
        .select_related("employer", "dong", "occupation")
        .in_bulk([m.record_id for m in matches])
    )
    home = seeker.home_dong.name if seeker.home_dong else ""
    for m in matches:  # a commute's places are not stored: the seeker's 동 and the vacancy's
        to = found[m.record_id].dong.name if m.record_id in found and found[m.record_id].dong else ""
        m.reasons = [
            Reason(r.code, {**r.params, "from": home, "to": to}, r.positive) if r.code == "commute" else r
            for r in m.reasons
        ]
    past = _past_referrals(seeker_ids=[seeker.pk], vacancy_ids=list(found))
    left_out: list[LeftOut] = []
    shown = _shown(seeker, matches, k, found=found, past=past, left_out=left_out)
    # The batch orders by the v1 score (its workers hold no learned model), and the page says so.
    result = SeekerRecommendations(shown, [], left_out, ordered_by(None))
    return StoredRecommendations(result, stored.computed_at, len(matches))


def vacancies_for_words(*, text: str, language: str, dong: Dong | None = None, k: int = 20) -> list[Recommendation]:
    """Open vacancies for words anyone typed, in any language, near an optional 동: the public search.

    The words are read like a seeker's 희망직종 (``language``, the one the reader chose, is the hint
    for short text) and ranked by the same rules; nothing about the visitor is stored, not even the
    occupation guess a seeker's text would leave in the cache.
    """
    indexes = matching_indexes()
    guesses = normalizer().guess([text], lang_hint=language.split("-")[0])[0] if text.strip() else []
    profile = SeekerRecord(
        seeker_id=0,
        desired_text=text.strip(),
        occupations=[(indexes.occupation_index[pk], c) for pk, c in guesses if pk in indexes.occupation_index][:3],
        home=(dong.lat, dong.lon) if dong else None,
        home_place=dong.name if dong else "",
    )
    with indexes.lock:
        result = indexes.vacancies.match(profile, k=k + SPARE, minimum_hourly=indexes.minimum_hourly, near_misses=0)
    found = (
        vacancies_open(on=timezone.localdate())
        .select_related("employer", "dong", "occupation")
        .in_bulk([m.record_id for m in result.matches])
    )
    shown = []
    for m in result.matches:
        if m.record_id in found and len(shown) < k:
            r = _render(m)
            r.vacancy = found[m.record_id]
            shown.append(r)
    return shown


def seekers_for_vacancy(
    *, user: User | None, vacancy: Vacancy, purpose: str, k: int = 20, actor: Actor = None
) -> list[Recommendation]:
    """The seekers 구직 중 who fit a vacancy, among those ``user`` may see (``None``: all of them), best
    first; each carries its earlier referrals to this vacancy ("2026-10 불채용"), and each seeker
    returned is audited as listed by ``actor`` (by default ``user``; ``None`` for both: the operator at
    the command line). A company on the portal is no staff user, so it is named as the actor."""
    indexes = matching_indexes()
    [record] = vacancy_records(vacancies_for_index(Vacancy.objects.filter(pk=vacancy.pk)), indexes.occupation_index)
    with indexes.lock:
        result = indexes.seekers.match(record, k=k * 5, minimum_hourly=indexes.minimum_hourly)
    ids = [m.record_id for m in result.matches]
    visible = seekers_visible_to(user).filter(pk__in=ids, status=Seeker.Status.ACTIVE)
    found = visible.select_related("home_dong", "desk").in_bulk()
    past = _past_referrals(seeker_ids=list(found), vacancy_ids=[vacancy.pk])
    chosen = [_render(m) for m in result.matches if m.record_id in found][:k]
    for r in chosen:
        r.seeker = found[r.record_id]
        r.history = [_history_text(x) for x in past.get((r.record_id, vacancy.pk), [])]
    seekers_listed(user=actor or user, seekers=[r.seeker for r in chosen], purpose=purpose)
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
    still_open = set(vacancies_open(on=timezone.localdate()).filter(pk__in=vacancy_ids).values_list("pk", flat=True))
    return {pk: [r for r in recs if r.record_id in still_open] for pk, recs in fits.items()}


@dataclass
class OccupationReading:
    """How a seeker's 희망직종 words were read: the occupations guessed, and whether someone confirmed it."""

    text: str
    guesses: list[tuple[Occupation, float]]
    confirmed: bool


def occupation_reading(*, seeker: Seeker) -> OccupationReading | None:
    """The seeker's own words and the occupations they are read as, for the counselor to confirm or
    correct on the seeker page (None when nothing was typed)."""
    text = seeker.desired_job_text.strip()
    if not text:
        return None
    found = guess_occupations([text]).get(text, [])
    occupations = Occupation.objects.in_bulk([pk for pk, _ in found])
    guesses = [(occupations[pk], c) for pk, c in found if pk in occupations]
    confirmed = (
        bool(guesses)
        and OccupationCorrection.objects.filter(
            phrase=correction_phrase(text), occupation=guesses[0][0], removed_at__isnull=True
        ).exists()
    )
    return OccupationReading(text, guesses, confirmed)


def corrections_list(*, source: str = "", language: str = "", removed: bool = False) -> QuerySet[OccupationCorrection]:
    """The confirmed pairs for the manager's review, newest first, each with how many seekers' own
    words are the phrase (``seekers``); ``removed`` lists the removed ones with who removed them and why."""
    qs = OccupationCorrection.objects.filter(removed_at__isnull=not removed)
    if source:
        qs = qs.filter(source=source)
    if language:
        qs = qs.filter(language=language)
    seekers = (
        Seeker.objects.filter(desired_job_text__iexact=OuterRef("phrase"))
        .order_by()
        .values("desired_job_text")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    return (
        qs.select_related("occupation", "guessed", "recorded_by", "removed_by")
        .annotate(seekers=Coalesce(Subquery(seekers), 0))
        .order_by("-removed_at" if removed else "-updated_at")
    )


def correction_languages() -> list[str]:
    return sorted(set(OccupationCorrection.objects.values_list("language", flat=True)) - {""})
