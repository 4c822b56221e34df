"""Referral (알선) → interview (면접) → hired or not (채용/불채용) → follow-ups (사후관리).

Each step is a service with its rules and an audit row, so the page, the API, event
results and the demo generator all move a referral the same way.
"""

from datetime import date, datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from iljari.accounts.models import User
from iljari.core.acting import acting_as
from iljari.core.calendar import months_later
from iljari.core.confirmation import ConfirmationNeeded
from iljari.core.errors import IljariError
from iljari.core.lifecycles import TransitionRefused, last_change, transition
from iljari.core.versions import data_changed
from iljari.notify import texts
from iljari.notify.models import Message
from iljari.privacy.audit import Action, Actor, audit_record
from iljari.privacy.selectors import consent_given
from iljari.reference.models import Occupation
from iljari.referrals.lifecycle import CORRECTIONS, OUTCOME_MOVES, REFERRAL, REOPEN
from iljari.referrals.models import FollowUp, Placement, Referral
from iljari.seekers.messages import seeker_text
from iljari.seekers.models import Seeker
from iljari.seekers.services import seeker_place, seeker_unplace, seekers_contacted
from iljari.vacancies.lifecycle import FILLED_BY_HIRES
from iljari.vacancies.models import Vacancy
from iljari.vacancies.services import vacancy_close, vacancy_unfill

ACTIVE = (Referral.Status.REFERRED, Referral.Status.INTERVIEW)
NO_CONSENT = (
    "개인정보 수집·이용(취업지원 상담·알선) 동의가 확인되지 않아 알선할 수 없습니다(동의 미확인). "
    "구직자 화면의 '개인정보 동의'에서 받은 동의를 기록한 뒤 다시 알선해 주십시오."
)
FOLLOW_UP_MONTHS = (1, 3, 6)


class ReferralError(IljariError):
    """A referral step broke a rule of the workflow."""


def _tell(referral: Referral, *, actor: Actor, when: datetime | None = None) -> None:
    """Text the seeker that their referral moved (what moved stays on the portal), or when their
    interview is; in their language, through the job queue, unless they turned that kind off."""
    if when is None:
        kind, table, values = Message.Kind.REFERRAL, texts.REFERRAL, {}
    else:
        kind, table = Message.Kind.INTERVIEW, texts.INTERVIEW
        values = {"when": f"{timezone.localtime(when):%Y-%m-%d %H:%M}"}
    seeker_text(
        seeker_id=referral.seeker_id,
        kind=kind,
        table=table,
        actor=actor,
        purpose=f"{Message.Kind(kind).label} 문자",
        **values,
    )


def referral_create(
    *,
    seeker: Seeker,
    vacancy: Vacancy,
    counselor: User,
    note: str = "",
    at: datetime | None = None,
    tell: bool = True,
) -> Referral:
    """Refer a seeker to an open vacancy: one active referral per seeker and vacancy.

    A seeker who stopped looking or whose 구직 신청 lapsed is re-registered first; one already
    in work may be referred (changing jobs).
    """
    at = at or timezone.now()
    if not vacancy.is_open_on(timezone.localdate(at)):
        raise ReferralError(f"모집이 끝난 구인표({vacancy.get_status_display()})에는 알선할 수 없습니다.")
    if seeker.status == Seeker.Status.ERASED:
        raise ReferralError("개인정보가 파기된 구직자는 알선할 수 없습니다.")
    if seeker.status in (Seeker.Status.WITHDRAWN, Seeker.Status.LAPSED):
        raise ReferralError(
            f"이 구직자는 '{seeker.get_status_display()}' 상태입니다. 재등록한 뒤 알선해 주십시오.", field="status"
        )
    if not consent_given(seeker=seeker):
        raise ReferralError(NO_CONSENT)
    with transaction.atomic():
        data_changed()
        if Referral.objects.select_for_update().filter(seeker=seeker, vacancy=vacancy, status__in=ACTIVE).exists():
            raise ReferralError("이미 이 구인표에 알선 중입니다.")
        referral = Referral.objects.create(
            seeker=seeker, vacancy=vacancy, counselor=counselor, referred_at=at, note=note
        )
        seekers_contacted(contacts={seeker.pk: timezone.localdate(at)})
        audit_record(
            actor=counselor,
            action=Action.CREATE,
            object_type="referral",
            object_id=referral.pk,
            purpose="알선",
            detail={"seeker": seeker.pk, "vacancy": vacancy.pk},
        )
    if tell:
        _tell(referral, actor=counselor)
    return referral


