"""What the portal writes: sign-ups, profiles, consents, requests, and a counselor's one-step answer.

Each function calls the domain's own services (seekers, referrals, vacancies, events, privacy), so a
request made on the portal and acted on from 오늘의 업무 moves the same records, with the same rules
and audit rows, as work done at the desk. The portal's people act under their own names in the
audit log (``portal:seeker:ID``, ``portal:employer:ID``).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from iljari.accounts.models import Desk, User
from iljari.core.access import has_role
from iljari.core.cells import CellError, parse_mobile
from iljari.core.errors import IljariError
from iljari.employers.models import Employer
from iljari.employers.services import EmployerInput, employers_create
from iljari.employers.validators import business_number_is_valid, normalize_business_number
from iljari.events.models import HiringEvent, Registration
from iljari.events.services import SelfRegistration, registration_self
from iljari.notify.services import opt_outs_set
from iljari.portal.consents import BY_PURPOSE
from iljari.portal.messages import tell_company, tell_seeker
from iljari.portal.models import EmployerAccount, PortalRequest, SeekerAccount
from iljari.portal.selectors import HELD_READERS
from iljari.portal.session import employer_actor, seeker_actor
from iljari.privacy.audit import Action, audit_record
from iljari.privacy.models import Consent
from iljari.privacy.selectors import consent_given, consents_in_force
from iljari.privacy.services import consent_record, consent_refuse
from iljari.reference.models import Dong
from iljari.referrals.models import Referral
from iljari.referrals.services import ACTIVE, referral_create, referral_record_outcome
from iljari.safety.models import Measure
from iljari.safety.selectors import measures_active
from iljari.seekers.models import Seeker
from iljari.seekers.selectors import phone_hash
from iljari.seekers.services import (
    SEEKER_SELF_EDITABLE,
    SeekerInput,
    seeker_change_status,
    seeker_erase,
    seeker_update,
    seekers_create,
)
from iljari.training.models import Enrollment, TrainingProgram
from iljari.training.rules import Declared
from iljari.training.services import enrollment_create, enrollment_withdraw
from iljari.vacancies.models import Vacancy
from iljari.vacancies.services import VacancyInput, vacancies_create, vacancy_close, vacancy_publish

R = PortalRequest


class PortalError(IljariError):
    """A portal step that cannot be taken; ``code`` names it for the reader's language."""


def desk_for(dong: Dong | None) -> Desk:
    """Whose desk a new portal seeker or company is: the 동 center of their 동, else the city's center."""
    desk = Desk.objects.filter(kind=Desk.Kind.DONG_CENTER, dong=dong).first() if dong else None
    return (
        desk
        or Desk.objects.filter(kind=Desk.Kind.CITY_HALL).order_by("pk").first()
        or Desk.objects.order_by("pk").first()
    )


# --- seekers ---------------------------------------------------------------------------------------


def seeker_for_phone(phone: str) -> Seeker | None:
    """The record of the person who proved this phone, if the center has one."""
    return Seeker.objects.exclude(status=Seeker.Status.ERASED).filter(phone_hash=phone_hash(phone)).first()


@dataclass
class SignUp:
    phone: str
    name: str
    birth_date: date
    home_dong: Dong | None
    desired_job_text: str
    language: str


def seeker_sign_up(*, data: SignUp) -> Seeker:
    """구직 신청 from the portal, with the phone already proven: one record per phone (a name and
    birth date may be a 동명이인), at the desk of their 동, with their online consent to 구직 알선 (the
    version they read)."""
    if seeker_for_phone(data.phone):
        raise PortalError("이미 등록된 휴대전화입니다.", code="phone_on_file")
    text = BY_PURPOSE[Consent.Purpose.EMPLOYMENT_SERVICES]
    with transaction.atomic():
        [seeker] = seekers_create(
            inputs=[
                SeekerInput(
                    desk=desk_for(data.home_dong),
                    name=data.name.strip(),
                    birth_date=data.birth_date,
                    phone=data.phone,
                    home_dong=data.home_dong,
                    desired_job_text=data.desired_job_text.strip(),
                    preferred_language=data.language,
                    nationality="",
                    consent_method=Consent.Method.ONLINE,
                    consent_version=text.version,
                )
            ],
            actor="portal:sign-up",
            purpose="포털 구직 신청",
            source="portal",
        )
        SeekerAccount.objects.create(seeker=seeker)
    return seeker


