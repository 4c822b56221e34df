"""Recording an abusive contact in under a minute, the desk lead's response, and protective measures.

An incident goes to the desk lead at once (오늘의 업무, and a text to their work phone), who must answer
within the city's set time (``[safety] response_hours`` in city.toml); past it, the lead and the
managers are reminded. Measures go on the seeker's or employer's record, where every staff member
sees the measure and never the incident behind it.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from iljari.accounts.models import User
from iljari.core.errors import IljariError
from iljari.employers.models import Employer
from iljari.notify.models import Message
from iljari.notify.services import message_send
from iljari.privacy.audit import Action, audit_record
from iljari.reference.selectors import current_city
from iljari.safety.models import Incident, Measure
from iljari.seekers.models import Seeker
from iljari.seekers.selectors import seekers_visible_to


class SafetyError(IljariError):
    """An incident or a measure that cannot be recorded as asked."""


@dataclass
class IncidentInput:
    kind: str
    channel: str
    occurred_at: datetime
    what_happened: str
    duration_minutes: int | None = None
    seeker: Seeker | None = None
    employer: Employer | None = None
    caller: str = ""
    witness: str = ""
    told: str = ""
    measures: list[str] = field(default_factory=list)
    hand_to: User | None = None


def desk_leads(desk_id: int) -> list[User]:
    return list(User.objects.filter(desk_id=desk_id, role=User.Role.DESK_LEAD, is_active=True))


def _check_record(*, actor: User, seeker: Seeker | None, employer: Employer | None) -> None:
    if seeker is not None and not seekers_visible_to(actor).filter(pk=seeker.pk).exists():
        raise SafetyError("볼 수 없는 구직자의 기록에는 조치를 둘 수 없습니다.")
    if seeker is not None and employer is not None:
        raise SafetyError("구직자와 구인업체 중 하나에만 기록해 주십시오.")


def incident_report(*, data: IncidentInput, reporter: User) -> Incident:
    """Record what happened; the desk lead is told at once and must respond by the deadline."""
    if data.kind not in Incident.Kind.values:
        raise SafetyError("유형을 골라 주십시오.", field="kind")
    if data.channel not in Incident.Channel.values:
        raise SafetyError("경로를 골라 주십시오.", field="channel")
    if data.occurred_at is None:
        raise SafetyError("일시를 입력해 주십시오.", field="occurred_at")
    if data.occurred_at > timezone.now() + timedelta(minutes=5):
        raise SafetyError("아직 오지 않은 일시입니다.", field="occurred_at")
    if not data.what_happened.strip():
        raise SafetyError("있었던 일을 짧게라도 적어 주십시오.", field="what_happened")
    if reporter.desk_id is None:
        raise SafetyError("소속 창구가 없는 계정은 보고할 수 없습니다. 시스템 관리자에게 문의해 주십시오.")
    if data.measures and not (data.seeker or data.employer):
        raise SafetyError("보호 조치는 구직자나 구인업체의 기록에 둡니다. 상대를 모르면 조치 없이 보고해 주십시오.")
    if any(m not in Measure.Kind.values for m in data.measures):
        raise SafetyError("알 수 없는 보호 조치입니다.", field="measures")
    _check_record(actor=reporter, seeker=data.seeker, employer=data.employer)
    if data.hand_to is not None and (
        data.hand_to.desk_id != reporter.desk_id or data.hand_to.role != User.Role.COUNSELOR
    ):
        raise SafetyError("같은 창구의 상담사에게만 넘길 수 있습니다.", field="hand_to")
    now = timezone.now()
    with transaction.atomic():
        incident = Incident.objects.create(
            reporter=reporter,
            desk_id=reporter.desk_id,
            kind=data.kind,
            channel=data.channel,
            occurred_at=data.occurred_at,
            duration_minutes=data.duration_minutes,
            seeker=data.seeker,
            employer=data.employer,
            caller=data.caller or None,
            what_happened=data.what_happened,
            witness=data.witness or None,
            told=data.told,
            respond_by=now + timedelta(hours=current_city().incident_response_hours),
            handed_to=data.hand_to,
        )
        for kind in data.measures:
            _measure(kind=kind, seeker=data.seeker, employer=data.employer, actor=reporter, incident=incident)
        if data.hand_to is not None and data.seeker is not None:
            Seeker.objects.filter(pk=data.seeker.pk).update(counselor=data.hand_to, updated_at=now)
        audit_record(
            actor=reporter,
            action=Action.CREATE,
            object_type="incident",
            object_id=incident.pk,
            purpose="악성 민원 보고",
        )
    _tell_leads(
        incident,
        f"[iljari] 악성 민원이 보고되었습니다({incident.get_kind_display()}). 오늘의 업무에서 확인해 주십시오.",
    )
    return incident


def _tell_leads(incident: Incident, text: str, *, managers: bool = False) -> None:
    """A text to the desk leads' work phones (and the managers'); the page shows it on 오늘의 업무 anyway."""
    people = desk_leads(incident.desk_id)
    if managers:
        people += list(User.objects.filter(role=User.Role.MANAGER, is_active=True))
    for person in people:
        if person.work_phone:
            message_send(phone=person.work_phone, kind=Message.Kind.STAFF, text=text)


def incident_respond(*, incident: Incident, actor: User, response: str, close: bool = False) -> Incident:
    """The desk lead's (or a manager's) response: what was done, and whether the matter is closed."""
    if not (
        actor.role == User.Role.MANAGER or (actor.role == User.Role.DESK_LEAD and actor.desk_id == incident.desk_id)
    ):
        raise SafetyError("이 창구의 책임자나 센터 관리자만 조치를 기록할 수 있습니다.")
    if not response.strip():
        raise SafetyError("조치 내용을 적어 주십시오.", field="response")
    with transaction.atomic():
        locked = Incident.objects.select_for_update().get(pk=incident.pk)
        if locked.status == Incident.Status.CLOSED:
            raise SafetyError("이미 종결된 기록입니다.")
        locked.response = response
        locked.responded_by = actor
        locked.responded_at = locked.responded_at or timezone.now()
        locked.status = Incident.Status.CLOSED if close else Incident.Status.RESPONDED
        locked.save(update_fields=["response", "responded_by", "responded_at", "status"])
        audit_record(
            actor=actor, action=Action.UPDATE, object_type="incident", object_id=incident.pk, purpose="악성 민원 조치"
        )
    return locked


def incidents_remind_overdue(*, now: datetime | None = None) -> int:
    """Remind the leads and managers of reports past their deadline with no response (once each)."""
    now = now or timezone.now()
    overdue = list(
        Incident.objects.filter(status=Incident.Status.REPORTED, respond_by__lt=now, reminded_at__isnull=True)
    )
    for incident in overdue:
        _tell_leads(
            incident,
            "[iljari] 조치 기한이 지난 악성 민원 보고가 있습니다. 오늘의 업무에서 확인해 주십시오.",
            managers=True,
        )
    Incident.objects.filter(pk__in=[i.pk for i in overdue]).update(reminded_at=now)
    return len(overdue)


def _measure(
    *, kind: str, seeker: Seeker | None, employer: Employer | None, actor: User, incident: Incident | None
) -> Measure:
    active = Measure.objects.filter(kind=kind, seeker=seeker, employer=employer, ended_at__isnull=True).first()
    if active:
        return active
    measure = Measure.objects.create(kind=kind, seeker=seeker, employer=employer, set_by=actor, incident=incident)
    audit_record(
        actor=actor,
        action=Action.CREATE,
        object_type="measure",
        object_id=measure.pk,
        purpose="보호 조치",
        detail={"kind": kind, "seeker": seeker.pk if seeker else None, "employer": employer.pk if employer else None},
    )
    return measure


def measure_set(*, kind: str, actor: User, seeker: Seeker | None = None, employer: Employer | None = None) -> Measure:
    if kind not in Measure.Kind.values:
        raise SafetyError("알 수 없는 보호 조치입니다.", field="kind")
    if seeker is None and employer is None:
        raise SafetyError("조치를 둘 구직자나 구인업체를 골라 주십시오.")
    _check_record(actor=actor, seeker=seeker, employer=employer)
    with transaction.atomic():
        return _measure(kind=kind, seeker=seeker, employer=employer, actor=actor, incident=None)


def measure_end(*, measure: Measure, actor: User) -> Measure:
    """Lift a measure (desk leads and managers): the record stays, with when it ended."""
    if actor.role not in (User.Role.DESK_LEAD, User.Role.MANAGER):
        raise SafetyError("보호 조치는 창구 책임자나 센터 관리자가 해제합니다.")
    if measure.ended_at is not None:
        raise SafetyError("이미 해제된 조치입니다.")
    Measure.objects.filter(pk=measure.pk).update(ended_at=timezone.now())
    audit_record(
        actor=actor, action=Action.UPDATE, object_type="measure", object_id=measure.pk, purpose="보호 조치 해제"
    )
    measure.refresh_from_db()
    return measure