def _locked(referral: Referral) -> Referral:
    """The referral as it is now, locked until the transaction ends: every outcome rule is checked on
    this, never on what a page read earlier (two counselors at once: the second sees the first's)."""
    return Referral.objects.select_for_update().select_related("seeker").get(pk=referral.pk)


def referral_schedule_interview(*, referral: Referral, at: datetime, actor: Actor, tell: bool = True) -> Referral:
    """면접 일정: only for an active referral (locked and re-read: a cancel at the same moment wins or
    loses whole), never before it was made."""
    if at < referral.referred_at.replace(second=0, microsecond=0):  # forms give minutes, not seconds
        raise ReferralError("면접 일시는 알선 일시보다 앞설 수 없습니다.", field="interview_at")
    with transaction.atomic(), acting_as(actor=actor, purpose="면접 일정"):
        data_changed()
        current = _locked(referral)
        if current.status not in ACTIVE:
            raise ReferralError(
                f"진행 중인 알선에만 면접 일정을 잡을 수 있습니다(지금 '{current.get_status_display()}')."
            )
        transition(
            lifecycle=REFERRAL, record_id=current.pk, move="interview", actor=actor, changes={"interview_at": at}
        )
        seekers_contacted(contacts={referral.seeker_id: timezone.localdate(min(at, timezone.now()))})
        audit_record(
            actor=actor,
            action=Action.UPDATE,
            object_type="referral",
            object_id=referral.pk,
            purpose="면접 일정",
            detail={"interview_at": at.isoformat()},
        )
    referral.refresh_from_db()
    if tell:
        _tell(referral, actor=actor, when=at)
    return referral


UNDO_MINUTES = 10  # how long the person who recorded an outcome may take it back without a reason


def _placement(
    *,
    seeker: Seeker,
    employer_name: str,
    started_on: date,
    actor: Actor,
    referral: Referral | None,
    vacancy: Vacancy | None,
    occupation: Occupation | None,
    wage_type: str,
    wage_amount: int | None,
    direct: bool,
) -> Placement:
    try:
        with transaction.atomic():
            placement = Placement.objects.create(
                seeker=seeker,
                referral=referral,
                vacancy=vacancy,
                employer_name=employer_name,
                occupation=occupation,
                started_on=started_on,
                wage_type=wage_type,
                wage_amount=wage_amount,
                is_direct=direct,
                recorded_by=actor if isinstance(actor, User) else None,
            )
    except IntegrityError:  # the rule "one standing placement per job" (a double post, a 자체 취업 beside it)
        raise ReferralError(
            f"{employer_name} 취업({started_on:%Y-%m-%d})이 이미 기록되어 있습니다. 구직자의 취업 이력을 확인해 주십시오."
        ) from None
    FollowUp.objects.bulk_create(
        [FollowUp(placement=placement, months_after=m, due_on=months_later(started_on, m)) for m in FOLLOW_UP_MONTHS]
    )
    seeker_place(
        seeker_id=seeker.pk, actor=actor, note="자체 취업" if referral is None else f"알선 #{referral.pk} 채용"
    )
    audit_record(
        actor=actor,
        action=Action.CREATE,
        object_type="placement",
        object_id=placement.pk,
        purpose="취업 등록",
        detail={"seeker": seeker.pk, "direct": direct},
    )
    return placement


def _other_jobs(referral: Referral) -> list[Placement]:
    return list(Placement.objects.filter(seeker_id=referral.seeker_id).exclude(referral_id=referral.pk)[:3])