def profile_update(*, seeker: Seeker, changes: Mapping[str, Any], version: int) -> Seeker:
    """The seeker corrects their own profile through the seekers' own service: the same history,
    audit and stale-save refusal (``StaleRecord``) as a counselor's correction."""
    with transaction.atomic():
        seeker = seeker_update(
            seeker=seeker,
            changes=changes,
            actor=seeker_actor(seeker.pk),
            version=version,
            editable=SEEKER_SELF_EDITABLE,
        )
        SeekerAccount.objects.update_or_create(seeker=seeker, defaults={"profile_saved_at": timezone.now()})
    return seeker


def language_remember(*, seeker: Seeker | None, account: EmployerAccount | None, language: str) -> None:
    """The language a signed-in person chose: their messages come in it too (a seeker's record is
    corrected through the seekers' service, so its history names them)."""
    if seeker is not None:
        current = Seeker.objects.filter(pk=seeker.pk).values_list("preferred_language", "version").first()
        if current and current[0] != language:
            seeker_update(
                seeker=seeker,
                changes={"preferred_language": language},
                actor=seeker_actor(seeker.pk),
                version=current[1],
            )
    if account is not None and account.language != language:
        EmployerAccount.objects.filter(pk=account.pk).update(language=language)


def consents_answer(*, seeker: Seeker, answers: Mapping[str, bool]) -> list[str]:
    """Record the seeker's answer for each purpose whose answer changed (with the wording's version);
    returns those purposes."""
    now = consents_in_force(seeker=seeker, purposes=list(answers))
    changed = [p for p, granted in answers.items() if now[p] != granted]
    actor, method = seeker_actor(seeker.pk), Consent.Method.ONLINE
    with transaction.atomic():
        for purpose in changed:
            version = BY_PURPOSE[purpose].version
            if answers[purpose]:
                consent_record(
                    seeker=seeker,
                    purposes=[purpose],
                    method=method,
                    given_on=timezone.localdate(),
                    actor=actor,
                    version=version,
                )
            else:
                consent_refuse(seeker=seeker, purpose=purpose, method=method, actor=actor, version=version)
    return changed


def _held(seeker: Seeker | None = None, employer: Employer | None = None) -> bool:
    """The person's portal messages wait for the desk lead (the 포털 메시지 검토 measure)."""
    return any(m.kind == Measure.Kind.PORTAL_REVIEW for m in measures_active(seeker=seeker, employer=employer))


def _still_seeking(seeker: Seeker) -> None:
    """Asking for work is a contact: a seeker who had stopped or lapsed is 구직 중 again (재등록)."""
    if seeker.status in (Seeker.Status.WITHDRAWN, Seeker.Status.LAPSED):
        seeker_change_status(seeker_id=seeker.pk, status=Seeker.Status.ACTIVE, actor=seeker_actor(seeker.pk))


def _asked_already(*, seeker: Seeker, vacancy: Vacancy, kind: str) -> bool:
    """A request of this kind for this seeker and vacancy is waiting (locked, so two posts make one), or
    they are referred to it already."""
    return (
        R.objects.select_for_update().filter(seeker=seeker, vacancy=vacancy, kind=kind, status=R.Status.OPEN).exists()
        or Referral.objects.filter(seeker=seeker, vacancy=vacancy, status__in=ACTIVE).exists()
    )


def referral_ask(*, seeker: Seeker, vacancy: Vacancy, message: str = "") -> PortalRequest:
    """알선 신청: the seeker asks their counselor to refer them to an open vacancy."""
    if not vacancy.is_open_on(timezone.localdate()):
        raise PortalError("모집이 끝난 구인표입니다.", code="vacancy_closed")
    if not consent_given(seeker=seeker):
        raise PortalError("구직 알선 동의가 없습니다.", code="no_consent")
    with transaction.atomic():
        if _asked_already(seeker=seeker, vacancy=vacancy, kind=R.Kind.REFERRAL):
            raise PortalError("이미 신청한 일자리입니다.", code="already_asked")
        _still_seeking(seeker)
        request = R.objects.create(
            kind=R.Kind.REFERRAL,
            desk=seeker.desk,
            seeker=seeker,
            vacancy=vacancy,
            message=message.strip(),
            held=_held(seeker=seeker),
        )
        audit_record(
            actor=seeker_actor(seeker.pk),
            action=Action.CREATE,
            object_type="portal_request",
            object_id=request.pk,
            purpose="알선 신청(포털)",
            detail={"seeker": seeker.pk, "vacancy": vacancy.pk},
        )
    return request


