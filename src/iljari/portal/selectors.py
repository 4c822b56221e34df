"""What the portal reads, already narrowed to what its reader may see, every personal read audited.

A seeker reads only their own record (audited as a read by themselves); a company reads only its own
vacancies; a counselor reads the portal's requests of the desks they may see (each seeker named is
audited as listed), and a held request's message only as a desk lead.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Q
from django.utils import timezone

from iljari.accounts.models import User
from iljari.core.access import has_role
from iljari.events.models import HiringEvent, Registration
from iljari.matching.selectors import vacancies_for_seeker, vacancies_for_words
from iljari.portal.cards import Card, Words, occupation_words, vacancy_card
from iljari.portal.models import EmployerAccount, PortalRequest
from iljari.portal.session import seeker_actor
from iljari.portal.words import OUTCOMES
from iljari.privacy.audit import Action, audit_record
from iljari.reference.models import Dong
from iljari.referrals.models import Referral
from iljari.seekers.models import Seeker
from iljari.seekers.selectors import seekers_listed, visible_desks
from iljari.vacancies.models import Vacancy

R = PortalRequest
# Who reads a held request's message and acts on it (the 포털 메시지 검토 후 전달 measure).
HELD_READERS = (User.Role.DESK_LEAD, User.Role.MANAGER)


def own_record(*, seeker_id: int, purpose: str = "본인 정보 조회(포털)") -> Seeker:
    """The signed-in seeker's whole record, for their own pages and download; the read is audited."""
    seeker = (
        Seeker.objects.exclude(status=Seeker.Status.ERASED)
        .select_related("home_dong", "visa_type", "desk")
        .prefetch_related("licences", "desired_occupations")
        .get(pk=seeker_id)
    )
    audit_record(
        actor=seeker_actor(seeker_id), action=Action.READ, object_type="seeker", object_id=seeker_id, purpose=purpose
    )
    return seeker


def search_cards(*, text: str, language: str, dong: Dong | None, k: int = 20) -> list[Card]:
    """The public search: open vacancies for the words typed, as cards with their reasons."""
    return [
        vacancy_card(r.vacancy, codes=r.codes)
        for r in vacancies_for_words(text=text, language=language, dong=dong, k=k)
    ]


def my_matches(*, seeker: Seeker, k: int = 10) -> tuple[list[Card], list[Card]]:
    """The vacancies that fit the signed-in seeker (with reasons), and a few that miss one thing."""
    found = vacancies_for_seeker(seeker=seeker, k=k)
    return (
        [vacancy_card(r.vacancy, codes=r.codes) for r in found.matches],
        [vacancy_card(r.vacancy, codes=r.codes) for r in found.near_misses],
    )


def vacancy_public(*, vacancy_id: int) -> Vacancy | None:
    """A vacancy the public may see: open today (a draft or a closed one is not shown)."""
    return (
        Vacancy.objects.select_related("employer", "dong", "occupation")
        .prefetch_related("required_licences", "visa_types")
        .filter(pk=vacancy_id)
        .filter(Q(closes_on__isnull=True) | Q(closes_on__gte=timezone.localdate()), status=Vacancy.Status.OPEN)
        .first()
    )


@dataclass
class Progress:
    """Where one of the seeker's applications stands: 신청 → 알선 → 면접 → 결과."""

    vacancy: Vacancy | None
    occupation: Words | None
    step: str  # the current step's key (words.STEPS)
    outcome: str = ""  # words.OUTCOMES key once it ended
    request: PortalRequest | None = None
    referral: Referral | None = None
    interview_at: datetime | None = None
    steps_done: list[str] = field(default_factory=list)

    @property
    def outcome_text(self) -> str:
        return str(OUTCOMES.get(self.outcome, ""))


_ORDER = ["requested", "referred", "interview", "result"]