def _ask_second_job(referral: Referral) -> None:
    jobs = _other_jobs(referral)
    if jobs:
        raise ConfirmationNeeded(
            "이 구직자는 이미 다른 곳에 취업한 것으로 기록되어 있습니다.",
            facts=[f"{p.employer_name} · 취업일 {p.started_on:%Y-%m-%d}" for p in jobs],
            question="이 채용을 두 번째 취업으로 추가하시겠습니까?",
            yes="예, 두 번째 취업으로 추가합니다",
        )


def _hire_date(referral: Referral, *, at: datetime, started_on: date | None) -> date:
    """A hire is never dated before its interview (nor before the referral)."""
    if referral.interview_at and at < referral.interview_at:
        raise ReferralError(
            f"채용 결과는 면접 일시({timezone.localtime(referral.interview_at):%Y-%m-%d %H:%M}) 뒤에만 기록할 수 있습니다."
        )
    started_on = started_on or timezone.localdate(at)
    earliest = timezone.localdate(referral.interview_at or referral.referred_at)
    if started_on < earliest:
        raise ReferralError(
            f"취업일은 {'면접일' if referral.interview_at else '알선일'}({earliest:%Y-%m-%d})보다 앞설 수 없습니다.",
            field="started_on",
        )
    return started_on


def _hired(referral: Referral, *, actor: Actor, started_on: date, direct: bool, at: datetime) -> None:
    """What a 채용 makes follow: the placement (a withdrawn one stands again), the seeker 취업, the
    vacancy 채용 완료 once its openings are filled."""
    vacancy = Vacancy.objects.select_related("employer", "occupation").get(pk=referral.vacancy_id)
    withdrawn = Placement.every.filter(referral_id=referral.pk, withdrawn_at__isnull=False).first()
    if withdrawn:
        try:
            with transaction.atomic():
                Placement.every.filter(pk=withdrawn.pk).update(
                    withdrawn_at=None, withdrawn_by=None, withdrawn_reason="", started_on=started_on
                )
        except IntegrityError:
            raise ReferralError(f"{withdrawn.employer_name} 취업이 이미 따로 기록되어 있습니다.") from None
        FollowUp.every.filter(placement=withdrawn, done_on__isnull=True).delete()
        kept = set(FollowUp.every.filter(placement=withdrawn).values_list("months_after", flat=True))
        FollowUp.every.bulk_create(
            [
                FollowUp(placement=withdrawn, months_after=m, due_on=months_later(started_on, m))
                for m in FOLLOW_UP_MONTHS
                if m not in kept
            ]
        )
        seeker_place(seeker_id=referral.seeker_id, actor=actor, note=f"알선 #{referral.pk} 채용(정정)")
        audit_record(
            actor=actor,
            action=Action.UPDATE,
            object_type="placement",
            object_id=withdrawn.pk,
            purpose="취업 철회 취소",
            detail={"referral": referral.pk},
        )
    else:
        _placement(
            seeker=referral.seeker,
            employer_name=vacancy.employer.name,
            started_on=started_on,
            actor=actor,
            referral=referral,
            vacancy=vacancy,
            occupation=vacancy.occupation,
            wage_type=vacancy.wage_type,
            wage_amount=vacancy.wage_amount,
            direct=direct,
        )
    hires = Referral.objects.filter(vacancy=vacancy, status=Referral.Status.HIRED).count()
    if hires >= vacancy.openings and vacancy.status in (Vacancy.Status.OPEN, Vacancy.Status.EXPIRED):
        vacancy_close(vacancy_id=vacancy.pk, reason=Vacancy.Status.FILLED, actor=actor, note=FILLED_BY_HIRES, at=at)


