"""Setting up a hiring event, registering seekers (by a counselor, by themselves, at the door),
check-in by ticket and no-shows. Every write is audited; pre-matching and the timetable live
in ``prematching.py`` and ``timetable.py``."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from iljari.accounts.models import Desk, User
from iljari.core import cells
from iljari.core.errors import IljariError
from iljari.core.versions import data_changed
from iljari.employers.models import Employer
from iljari.events.models import Booth, HiringEvent, Interview, Registration
from iljari.events.tickets import ticket_code_from
from iljari.notify import texts
from iljari.notify.models import Message
from iljari.privacy.audit import Action, Actor, audit_record
from iljari.privacy.models import Consent
from iljari.reference.models import Dong
from iljari.seekers.messages import seeker_text
from iljari.seekers.models import Seeker
from iljari.seekers.services import SeekerInput, identity_hash, phone_hash, seekers_contacted, seekers_create
from iljari.vacancies.models import Vacancy


class EventError(IljariError):
    """A hiring-event step broke one of its rules."""


@dataclass
class EventInput:
    name: str
    kind: str
    date: date
    place: str
    starts_at: time
    ends_at: time
    slot_minutes: int = 20
    gap_slots: int = 1
    max_interviews: int = 3
    desk: Desk | None = None
    description: str = ""


def event_create(*, data: EventInput, actor: Actor) -> HiringEvent:
    if data.ends_at <= data.starts_at:
        raise EventError("종료 시각은 시작 시각보다 늦어야 합니다.", field="ends_at")
    if not 5 <= data.slot_minutes <= 120:
        raise EventError("면접 시간대는 5분에서 120분 사이로 정해 주십시오.", field="slot_minutes")
    event = HiringEvent(**data.__dict__)
    if event.slot_count < 1:
        raise EventError("행사 시간이 면접 시간대 하나보다 짧습니다.", field="ends_at")
    with transaction.atomic():
        event.save()
        audit_record(
            actor=actor, action=Action.CREATE, object_type="event", object_id=event.pk, purpose="채용행사 등록"
        )
    return event


def booth_add(
    *,
    event: HiringEvent,
    employer: Employer,
    vacancies: Sequence[Vacancy],
    actor: Actor,
    label: str = "",
    interviewers: int = 1,
    interview_minutes: int | None = None,
) -> Booth:
    """A company's booth with the open vacancies it brings; results become referrals to these."""
    vacancies = list(vacancies)
    if not vacancies:
        raise EventError("부스에서 채용할 구인표를 하나 이상 골라 주십시오.", field="vacancies")
    if any(v.employer_id != employer.pk for v in vacancies):
        raise EventError("다른 업체의 구인표가 섞여 있습니다.", field="vacancies")
    if any(v.status != Vacancy.Status.OPEN for v in vacancies):
        raise EventError("모집이 끝난 구인표는 부스에 넣을 수 없습니다.", field="vacancies")
    if not 1 <= interviewers <= 20:
        raise EventError("면접관 수는 1명에서 20명 사이여야 합니다.", field="interviewers")
    minutes = interview_minutes or event.slot_minutes
    if minutes > event.slot_minutes:
        raise EventError(
            f"면접 시간은 행사의 면접 시간대({event.slot_minutes}분)보다 길 수 없습니다.", field="interview_minutes"
        )
    if event.booths.filter(employer=employer).exists():
        raise EventError("이 업체의 부스가 이미 있습니다. 구인표를 그 부스에 더해 주십시오.", field="employer")
    with transaction.atomic():
        booth = Booth.objects.create(
            event=event,
            employer=employer,
            label=label or f"{event.booths.count() + 1}",
            interviewers=interviewers,
            interview_minutes=minutes,
        )
        booth.vacancies.set(vacancies)
        audit_record(
            actor=actor,
            action=Action.CREATE,
            object_type="booth",
            object_id=booth.pk,
            purpose="채용행사 부스 등록",
            detail={"event": event.pk, "employer": employer.pk},
        )
    return booth


def _slot_window(event: HiringEvent, available_from: time | None, available_until: time | None) -> None:
    if available_from and available_until and available_until <= available_from:
        raise EventError("참가 가능 종료 시각은 시작 시각보다 늦어야 합니다.", field="available_until")
    for moment in (available_from, available_until):
        if moment and not event.starts_at <= moment <= event.ends_at:
            raise EventError(
                f"참가 가능 시간은 행사 시간({event.starts_at:%H:%M}~{event.ends_at:%H:%M}) 안이어야 합니다.",
                field="available_from",
            )


def _consent(seeker: Seeker, purpose: str, method: str, actor: Actor, now: datetime) -> None:
    Consent.objects.create(
        seeker=seeker,
        purpose=purpose,
        granted=True,
        method=method,
        recorded_at=now,
        recorded_by=actor if isinstance(actor, User) else None,
    )