def request_withdraw(*, request: PortalRequest, seeker: Seeker) -> None:
    """The seeker takes back a request nobody has acted on yet."""
    if request.seeker_id != seeker.pk or request.status != R.Status.OPEN:
        raise PortalError("취소할 수 없는 신청입니다.", code="not_open")
    R.objects.filter(pk=request.pk, status=R.Status.OPEN).update(status=R.Status.WITHDRAWN, decided_at=timezone.now())


def notifications_choose(*, seeker: Seeker, receive: Mapping[str, bool]) -> None:
    """받을 알림 선택: the optional kinds the seeker turned off are not sent to their phone (the sender
    checks, whoever sends: a counselor's referral, a booth, the event reminder)."""
    opt_outs_set(phone=seeker.phone, refused={kind for kind, wanted in receive.items() if not wanted})
    audit_record(
        actor=seeker_actor(seeker.pk),
        action=Action.UPDATE,
        object_type="seeker",
        object_id=seeker.pk,
        purpose="받을 알림 선택(포털)",
        detail={"receive": dict(receive)},
    )


def event_sign_up(*, seeker: Seeker, event: HiringEvent) -> Registration:
    """채용행사 참가 신청 from the portal: the poster's own path (``registration_self``), with the phone
    already proven at sign-in, so the same rules, consent and ticket apply."""
    return registration_self(
        event=event,
        data=SelfRegistration(
            name=seeker.name,
            birth_date=seeker.birth_date,
            phone=seeker.phone,
            desired_job_text=seeker.desired_job_text,
            home_dong=seeker.home_dong,
        ),
        phone_verified=True,
        actor=seeker_actor(seeker.pk),
    )


def program_apply(*, seeker: Seeker, program: TrainingProgram, declared: Declared) -> Enrollment:
    """참여 신청 for a training or city job program from the portal: the programs' own service, with
    the seeker's online consent to the 교육·일자리 사업 wording they read, so the application is on
    the program's applicant list at once. A person who had stopped seeking is 구직 중 again, unless
    the application is refused (then nothing is saved)."""
    try:
        with transaction.atomic():
            _still_seeking(seeker)
            seeker.refresh_from_db(fields=["status"])
            return enrollment_create(
                program=program,
                seeker=seeker,
                declared=declared,
                consent_method=Consent.Method.ONLINE,
                consent_given_on=timezone.localdate(),
                consent_version=BY_PURPOSE[Consent.Purpose.PROGRAMS].version,
                actor=seeker_actor(seeker.pk),
            )
    except IntegrityError:  # a second tap that crossed the first
        raise PortalError("이미 이 사업에 신청했습니다.", code="already_enrolled") from None


def program_withdraw(*, seeker: Seeker, enrollment: Enrollment) -> Enrollment:
    """The seeker takes back a program application before the selection (중도 포기·취소, 본인 요청)."""
    if enrollment.seeker_id != seeker.pk:
        raise PortalError("취소할 수 없는 신청입니다.", code="not_open")
    return enrollment_withdraw(enrollment=enrollment, actor=seeker_actor(seeker.pk))


def account_delete(*, seeker: Seeker) -> None:
    """The seeker deletes their account: the erase service removes everything that identifies them
    (statistics stay, anonymous); requests still waiting are withdrawn first."""
    with transaction.atomic():
        R.objects.filter(seeker=seeker, status=R.Status.OPEN).update(
            status=R.Status.WITHDRAWN, decided_at=timezone.now()
        )
        SeekerAccount.objects.filter(seeker=seeker).delete()
        seeker_erase(seeker_id=seeker.pk, actor=seeker_actor(seeker.pk), reason="본인 요청(포털 계정 삭제)")


# --- employers -------------------------------------------------------------------------------------