def _unhired(referral: Referral, *, actor: Actor, why: str) -> None:
    """What taking back a 채용 makes follow: its placement withdrawn (kept, with why, counted nowhere;
    its follow-ups with it), the seeker back to 구직 중 unless another job stands, the vacancy open
    again if the hires had filled it."""
    placement = Placement.objects.filter(referral_id=referral.pk).first()
    if placement:
        Placement.every.filter(pk=placement.pk).update(
            withdrawn_at=timezone.now(), withdrawn_by=actor if isinstance(actor, User) else None, withdrawn_reason=why
        )
        audit_record(
            actor=actor,
            action=Action.UPDATE,
            object_type="placement",
            object_id=placement.pk,
            purpose="취업 철회",
            detail={"referral": referral.pk},
        )
    seeker_unplace(seeker_id=referral.seeker_id, actor=actor, note=f"알선 #{referral.pk} 채용 철회")
    hires = Referral.objects.filter(vacancy_id=referral.vacancy_id, status=Referral.Status.HIRED).count()
    vacancy_unfill(vacancy_id=referral.vacancy_id, hires=hires, actor=actor, note=f"알선 #{referral.pk} 채용 철회")


def _follow(referral: Referral, *, was: str, actor: Actor, why: str, at: datetime, started_on: date | None) -> None:
    now_state = Referral.objects.filter(pk=referral.pk).values_list("status", flat=True).get()
    if was == Referral.Status.HIRED and now_state != Referral.Status.HIRED:
        _unhired(referral, actor=actor, why=why)
    elif now_state == Referral.Status.HIRED and was != Referral.Status.HIRED:
        _hired(referral, actor=actor, started_on=started_on or timezone.localdate(at), direct=False, at=at)


def referral_record_outcome(
    *,
    referral: Referral,
    hired: bool,
    actor: Actor,
    reason: str = "",
    started_on: date | None = None,
    at: datetime | None = None,
    direct: bool = False,
    second_job: bool = False,
) -> Referral:
    """채용 or 불채용. A hire needs the interview on record unless it is noted as direct, is never dated
    before it, and for a seeker already in work is asked about first (``second_job`` is the yes).

    The referral is locked and re-read, and the move is one conditional update: of two people
    recording at once, the second is told what the first recorded and nothing of theirs is saved.
    """
    at = at or timezone.now()
    if not hired and reason not in Referral.Reason.values:
        raise ReferralError("불채용 사유를 골라 주십시오.", field="reason")
    with transaction.atomic(), acting_as(actor=actor, purpose="알선 결과"):
        data_changed()
        current = _locked(referral)
        if current.status not in ACTIVE:
            raise ReferralError(
                f"이미 결과('{current.get_status_display()}')가 기록된 알선입니다. 화면을 새로 고쳐 확인해 주십시오."
            )
        if at < current.referred_at:
            raise ReferralError("결과 일시는 알선 일시보다 앞설 수 없습니다.")
        if hired:
            if current.status != Referral.Status.INTERVIEW and not direct:
                raise ReferralError(
                    "면접 기록이 없는 채용입니다. 면접 일정을 먼저 기록하거나 '면접 없이 채용'으로 표시해 주십시오."
                )
            if Vacancy.objects.filter(pk=current.vacancy_id, status=Vacancy.Status.CANCELLED).exists():
                raise ReferralError(
                    "모집이 취소된 구인표에는 채용을 기록할 수 없습니다. 알선을 취소하거나 구인표를 재공고해 주십시오."
                )
            started_on = _hire_date(current, at=at, started_on=started_on)
            if not second_job:
                _ask_second_job(current)
        transition(
            lifecycle=REFERRAL,
            record_id=current.pk,
            move="hire" if hired else "reject",
            actor=actor,
            reason="" if hired else reason,
            at=at,
            changes={"result_at": at, "not_hired_reason": "" if hired else reason},
        )
        audit_record(
            actor=actor,
            action=Action.UPDATE,
            object_type="referral",
            object_id=referral.pk,
            purpose="알선 결과",
            detail={"hired": hired, "reason": reason},
        )
        if hired:
            _hired(current, actor=actor, started_on=started_on, direct=direct, at=at)
        seekers_contacted(contacts={referral.seeker_id: timezone.localdate(min(at, timezone.now()))})
    referral.refresh_from_db()
    _tell(referral, actor=actor)
    return referral