def registration_create(
    *,
    event: HiringEvent,
    seeker: Seeker,
    source: str,
    actor: Actor,
    picks: Sequence[Booth] = (),
    share_profile: bool = False,
    available_from: time | None = None,
    available_until: time | None = None,
) -> Registration:
    """참가 신청 with its ticket; consent to take part (and to show the profile to picked booths)."""
    if seeker.status == Seeker.Status.ERASED:
        raise EventError("개인정보가 파기된 구직자는 신청할 수 없습니다.")
    if event.date < timezone.localdate():
        raise EventError("이미 끝난 행사입니다.")
    if any(b.event_id != event.pk for b in picks):
        raise EventError("다른 행사의 부스를 골랐습니다.", field="picks")
    _slot_window(event, available_from, available_until)
    now = timezone.now()
    method = {Registration.Source.SELF: Consent.Method.ONLINE}.get(source, Consent.Method.PAPER)
    try:
        with transaction.atomic():
            data_changed()
            registration = Registration.objects.create(
                event=event,
                seeker=seeker,
                source=source,
                share_profile=share_profile,
                available_from=available_from,
                available_until=available_until,
                registered_by=actor if isinstance(actor, User) else None,
                checked_in_at=now if source == Registration.Source.WALK_IN else None,
            )
            registration.picks.set(picks)
            seekers_contacted(contacts={seeker.pk: timezone.localdate(now)})  # the 구직 신청's clock restarts
            _consent(seeker, Consent.Purpose.EVENTS, method, actor, now)
            if share_profile:
                _consent(seeker, Consent.Purpose.SHARE_WITH_EMPLOYERS, method, actor, now)
            audit_record(
                actor=actor,
                action=Action.CREATE,
                object_type="registration",
                object_id=registration.pk,
                purpose="채용행사 참가 신청",
                detail={"event": event.pk, "seeker": seeker.pk, "source": source},
            )
    except IntegrityError:
        raise EventError("이미 이 행사에 신청한 구직자입니다.") from None
    if event.booths.filter(prematches__isnull=False).exists():
        from iljari.events.prematching import prematch  # late: prematching reads the matching indexes

        prematch(event=event, registrations=[registration])
    return registration


@dataclass
class SelfRegistration:
    """The short phone form on the poster's QR code (or the walk-in desk's)."""

    name: str
    birth_date: date
    phone: str
    desired_job_text: str = ""
    home_dong: Dong | None = None
    picks: Sequence[Booth] = ()
    share_profile: bool = False
    available_from: time | None = None
    available_until: time | None = None


def _known_seeker(data: SelfRegistration, *, in_person: bool) -> Seeker | None:
    """The person on file this registration is for.

    At the door, staff see the person: the same name and birth date, or the same phone, is them. From
    the poster, the only proof is the phone whose one-time code was entered, so only a seeker with that
    phone on file is linked; a name and birth date alone never attach a stranger's sign-up to someone.
    """
    active = Seeker.objects.exclude(status=Seeker.Status.ERASED)
    by_phone = active.filter(phone_hash=phone_hash(data.phone)).first()
    if not in_person:
        return by_phone
    return active.filter(identity_hash=identity_hash(data.name, data.birth_date)).first() or by_phone


def registration_self(
    *,
    event: HiringEvent,
    data: SelfRegistration,
    source: str = Registration.Source.SELF,
    actor: Actor = "본인 신청",
    phone_verified: bool = False,
) -> Registration:
    """Register from the poster or at the door: a person already on file is matched, never duplicated;
    someone new is registered as a seeker at the event's desk with their online consent.

    From the poster (``SELF``) the phone must have been proven with a one-time code first
    (``phone_verified``): nothing is linked and no consent recorded for a phone nobody proved.
    """
    if source == Registration.Source.SELF and not phone_verified:
        raise EventError("휴대전화 인증을 마친 뒤에 신청할 수 있습니다.", field="phone")
    if source == Registration.Source.SELF and not event.registration_open:
        raise EventError("이 행사의 본인 신청은 마감되었습니다. 현장 접수처에 문의해 주십시오.")
    if event.desk is None:
        raise EventError("행사 주관 창구가 정해지지 않아 신청을 받을 수 없습니다. 담당자에게 문의해 주십시오.")
    try:
        data.phone = cells.parse_mobile(data.phone)
    except cells.CellError as exc:
        raise EventError(str(exc), field="phone") from exc
    with transaction.atomic():
        seeker = _known_seeker(data, in_person=source != Registration.Source.SELF)
        if seeker is None:
            seeker = seekers_create(
                inputs=[
                    SeekerInput(
                        desk=event.desk,
                        name=data.name.strip(),
                        birth_date=data.birth_date,
                        phone=data.phone,
                        home_dong=data.home_dong,
                        desired_job_text=data.desired_job_text.strip(),
                        consent_method=Consent.Method.ONLINE
                        if source == Registration.Source.SELF
                        else Consent.Method.PAPER,
                    )
                ],
                actor=actor,
                purpose="채용행사 신청으로 구직 등록",
                source="event",
            )[0]
        elif existing := Registration.objects.filter(event=event, seeker=seeker).first():
            return existing
        return registration_create(
            event=event,
            seeker=seeker,
            source=source,
            actor=actor,
            picks=data.picks,
            share_profile=data.share_profile,
            available_from=data.available_from,
            available_until=data.available_until,
        )