def company_for_number(business_number: str) -> tuple[Employer | None, EmployerAccount | None]:
    """The company on file with this 사업자등록번호 and its portal account, either possibly missing."""
    number = normalize_business_number(business_number)
    employer = Employer.objects.filter(business_number=number).first() if number else None
    account = EmployerAccount.objects.filter(employer=employer).first() if employer else None
    return employer, account


def company_phone(employer: Employer, account: EmployerAccount | None) -> str:
    """Where a company's code goes: its portal phone, else the mobile on the center's record ("" if none)."""
    if account is not None:
        return account.phone
    try:
        return parse_mobile(employer.contact_phone or "")
    except CellError:
        return ""


def company_sign_in(*, employer: Employer, phone: str) -> EmployerAccount:
    """A company the center knows signs in (its phone proven): its account, made on first sign-in."""
    account, _ = EmployerAccount.objects.get_or_create(
        employer=employer,
        defaults={"phone": phone, "phone_hash": phone_hash(phone), "status": EmployerAccount.Status.CONFIRMED},
    )
    return account


@dataclass
class CompanySignUp:
    business_number: str
    name: str
    dong: Dong | None
    address: str
    contact_name: str
    phone: str
    language: str


def company_sign_up(*, data: CompanySignUp) -> EmployerAccount:
    """A company new to the center: on file at once (so it can write drafts), published only after a
    counselor confirms it (a 기업 가입 확인 request on 오늘의 업무)."""
    if not business_number_is_valid(data.business_number):
        raise PortalError("사업자등록번호가 올바르지 않습니다.", code="business_number")
    if company_for_number(data.business_number)[0] is not None:
        raise PortalError("이미 등록된 사업자등록번호입니다.", code="company_on_file")
    with transaction.atomic():
        [employer] = employers_create(
            inputs=[
                EmployerInput(
                    name=data.name.strip(),
                    business_number=data.business_number,
                    dong=data.dong,
                    address=data.address.strip(),
                    contact_name=data.contact_name.strip(),
                    contact_phone=data.phone,
                )
            ],
            actor="portal:sign-up",
            source="portal",
        )
        account = EmployerAccount.objects.create(
            employer=employer, phone=data.phone, phone_hash=phone_hash(data.phone), language=data.language
        )
        R.objects.create(kind=R.Kind.COMPANY, desk=desk_for(data.dong), employer=employer)
    return account


def vacancy_draft(*, account: EmployerAccount, data: VacancyInput) -> Vacancy:
    """The company posts a vacancy: the same checks as a counselor's (minimum wage), saved as a draft
    that a counselor checks before it is open."""
    data.employer, data.source, data.status = account.employer, Vacancy.Source.EMPLOYER, Vacancy.Status.DRAFT
    with transaction.atomic():
        [vacancy] = vacancies_create(inputs=[data], actor=employer_actor(account.employer_id), source="portal")
        R.objects.create(
            kind=R.Kind.VACANCY,
            desk=desk_for(account.employer.dong),
            employer=account.employer,
            vacancy=vacancy,
            held=_held(employer=account.employer),
        )
    return vacancy


def interview_ask(*, account: EmployerAccount, vacancy: Vacancy, seeker_id: int, message: str = "") -> PortalRequest:
    """면접 요청: the company asks to interview an anonymous candidate of its open vacancy; the counselor
    refers them (the seeker is told, and only then meets the company) or declines."""
    if account.status != EmployerAccount.Status.CONFIRMED:
        raise PortalError("회사 확인이 끝난 뒤에 면접을 요청할 수 있습니다.", code="company_unconfirmed")
    if vacancy.employer_id != account.employer_id or not vacancy.is_open_on(timezone.localdate()):
        raise PortalError("모집이 끝난 구인표입니다.", code="vacancy_closed")
    seeker = Seeker.objects.filter(pk=seeker_id, status=Seeker.Status.ACTIVE).select_related("desk").first()
    if seeker is None or not consent_given(seeker=seeker, purpose=Consent.Purpose.SHARE_WITH_EMPLOYERS):
        raise PortalError("이 후보는 지금 면접을 요청할 수 없습니다.", code="candidate_gone")
    with transaction.atomic():
        if _asked_already(seeker=seeker, vacancy=vacancy, kind=R.Kind.INTERVIEW):
            raise PortalError("이미 면접을 요청한 후보입니다.", code="already_asked")
        request = R.objects.create(
            kind=R.Kind.INTERVIEW,
            desk=seeker.desk,
            seeker=seeker,
            employer=account.employer,
            vacancy=vacancy,
            message=message.strip(),
            held=_held(employer=account.employer),
        )
        audit_record(
            actor=employer_actor(account.employer_id),
            action=Action.CREATE,
            object_type="portal_request",
            object_id=request.pk,
            purpose="기업 면접 요청(포털)",
            detail={"vacancy": vacancy.pk},
        )
    return request