def _progress(request: PortalRequest | None, referral: Referral | None) -> Progress:
    vacancy = (referral.vacancy if referral else None) or (request.vacancy if request else None)
    step, outcome = "requested", ""
    if request is not None and request.status == R.Status.DECLINED:
        outcome = "declined"
    elif request is not None and request.status == R.Status.WITHDRAWN and referral is None:
        outcome = "withdrawn"
    if referral is not None:
        step = {Referral.Status.REFERRED: "referred", Referral.Status.INTERVIEW: "interview"}.get(
            referral.status, "result"
        )
        if step == "result":
            outcome = referral.status
    elif outcome:
        step = "result"
    return Progress(
        vacancy=vacancy,
        occupation=occupation_words(vacancy.occupation, vacancy.title) if vacancy else None,
        step=step,
        outcome=outcome,
        request=request,
        referral=referral,
        interview_at=referral.interview_at if referral else None,
        steps_done=_ORDER[: _ORDER.index(step)],
    )


def my_applications(*, seeker: Seeker) -> list[Progress]:
    """The seeker's 알선 신청 and the referrals their counselor made at the desk, newest first."""
    requests = list(
        R.objects.filter(seeker=seeker, kind=R.Kind.REFERRAL)
        .select_related("vacancy__occupation", "vacancy__employer", "referral__vacancy__occupation")
        .order_by("-created_at")
    )
    through_portal = {r.referral_id for r in requests if r.referral_id}
    referrals = (
        Referral.objects.filter(seeker=seeker)
        .exclude(pk__in=through_portal)
        .select_related("vacancy__occupation", "vacancy__employer")
        .order_by("-referred_at")
    )
    return [_progress(r, r.referral) for r in requests] + [_progress(None, r) for r in referrals]


def events_for_seeker(*, seeker: Seeker) -> list[tuple[HiringEvent, Registration | None]]:
    """Hiring events from today on that take sign-ups from the public, each with the seeker's own
    registration if they have one (soonest first); events they are registered for are always listed."""
    mine = {r.event_id: r for r in Registration.objects.filter(seeker=seeker, event__date__gte=timezone.localdate())}
    events = HiringEvent.objects.filter(date__gte=timezone.localdate()).filter(
        Q(registration_open=True, desk__isnull=False) | Q(pk__in=list(mine))
    )
    return [(e, mine.get(e.pk)) for e in events.order_by("date", "starts_at")]


def event_public(*, event_id: int) -> HiringEvent | None:
    """An event a seeker may sign up for on the portal: from today on, taking sign-ups."""
    return HiringEvent.objects.filter(
        pk=event_id, date__gte=timezone.localdate(), registration_open=True, desk__isnull=False
    ).first()


# --- the company's side ----------------------------------------------------------------------------


def company_vacancies(*, account: EmployerAccount) -> list[Vacancy]:
    return list(
        Vacancy.objects.filter(employer=account.employer).select_related("occupation", "dong").order_by("-created_at")
    )


def company_vacancy(*, account: EmployerAccount, vacancy_id: int) -> Vacancy | None:
    return (
        Vacancy.objects.filter(employer=account.employer, pk=vacancy_id)
        .select_related("occupation", "dong", "employer")
        .prefetch_related("required_licences", "visa_types")
        .first()
    )


# --- a counselor's queue ---------------------------------------------------------------------------


def requests_waiting(*, user: User, limit: int = 20) -> list[PortalRequest]:
    """The portal's requests waiting for the desks ``user`` may see, oldest first; each seeker named is
    audited as listed. A held request's message is for the desk lead to read first."""
    desks = visible_desks(user)
    qs = R.objects.filter(status=R.Status.OPEN)
    if desks is not None:
        qs = qs.filter(desk_id__in=desks)
    found = list(
        qs.select_related("seeker", "employer", "vacancy__occupation", "vacancy__employer", "desk").order_by(
            "created_at"
        )[:limit]
    )
    seekers_listed(user=user, seekers=[r.seeker for r in found if r.seeker_id], purpose="오늘의 업무(포털 요청)")
    if not has_role(user, HELD_READERS):
        for r in found:
            if r.held:
                r.message = ""  # the desk lead reads it first (포털 메시지 검토 후 전달)
    return found
