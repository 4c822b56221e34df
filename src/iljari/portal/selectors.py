"""What the portal reads, already narrowed to what its reader may see, every personal read audited.

A seeker reads only their own record (audited as a read by themselves); a company reads only its own
vacancies; a counselor reads the portal's requests of the desks they may see (each seeker named is
audited as listed), and a held request's message only as a desk lead.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.core import signing
from django.db.models import Q
from django.utils import timezone

from iljari.accounts.models import User
from iljari.core.access import has_role
from iljari.events.models import HiringEvent, Registration
from iljari.matching.selectors import seekers_for_vacancy, vacancies_for_seeker, vacancies_for_words
from iljari.portal.cards import Card, Words, candidate_reason_words, occupation_words, vacancy_card
from iljari.portal.models import EmployerAccount, PortalRequest
from iljari.portal.programs import ApplicationProgress, ProgramCard, check_words
from iljari.portal.session import employer_actor, seeker_actor
from iljari.portal.words import OUTCOMES
from iljari.privacy.audit import Action, audit_record
from iljari.privacy.models import Consent
from iljari.privacy.selectors import consent_given
from iljari.reference.models import Dong
from iljari.referrals.models import Referral
from iljari.seekers.models import Seeker
from iljari.seekers.selectors import seekers_listed, visible_desks
from iljari.training.models import Enrollment, TrainingProgram
from iljari.training.recommend import programs_for_seeker
from iljari.training.rules import Declared
from iljari.training.selectors import programs_open
from iljari.training.services import enrollment_check
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


# --- programs ----------------------------------------------------------------------------------------


def _taking_applications(program: TrainingProgram, today: date) -> list:
    """The sessions still to come of a program with places left, or [] (not taking applications)."""
    if program.taken >= program.capacity:
        return []
    return [s for s in program.sessions.all() if s.date >= today]


def programs_for_me(*, seeker: Seeker) -> list[ProgramCard]:
    """The programs taking applications (places left, sessions ahead), those that would newly fit the
    seeker for open vacancies first (``training.recommend``), each with its rules checked for them.
    The seeker was read through ``own_record``; programs they applied to stay listed."""
    today = timezone.localdate()
    mine = {e.program_id: e for e in Enrollment.objects.filter(seeker=seeker)}
    cards = []
    for fit in programs_for_seeker(seeker=seeker, today=today, named=0):
        ahead = _taking_applications(fit.program, today)
        if not ahead and fit.program.pk not in mine:
            continue
        cards.append(
            ProgramCard(
                program=fit.program,
                checks=[check_words(c, fit.program) for c in fit.checks],
                opens=len(fit.vacancy_ids),
                enrollment=mine.get(fit.program.pk),
                sessions_ahead=ahead,
            )
        )
    return cards


def program_to_apply(*, seeker: Seeker, program_id: int, declared: Declared | None = None) -> ProgramCard | None:
    """One program taking applications, its rules checked for the seeker with what they declared."""
    today = timezone.localdate()
    program = programs_open(on=today).filter(pk=program_id).first()
    ahead = _taking_applications(program, today) if program else []
    if not ahead:
        return None
    checks = enrollment_check(program=program, seeker=seeker, declared=declared or Declared(), today=today)
    return ProgramCard(
        program=program,
        checks=[check_words(c, program) for c in checks],
        enrollment=Enrollment.objects.filter(seeker=seeker, program=program).first(),
        sessions_ahead=ahead,
    )


def my_program_applications(*, seeker: Seeker) -> list[ApplicationProgress]:
    """The seeker's program applications, newest first, whoever made them (the portal or the desk)."""
    rows = Enrollment.objects.filter(seeker=seeker).select_related("program__dong").order_by("-applied_at", "-pk")
    return [ApplicationProgress(e) for e in rows]


def my_program_application(*, seeker: Seeker, enrollment_id: int) -> Enrollment | None:
    return Enrollment.objects.filter(seeker=seeker, pk=enrollment_id).first()


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


@dataclass
class Candidate:
    """An anonymous candidate for a company's vacancy: what they want and can do, never who they are."""

    token: str  # signed (seeker, vacancy): the page never carries a record number
    label: str  # "A", "B"…: this page's name for them
    occupation: Words | None
    experience_years: int
    licences: list[str]
    dong: str
    reasons: list[Words]
    asked: bool  # an interview request is waiting, or they are referred already


CANDIDATE_SALT = "portal-candidate"


def candidate_token(*, seeker_id: int, vacancy_id: int) -> str:
    return signing.dumps([seeker_id, vacancy_id], salt=CANDIDATE_SALT, compress=True)


def candidate_seeker_id(*, token: str, vacancy_id: int) -> int | None:
    """The seeker a candidate token names, if it was made for this vacancy (a day at most)."""
    try:
        seeker_id, for_vacancy = signing.loads(token, salt=CANDIDATE_SALT, max_age=86400)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return seeker_id if for_vacancy == vacancy_id else None


def vacancy_candidates(*, account: EmployerAccount, vacancy: Vacancy, k: int = 10) -> list[Candidate]:
    """The seekers 구직 중 who fit the company's open vacancy and agreed to show companies a summary
    (기업에 요약 공개), best first, anonymous; each listing is audited with the company named."""
    if vacancy.employer_id != account.employer_id or vacancy.status != Vacancy.Status.OPEN:
        return []
    found = seekers_for_vacancy(
        user=None,  # every desk's seekers: the company sees them only as anonymous summaries
        vacancy=vacancy,
        purpose=f"기업 포털 익명 후보(구인표 #{vacancy.pk})",
        k=k * 3,
        actor=employer_actor(account.employer_id),
    )
    consented = [r for r in found if consent_given(seeker=r.seeker, purpose=Consent.Purpose.SHARE_WITH_EMPLOYERS)]
    asked = set(
        R.objects.filter(vacancy=vacancy, kind=R.Kind.INTERVIEW, status=R.Status.OPEN).values_list(
            "seeker_id", flat=True
        )
    ) | set(Referral.objects.filter(vacancy=vacancy).values_list("seeker_id", flat=True))
    people = Seeker.objects.prefetch_related("licences", "desired_occupations").in_bulk(
        [r.seeker.pk for r in consented[:k]]
    )
    shown = []
    for n, r in enumerate(consented[:k]):
        seeker = people[r.seeker.pk]
        wanted = next(iter(seeker.desired_occupations.all()), None)
        shown.append(
            Candidate(
                token=candidate_token(seeker_id=seeker.pk, vacancy_id=vacancy.pk),
                label=chr(ord("A") + n),
                occupation=occupation_words(wanted) if wanted else None,
                experience_years=seeker.experience_years,
                licences=[lic.name for lic in seeker.licences.all()],
                dong=r.seeker.home_dong.name if r.seeker.home_dong else "",
                reasons=list({str(w): w for c in r.codes if (w := candidate_reason_words(c)) is not None}.values()),
                asked=seeker.pk in asked,
            )
        )
    return shown


@dataclass
class Applicant:
    """A person referred to the company's vacancy, as the company follows them: a number, the stage,
    the interview time; no name or phone on the portal (the counselor introduces them)."""

    referral: Referral
    label: str
    form: Any = None  # the page's 면접 결과 form for this person


def vacancy_applicants(*, account: EmployerAccount, vacancy: Vacancy) -> list[Applicant]:
    referrals = Referral.objects.filter(vacancy=vacancy, vacancy__employer_id=account.employer_id).order_by(
        "referred_at"
    )
    return [Applicant(referral=r, label=str(n)) for n, r in enumerate(referrals, start=1)]