def company_record_outcome(*, account: EmployerAccount, referral: Referral, hired: bool, reason: str = "") -> Referral:
    """The company records its interview's result on the portal: the referral's own outcome service (the
    placement, the vacancy filled by hires, the seeker told), under the company's name in the log."""
    if referral.vacancy.employer_id != account.employer_id:
        raise PortalError("이 회사의 알선이 아닙니다.", code="not_open")
    return referral_record_outcome(
        referral=referral, hired=hired, reason=reason, actor=employer_actor(account.employer_id)
    )


def company_close_vacancy(*, account: EmployerAccount, vacancy: Vacancy, reason: str) -> Vacancy:
    """마감 by the company: 채용 완료 or 모집 취소, through the vacancy's lifecycle."""
    if vacancy.employer_id != account.employer_id or reason not in (Vacancy.Status.FILLED, Vacancy.Status.CANCELLED):
        raise PortalError("마감할 수 없는 구인표입니다.", code="not_open")
    return vacancy_close(
        vacancy_id=vacancy.pk, reason=reason, actor=employer_actor(account.employer_id), note="기업 포털에서 마감"
    )


# --- a counselor's one step ------------------------------------------------------------------------


def request_decide(*, request: PortalRequest, user: User, accept: bool, note: str = "") -> PortalRequest:
    """A counselor acts on a portal request in one step: 알선 (or not), confirm the company (or not),
    publish the vacancy (or not); the person is told by text message (no staff name in it)."""
    if request.status != R.Status.OPEN:
        raise PortalError("이미 처리된 요청입니다.", code="not_open")
    if request.held and not has_role(user, HELD_READERS):
        raise PortalError("포털 메시지 검토 대상입니다. 창구 책임자가 읽고 처리합니다.", code="held")
    status = R.Status.DONE if accept else R.Status.DECLINED
    referral = None
    with transaction.atomic():
        if request.kind in (R.Kind.REFERRAL, R.Kind.INTERVIEW) and accept:
            note = "포털 알선 신청" if request.kind == R.Kind.REFERRAL else "기업 포털 면접 요청"
            referral = referral_create(seeker=request.seeker, vacancy=request.vacancy, counselor=user, note=note)
        elif request.kind == R.Kind.COMPANY:
            EmployerAccount.objects.filter(employer=request.employer).update(
                status=EmployerAccount.Status.CONFIRMED if accept else EmployerAccount.Status.REFUSED
            )
        elif request.kind == R.Kind.VACANCY:
            account = EmployerAccount.objects.filter(employer=request.employer).first()
            if accept and (account is None or account.status != EmployerAccount.Status.CONFIRMED):
                raise PortalError("기업 가입을 먼저 확인해 주십시오.", code="company_unconfirmed")
            if accept:
                vacancy_publish(vacancy_id=request.vacancy_id, actor=user, note="기업 포털 게시 확인")
            else:
                vacancy_close(vacancy_id=request.vacancy_id, reason=Vacancy.Status.CANCELLED, actor=user, note=note)
        updated = R.objects.filter(pk=request.pk, status=R.Status.OPEN).update(
            status=status, referral=referral, decided_at=timezone.now(), decided_by=user, decision_note=note[:200]
        )
        if not updated:
            raise PortalError("이미 처리된 요청입니다.", code="not_open")
        audit_record(
            actor=user,
            action=Action.UPDATE,
            object_type="portal_request",
            object_id=request.pk,
            purpose=f"포털 요청 처리({request.get_kind_display()})",
            detail={"accept": accept},
        )
    if request.kind == R.Kind.REFERRAL and not accept:
        tell_seeker(seeker=request.seeker, actor=user)  # an accepted one: the new referral tells them
    elif request.employer_id:
        tell_company(employer=request.employer)
    request.refresh_from_db()
    return request
