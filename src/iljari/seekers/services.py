"""Writing seeker records: registration (one or many), notes. Every write is audited."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from iljari.accounts.models import Desk, User
from iljari.core.acting import acting_as
from iljari.core.bulk import bulk_link
from iljari.core.calendar import months_later
from iljari.core.choices import EmploymentType, KoreanLevel
from iljari.core.errors import IljariError
from iljari.core.lifecycles import TransitionRefused, transition, transition_many
from iljari.core.models import StatusChange
from iljari.core.versions import data_changed
from iljari.notify.services import opt_outs_forget
from iljari.privacy.audit import Action, Actor, AuditEntry, audit_record, audit_record_many
from iljari.privacy.crypto import PrivacyError, keyed_hash
from iljari.privacy.history import (
    changed_values,
    history_forget,
    not_editable,
    record_for_update,
    record_revise,
)
from iljari.privacy.models import Consent
from iljari.privacy.services import consent_rows
from iljari.reference.models import Dong, Licence, Occupation, TargetGroup, VisaType
from iljari.reference.selectors import current_city
from iljari.seekers.assignment import counselor_loads, counselor_suggestion
from iljari.seekers.lifecycle import SEEKER, STATUS_MOVES
from iljari.seekers.models import CounselingNote, Seeker, SeekerReassignment
from iljari.seekers.selectors import duplicate_message, identity_hash, phone_hash, seeker_on_file

SCHEDULER = "system:scheduler"  # who the log names for what the scheduled jobs do


class SeekerError(IljariError):
    """A seeker could not be registered or changed."""


class DuplicateSeeker(SeekerError):
    """The database's one-record-per-person rule refused a registration (someone registered them meanwhile)."""


@dataclass
class SeekerInput:
    """Everything a registration form or an import row says about a new seeker."""

    desk: Desk
    name: str
    birth_date: date
    phone: str = ""
    sex: str = ""
    address: str = ""
    home_dong: Dong | None = None
    target_groups: Sequence[TargetGroup] = ()
    desired_job_text: str = ""
    desired_occupations: Sequence[Occupation] = ()
    experience: str = ""
    experience_years: int = 0
    licences: Sequence[Licence] = ()
    reservation_wage: int | None = None
    work_hours: str = Seeker.WorkHours.ANY
    shifts: list[str] = field(default_factory=list)
    employment_type: str = EmploymentType.ANY
    korean_level: int = KoreanLevel.NATIVE
    visa_type: VisaType | None = None
    nationality: str = "KR"
    preferred_language: str = "ko"
    accessibility_needs: list[str] = field(default_factory=list)
    remarks: str = ""
    counselor: User | None = None
    registered_on: date | None = None
    # What the person agreed to; an imported row without a consent column has none (동의 미확인)
    # and cannot be referred until consent is recorded on the seeker's page.
    consents: Sequence[str] = (Consent.Purpose.EMPLOYMENT_SERVICES,)
    consent_method: str = Consent.Method.PAPER
    consent_given_on: date | None = None
    consent_version: str = ""  # the wording read, when it has one (the portal's)
    is_demo: bool = False


def _build(data: SeekerInput) -> Seeker:
    today = timezone.localdate()
    return Seeker(
        desk=data.desk,
        counselor=data.counselor,
        name=data.name,
        phone=data.phone or None,
        birth_date=data.birth_date,
        address=data.address or None,
        remarks=data.remarks or None,
        name_hash=keyed_hash("name", data.name),
        phone_hash=phone_hash(data.phone),
        identity_hash=identity_hash(data.name, data.birth_date),
        birth_year=data.birth_date.year,
        sex=data.sex,
        nationality=data.nationality,
        preferred_language=data.preferred_language,
        home_dong=data.home_dong,
        desired_job_text=data.desired_job_text,
        experience=data.experience,
        experience_years=data.experience_years,
        reservation_wage=data.reservation_wage,
        work_hours=data.work_hours,
        shifts=data.shifts,
        employment_type=data.employment_type,
        korean_level=data.korean_level,
        visa_type=data.visa_type,
        accessibility_needs=data.accessibility_needs,
        registered_on=data.registered_on or today,
        last_contact_on=data.registered_on or today,
        is_demo=data.is_demo,
    )