def referral_cancel(*, referral: Referral, actor: Actor, reason: str = Referral.Reason.SEEKER_WITHDREW) -> Referral:
    with transaction.atomic(), acting_as(actor=actor, purpose="알선 취소"):
        data_changed()
        current = _locked(referral)
        if current.status not in ACTIVE:
            raise ReferralError(
                f"진행 중인 알선만 취소할 수 있습니다(지금 '{current.get_status_display()}'). 화면을 새로 고쳐 확인해 주십시오."
            )
        now = timezone.now()
        transition(
            lifecycle=REFERRAL,
            record_id=current.pk,
            move="cancel",
            actor=actor,
            reason=reason,
            changes={"result_at": now, "not_hired_reason": reason},
        )
        audit_record(
            actor=actor,
            action=Action.UPDATE,
            object_type="referral",
            object_id=referral.pk,
            purpose="알선 취소",
            detail={"reason": reason},
        )
    referral.refresh_from_db()
    _tell(referral, actor=actor)
    return referral


def referral_correct(
    *, referral: Referral, to: str, note: str, actor: Actor, reason: str = "", started_on: date | None = None
) -> Referral:
    """정정: a recorded outcome was wrong. ``to`` is 채용 / 불채용 / 취소 or ``active`` (진행 중 again);
    ``note`` says why (required, kept in the history). The placement, its follow-ups, the seeker and
    the vacancy follow, so every count follows too."""
    if to != REOPEN and to not in CORRECTIONS:
        raise TransitionRefused(
            "정정할 결과를 골라 주십시오(채용, 불채용, 취소, 진행 중).", http_status=422, field="to"
        )
    with transaction.atomic(), acting_as(actor=actor, purpose="알선 결과 정정"):
        data_changed()
        current = _locked(referral)
        reopen = "reopen_interview" if current.interview_at else "reopen_referred"
        move = reopen if to == REOPEN else CORRECTIONS[to]
        now = timezone.now()
        if to == Referral.Status.HIRED:
            started_on = _hire_date(current, at=now, started_on=started_on)
        done = to in CORRECTIONS
        change = transition(
            lifecycle=REFERRAL,
            record_id=current.pk,
            move=move,
            actor=actor,
            reason=reason if to in (Referral.Status.NOT_HIRED, Referral.Status.CANCELLED) else "",
            note=note,
            changes={
                "result_at": now if done else None,
                "not_hired_reason": reason if to in (Referral.Status.NOT_HIRED, Referral.Status.CANCELLED) else "",
            },
        )
        audit_record(
            actor=actor,
            action=Action.UPDATE,
            object_type="referral",
            object_id=referral.pk,
            purpose="알선 결과 정정",
            detail={"from": change.from_state, "to": change.to_state},
        )
        _follow(
            current, was=change.from_state, actor=actor, why=f"결과 정정: {change.note}", at=now, started_on=started_on
        )
    referral.refresh_from_db()
    return referral


def referral_undo(*, referral: Referral, actor: Actor) -> Referral:
    """되돌리기: the person who recorded an outcome takes it back within ``UNDO_MINUTES`` (a wrong tap);
    later, or anyone else, corrects it with a reason instead."""
    with transaction.atomic(), acting_as(actor=actor, purpose="알선 결과 되돌리기"):
        data_changed()
        current = _locked(referral)
        last = last_change(lifecycle=REFERRAL, record_id=current.pk)
        actor_id = actor.pk if isinstance(actor, User) else None
        recent = last is not None and timezone.now() - last.at <= timedelta(minutes=UNDO_MINUTES)
        if last is None or last.move not in OUTCOME_MOVES or last.to_state != current.status:
            raise ReferralError("되돌릴 결과가 없습니다. 화면을 새로 고쳐 확인해 주십시오.")
        if last.actor_id != actor_id or actor_id is None or not recent:
            raise ReferralError(
                f"되돌리기는 결과를 기록한 직원이 {UNDO_MINUTES}분 안에만 할 수 있습니다. 사유를 적어 정정해 주십시오."
            )
        back = "undo_interview" if last.from_state == Referral.Status.INTERVIEW else "undo_referred"
        transition(
            lifecycle=REFERRAL,
            record_id=current.pk,
            move=back,
            actor=actor,
            note="잘못 기록한 결과를 되돌림",
            changes={"result_at": None, "not_hired_reason": ""},
        )
        audit_record(
            actor=actor,
            action=Action.UPDATE,
            object_type="referral",
            object_id=referral.pk,
            purpose="알선 결과 되돌리기",
            detail={"from": last.to_state, "to": last.from_state},
        )
        _follow(current, was=last.to_state, actor=actor, why="되돌리기(잘못 기록)", at=timezone.now(), started_on=None)
    referral.refresh_from_db()
    return referral