def registration_by_ticket(*, event: HiringEvent | None, text: str) -> Registration:
    """The registration a scanned or typed ticket names, refusing another event's ticket."""
    code = ticket_code_from(text)
    if not code:
        raise EventError("참가권 번호를 읽을 수 없습니다. 번호를 다시 확인해 주십시오.")
    registration = Registration.objects.select_related("event", "seeker").filter(ticket=code).first()
    if registration is None:
        raise EventError(f"참가권 {code}을(를) 찾을 수 없습니다.")
    if event is not None and registration.event_id != event.pk:
        raise EventError(f"다른 행사({registration.event.name})의 참가권입니다.")
    return registration


def check_in(*, event: HiringEvent, text: str, actor: Actor, now: datetime | None = None) -> tuple[Registration, bool]:
    """입장 처리 by ticket; returns the registration and whether it was already checked in."""
    registration = registration_by_ticket(event=event, text=text)
    if registration.checked_in_at:
        return registration, True
    now = now or timezone.now()
    with transaction.atomic():
        Registration.objects.filter(pk=registration.pk).update(checked_in_at=now, no_show=False)
        seekers_contacted(contacts={registration.seeker_id: timezone.localdate(now)})
        audit_record(
            actor=actor,
            action=Action.UPDATE,
            object_type="registration",
            object_id=registration.pk,
            purpose="채용행사 입장",
        )
    registration.refresh_from_db()
    return registration, False


def registration_mark_no_show(*, registration: Registration, actor: Actor, now: datetime | None = None) -> int:
    """불참: the seeker's interviews not yet started are cancelled, freeing their slots; returns how many."""
    if registration.checked_in_at:
        raise EventError("입장한 구직자는 불참 처리할 수 없습니다. 면접별로 불참을 기록해 주십시오.")
    now = now or timezone.now()
    with transaction.atomic():
        Registration.objects.filter(pk=registration.pk).update(no_show=True)
        freed = registration.interviews.filter(status=Interview.Status.SCHEDULED, starts_at__gt=now).update(
            status=Interview.Status.CANCELLED
        )
        registration.interviews.filter(status=Interview.Status.SCHEDULED, starts_at__lte=now).update(
            status=Interview.Status.NO_SHOW
        )
        audit_record(
            actor=actor,
            action=Action.UPDATE,
            object_type="registration",
            object_id=registration.pk,
            purpose="채용행사 불참",
            detail={"freed": freed},
        )
    return freed


def no_shows_mark_late(
    *, event: HiringEvent, actor: Actor, now: datetime | None = None, grace_minutes: int = 10
) -> int:
    """Everyone not checked in whose first interview began more than ``grace_minutes`` ago is a no-show."""
    now = now or timezone.now()
    cutoff = now - timedelta(minutes=grace_minutes)
    late = (
        event.registrations.filter(checked_in_at__isnull=True, no_show=False)
        .filter(Q(interviews__starts_at__lte=cutoff) & Q(interviews__status=Interview.Status.SCHEDULED))
        .distinct()
    )
    count = 0
    for registration in late:
        registration_mark_no_show(registration=registration, actor=actor, now=now)
        count += 1
    return count


SCHEDULER = "system:event-reminder"


def registrations_remind(*, today: date) -> list[int]:
    """The day before an event, text each person registered (not yet checked in) once: the event, its
    time and place, in their language, unless they turned event messages off. Safe to run twice."""
    due = Registration.objects.filter(
        event__date=today + timedelta(days=1), reminded_at__isnull=True, checked_in_at__isnull=True
    ).select_related("event")
    told = []
    for registration in due:
        event = registration.event
        with transaction.atomic():
            if not Registration.objects.filter(pk=registration.pk, reminded_at__isnull=True).update(
                reminded_at=timezone.now()
            ):
                continue  # another worker took it
            seeker_text(
                seeker_id=registration.seeker_id,
                kind=Message.Kind.EVENT,
                table=texts.EVENT,
                actor=SCHEDULER,
                purpose="채용행사 전날 안내 문자",
                event=event.name,
                when=f"{event.date:%Y-%m-%d} {event.starts_at:%H:%M}",
                place=event.place,
            )
        told.append(registration.pk)
    return told