def _assign_counselors(inputs: list[SeekerInput], registering: User | None) -> None:
    """Give each seeker without a counselor the suggested one, counting this batch as it goes."""
    loads: dict[int, dict[int, int]] = {}
    for data in inputs:
        if data.counselor is not None:
            continue
        desk_loads = loads.setdefault(data.desk.pk, counselor_loads(desk_id=data.desk.pk))
        data.counselor = counselor_suggestion(
            desk_id=data.desk.pk, language=data.preferred_language, registering=registering, loads=desk_loads
        ).counselor
        if data.counselor is not None and data.counselor.pk in desk_loads:
            desk_loads[data.counselor.pk] += 1


def seekers_create(*, inputs: Sequence[SeekerInput], actor: Actor, purpose: str, source: str = "form") -> list[Seeker]:
    """Register seekers with the consents they gave; one audit row each."""
    inputs = list(inputs)
    today = timezone.localdate()
    with transaction.atomic():
        data_changed()
        _assign_counselors(inputs, actor if isinstance(actor, User) else None)
        try:
            with transaction.atomic():
                seekers = Seeker.objects.bulk_create([_build(d) for d in inputs], batch_size=500)
        except IntegrityError as exc:  # one record per phone: registered meanwhile by someone else
            if not any(k in str(exc) for k in ("phone_hash", "one_seeker_per_phone")):
                raise
            raise DuplicateSeeker("같은 휴대전화로 이미 등록된 분이 있어 저장하지 않았습니다.") from None
        bulk_link(
            seekers,
            inputs,
            {
                "target_groups": Seeker.target_groups,
                "desired_occupations": Seeker.desired_occupations,
                "licences": Seeker.licences,
            },
        )
        Consent.objects.bulk_create(
            [
                row
                for s, d in zip(seekers, inputs, strict=True)
                for row in consent_rows(
                    seeker=s,
                    purposes=d.consents,
                    method=d.consent_method,
                    given_on=d.consent_given_on or today,
                    actor=actor,
                    version=d.consent_version,
                )
            ],
            batch_size=1000,
        )
        audit_record_many(
            actor=actor,
            entries=(AuditEntry(Action.CREATE, "seeker", s.pk, purpose, {"source": source}) for s in seekers),
        )
    return seekers


def seeker_create(*, data: SeekerInput, actor: Actor, purpose: str = "구직 등록") -> Seeker:
    """Register one seeker, refusing a person already on file (at any desk: one record per person)."""
    user = actor if isinstance(actor, User) else None
    on_file = seeker_on_file(
        user=user, name=data.name, birth_date=data.birth_date, phone=data.phone, purpose="중복 확인"
    )
    if on_file:
        raise SeekerError(duplicate_message(on_file=on_file, user=user))
    try:
        return seekers_create(inputs=[data], actor=actor, purpose=purpose)[0]
    except DuplicateSeeker:  # two counselors registering the same person at once: the second is told
        on_file = seeker_on_file(
            user=user, name=data.name, birth_date=data.birth_date, phone=data.phone, purpose="중복 확인"
        )
        if on_file is None:
            raise
        raise SeekerError(duplicate_message(on_file=on_file, user=user)) from None


# What a correction may change: the registration form's fields. Status moves through its own
# transitions, the desk through reassignment, never through an edit.
SEEKER_EDITABLE = frozenset(
    {
        "name",
        "birth_date",
        "phone",
        "sex",
        "address",
        "home_dong",
        "target_groups",
        "desired_job_text",
        "licences",
        "reservation_wage",
        "work_hours",
        "shifts",
        "employment_type",
        "korean_level",
        "visa_type",
        "accessibility_needs",
        "preferred_language",
        "remarks",
    }
)


def _derived(current: Seeker, values: dict[str, Any]) -> None:
    """The look-up hashes and birth year follow a corrected name, phone or birth date."""
    if "phone" in values:
        values["phone_hash"] = phone_hash(values["phone"] or "")
    if "name" in values:
        values["name_hash"] = keyed_hash("name", values["name"])
    if "birth_date" in values:
        values["birth_year"] = values["birth_date"].year
    if "name" in values or "birth_date" in values:
        values["identity_hash"] = identity_hash(
            values.get("name", current.name), values.get("birth_date", current.birth_date)
        )