def referral_undoable(*, referral: Referral, user: User, now: datetime | None = None) -> bool:
    """Whether ``user`` may still undo the referral's outcome (the page shows the button then)."""
    last = last_change(lifecycle=REFERRAL, record_id=referral.pk)
    now = now or timezone.now()
    return bool(
        last
        and last.move in OUTCOME_MOVES
        and last.to_state == referral.status
        and last.actor_id == user.pk
        and now - last.at <= timedelta(minutes=UNDO_MINUTES)
    )


def placement_record_direct(
    *,
    seeker: Seeker,
    employer_name: str,
    started_on: date,
    actor: Actor,
    occupation: Occupation | None = None,
    wage_type: str = "",
    wage_amount: int | None = None,
) -> Placement:
    """자체 취업 — the seeker found work without a referral; it still counts and is followed up."""
    if not employer_name.strip():
        raise ReferralError("취업처를 입력해 주십시오.", field="employer_name")
    if started_on > timezone.localdate() + timedelta(days=60):
        raise ReferralError("취업일이 너무 먼 미래입니다.", field="started_on")
    with transaction.atomic(), acting_as(actor=actor, purpose="자체 취업"):
        data_changed()
        return _placement(
            seeker=seeker,
            employer_name=employer_name.strip(),
            started_on=started_on,
            actor=actor,
            referral=None,
            vacancy=None,
            occupation=occupation,
            wage_type=wage_type,
            wage_amount=wage_amount,
            direct=True,
        )


def follow_up_record(
    *,
    follow_up: FollowUp,
    still_employed: bool,
    actor: Actor,
    reason: str = "",
    done_on: date | None = None,
    version: int | None = None,
) -> FollowUp:
    """사후관리 결과. Stopping work marks the later follow-ups as not employed too.

    ``version`` is the one the page showed: a result recorded meanwhile by someone else is never
    overwritten; the person is told what it says and records again if it is wrong.
    """
    done_on = done_on or timezone.localdate()
    if done_on < follow_up.placement.started_on:
        raise ReferralError("확인일은 취업일보다 앞설 수 없습니다.")
    if not still_employed and not reason.strip():
        raise ReferralError("그만둔 사유를 적어 주십시오.", field="reason")
    with transaction.atomic(), acting_as(actor=actor, purpose="사후관리"):
        data_changed()
        current = FollowUp.objects.select_for_update().filter(pk=follow_up.pk).first()
        if current is None:
            raise ReferralError("이 사후관리는 취업이 철회되어 더 이상 기록할 수 없습니다.")
        if version is not None and current.version != version:
            said = "계속 근무" if current.still_employed else "그만둠"
            when = f"{current.done_on:%Y-%m-%d} " if current.done_on else ""
            raise ReferralError(
                f"다른 직원이 먼저 이 사후관리를 기록했습니다({when}{said}{' · ' + current.reason if current.reason else ''}). "
                "입력하신 내용은 저장하지 않았습니다. 확인한 뒤 다르면 다시 기록해 주십시오."
            )
        FollowUp.objects.filter(pk=follow_up.pk, version=current.version).update(
            done_on=done_on, still_employed=still_employed, reason=reason, version=F("version") + 1
        )
        if not still_employed:
            FollowUp.objects.filter(
                placement=follow_up.placement, months_after__gt=follow_up.months_after, done_on__isnull=True
            ).update(done_on=done_on, still_employed=False, reason=reason, version=F("version") + 1)
        audit_record(
            actor=actor,
            action=Action.UPDATE,
            object_type="follow_up",
            object_id=follow_up.pk,
            purpose="사후관리",
            detail={"still_employed": still_employed},
        )
    follow_up.refresh_from_db()
    return follow_up