def _refuse_duplicate(current: Seeker, values: Mapping[str, Any], actor: Actor) -> None:
    """A corrected phone, or name and birth date, must not be another seeker's (told as on registration)."""
    user = actor if isinstance(actor, User) else None
    checks = []
    if values.get("phone"):
        checks.append(("phone", {"name": "", "birth_date": None, "phone": values["phone"]}))
    if "identity_hash" in values:
        who = {"name": values.get("name", current.name), "birth_date": values.get("birth_date", current.birth_date)}
        checks.append(("name", {**who, "phone": ""}))
    for field_name, person in checks:
        on_file = seeker_on_file(user=user, **person, purpose="중복 확인", other_than=current.pk)
        if on_file:
            raise SeekerError(duplicate_message(on_file=on_file, user=user), field=field_name)


# What a seeker corrects about themselves on the portal: their profile, and the occupations their own
# words were read as, once they confirmed them (a counselor's edit page leaves those to the matcher).
SEEKER_SELF_EDITABLE = frozenset(
    {
        "desired_job_text",
        "desired_occupations",
        "home_dong",
        "reservation_wage",
        "work_hours",
        "shifts",
        "employment_type",
        "korean_level",
        "visa_type",
        "experience_years",
        "licences",
        "preferred_language",
    }
)


def seeker_update(
    *, seeker: Seeker, changes: Mapping[str, Any], actor: Actor, version: int, editable: frozenset = SEEKER_EDITABLE
) -> Seeker:
    """Correct a seeker's record: only the fields in ``changes`` (of ``editable``: staff's, or the
    seeker's own), and only if nobody saved it since ``version`` — otherwise ``StaleRecord`` with
    what they changed, and nothing is written."""
    unknown = set(changes) - editable
    if unknown:
        raise SeekerError(not_editable(Seeker, unknown))
    with transaction.atomic():
        current = record_for_update(model=Seeker, pk=seeker.pk, version=version)
        if current.status == Seeker.Status.ERASED:
            raise SeekerError("개인정보가 파기된 구직자는 수정할 수 없습니다.")
        values, relations = changed_values(record=current, changes=changes)
        _derived(current, values)
        _refuse_duplicate(current, values, actor)
        record_revise(
            record=current, version=version, values=values, relations=relations, actor=actor, purpose="구직자 정보 수정"
        )
    return Seeker.objects.get(pk=seeker.pk)


@dataclass
class NoteInput:
    seeker: Seeker
    author: User | None
    text: str
    channel: str = CounselingNote.Channel.VISIT
    written_at: datetime | None = None


def _note_time(n: "NoteInput") -> datetime:
    return n.written_at or timezone.now()


def counseling_notes_create(*, inputs: Sequence[NoteInput], actor: Actor) -> list[CounselingNote]:
    """Save counseling notes; registration numbers are refused by forms and masked here."""
    inputs = list(inputs)
    if any(not n.text.strip() for n in inputs):
        raise SeekerError("상담 내용을 입력해 주십시오.", field="text")
    now = timezone.now()
    with transaction.atomic():
        data_changed()
        seekers_contacted(
            contacts={n.seeker.pk: timezone.localdate(n.written_at or now) for n in sorted(inputs, key=_note_time)}
        )
        notes = CounselingNote.objects.bulk_create(
            [
                CounselingNote(
                    seeker=n.seeker, author=n.author, text=n.text, channel=n.channel, written_at=n.written_at or now
                )
                for n in inputs
            ],
            batch_size=500,
        )
        audit_record_many(
            actor=actor,
            entries=(
                AuditEntry(Action.CREATE, "counseling_note", note.pk, "상담일지 작성", {"seeker": note.seeker_id})
                for note in notes
            ),
        )
    return notes


def counseling_note_create(*, seeker: Seeker, author: User, text: str, channel: str) -> CounselingNote:
    return counseling_notes_create(inputs=[NoteInput(seeker, author, text, channel)], actor=author)[0]


def seeker_erase(*, seeker_id: int, actor: Actor, reason: str) -> Seeker:
    """Remove everything that identifies the seeker; keep what the city's statistics need.

    Kept: desk, home 동, target groups, sex, desired occupations, dates, referrals and
    placements. Removed: name, phone, birth date and year, address, remarks, counseling
    note texts, nationality, visa, language and accessibility needs, and the look-up hashes.
    """
    if not reason.strip():
        raise PrivacyError("파기 사유를 입력해 주십시오.")
    with transaction.atomic(), acting_as(actor=actor, purpose="개인정보 파기"):
        data_changed()
        seeker = Seeker.objects.select_for_update().filter(pk=seeker_id).first()
        if seeker is None:
            raise PrivacyError(f"구직자 #{seeker_id}을(를) 찾을 수 없습니다.")
        if seeker.status == Seeker.Status.ERASED:
            raise PrivacyError(f"구직자 #{seeker_id}의 개인정보는 이미 파기되었습니다.")
        transition(
            lifecycle=SEEKER,
            record_id=seeker_id,
            move="erase",
            actor=actor,
            changes=dict(
                name=None,
                phone=None,
                birth_date=None,
                address=None,
                remarks=None,
                name_hash="",
                phone_hash="",
                identity_hash="",
                birth_year=None,
                nationality="",
                preferred_language="",
                visa_type=None,
                accessibility_needs=[],
                experience="",
                erased_at=timezone.now(),
            ),
        )
        CounselingNote.objects.filter(seeker_id=seeker_id).update(text=None)
        if seeker.phone:
            opt_outs_forget(phone=seeker.phone)
        history_forget(record_model=Seeker, record_id=seeker_id)
        audit_record(actor=actor, action=Action.ERASE, object_type="seeker", object_id=seeker_id, purpose=reason)
    return Seeker.objects.get(pk=seeker_id)


def seekers_reassign(*, seekers: Sequence[Seeker], to: User, actor: User, reason: str) -> int:
    """Move seekers to another counselor with a reason; their whole history stays with them.

    A desk lead moves seekers within the desks they may see; only a manager moves them to a counselor
    of another desk.
    """
    if not reason.strip():
        raise SeekerError("담당자를 바꾸는 사유를 적어 주십시오.", field="reason")
    if to.role != User.Role.COUNSELOR or not to.is_active:
        raise SeekerError(f"{to}은(는) 구직자를 맡을 수 있는 상담사가 아닙니다.", field="to")
    allowed = actor.sees_all_seekers or {actor.desk_id, *actor.granted_desks.values_list("id", flat=True)}
    if allowed is not True and (to.desk_id not in allowed or any(s.desk_id not in allowed for s in seekers)):
        raise SeekerError("다른 창구의 상담사나 구직자는 센터 관리자만 옮길 수 있습니다.", field="to")
    moving = [s for s in seekers if s.counselor_id != to.pk]
    if not moving:
        return 0
    with transaction.atomic(), acting_as(actor=actor, purpose=f"담당 상담사 변경: {reason.strip()}"):
        data_changed()
        SeekerReassignment.objects.bulk_create(
            [
                SeekerReassignment(seeker=s, from_counselor_id=s.counselor_id, to_counselor=to, reason=reason, by=actor)
                for s in moving
            ]
        )
        Seeker.objects.filter(pk__in=[s.pk for s in moving]).update(
            counselor=to, desk=to.desk, updated_at=timezone.now()
        )
        audit_record_many(
            actor=actor,
            entries=(
                AuditEntry(Action.UPDATE, "seeker", s.pk, "담당 상담사 변경", {"to": to.pk, "from": s.counselor_id})
                for s in moving
            ),
        )
    return len(moving)


def seekers_contacted(*, contacts: dict[int, date]) -> None:
    """Move each seeker's 마지막 연락일 forward to the given day (never back): the validity clock restarts.

    Not a change of the record itself (``updated_at`` stays), so matching does not re-read them.
    """
    by_day: dict[date, list[int]] = {}
    for seeker_id, day in contacts.items():
        by_day.setdefault(day, []).append(seeker_id)
    for day, ids in by_day.items():
        Seeker.objects.filter(Q(last_contact_on__lt=day) | Q(last_contact_on__isnull=True), pk__in=ids).update(
            last_contact_on=day
        )


def _status_changed(*, seeker_id: int, actor: Actor, purpose: str, change: StatusChange) -> Seeker:
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        object_type="seeker",
        object_id=seeker_id,
        purpose=purpose,
        detail={"from": change.from_state, "to": change.to_state, "reason": change.reason},
    )
    return Seeker.objects.get(pk=seeker_id)


def seeker_change_status(
    *, seeker_id: int, status: str, actor: Actor, reason: str = "", at: datetime | None = None
) -> Seeker:
    """구직 중단 (with a reason from the list), 유효기간 만료, or 재등록 (back to 구직 중, the clock restarted).

    취업 is not set here: it comes with the placement (a referral's 채용 or 자체 취업), so the KPIs count it.
    """
    if status == Seeker.Status.PLACED:
        raise TransitionRefused(
            "취업은 취업처와 취업일과 함께 기록해 주십시오(알선 결과의 '채용' 또는 '자체 취업 등록').",
            http_status=422,
            field="status",
        )
    if status not in STATUS_MOVES:
        allowed = ", ".join(f"{SEEKER.label(s)}({s})" for s in STATUS_MOVES)
        raise TransitionRefused(f"바꿀 수 있는 상태는 {allowed}입니다.", http_status=422, field="status")
    move = SEEKER.move(STATUS_MOVES[status])
    today = timezone.localdate(at) if at else timezone.localdate()
    with transaction.atomic():
        data_changed()
        change = transition(
            lifecycle=SEEKER,
            record_id=seeker_id,
            move=move.name,
            actor=actor,
            reason=reason,
            at=at,
            changes={"last_contact_on": today} if move.name == "reactivate" else None,
        )
        return _status_changed(seeker_id=seeker_id, actor=actor, purpose=f"구직자 {move.label}", change=change)


def seeker_place(*, seeker_id: int, actor: Actor, note: str = "", at: datetime | None = None) -> None:
    """취업: called with the placement it comes from. A seeker already 취업 stays so (a second job is a
    second placement, not a second move)."""
    state = Seeker.objects.filter(pk=seeker_id).values_list("status", flat=True).first()
    if state == Seeker.Status.PLACED:
        return
    with transaction.atomic():
        data_changed()
        change = transition(lifecycle=SEEKER, record_id=seeker_id, move="place", actor=actor, note=note, at=at)
        _status_changed(seeker_id=seeker_id, actor=actor, purpose="구직자 취업", change=change)


def seeker_unplace(*, seeker_id: int, actor: Actor, note: str) -> None:
    """취업 철회: the placement that made them 취업 was withdrawn; back to 구직 중 unless another stands."""
    state = Seeker.objects.filter(pk=seeker_id).values_list("status", flat=True).first()
    if (
        state != Seeker.Status.PLACED
        or Seeker.objects.filter(pk=seeker_id, placements__isnull=False, placements__withdrawn_at__isnull=True).exists()
    ):
        return
    with transaction.atomic():
        data_changed()
        change = transition(lifecycle=SEEKER, record_id=seeker_id, move="unplace", actor=actor, note=note)
        _status_changed(seeker_id=seeker_id, actor=actor, purpose="구직자 취업 철회", change=change)


def lapse_cutoff(today: date) -> date:
    """The last contact on or before which a 구직 신청 has lapsed by ``today`` (the city's validity period)."""
    return months_later(today, -current_city().seeker_validity_months)


def seekers_lapse(*, today: date, actor: Actor = SCHEDULER, at: datetime | None = None) -> list[int]:
    """The nightly job: a 구직 신청 with no contact for the city's validity period becomes 유효기간 만료."""
    cutoff = lapse_cutoff(today)
    stale = Seeker.objects.filter(
        Q(last_contact_on__lte=cutoff) | Q(last_contact_on__isnull=True, registered_on__lte=cutoff),
        status=Seeker.Status.ACTIVE,
    )
    with transaction.atomic():
        moved = transition_many(
            lifecycle=SEEKER,
            queryset=stale,
            move="lapse",
            actor=actor,
            note=f"{current_city().seeker_validity_months}개월 동안 연락이 없어 자동으로 만료했습니다.",
            at=at,
        )
        if moved:
            data_changed()
            audit_record_many(
                actor=actor,
                entries=(AuditEntry(Action.UPDATE, "seeker", pk, "구직 신청 유효기간 만료") for pk in moved),
            )
    return moved
