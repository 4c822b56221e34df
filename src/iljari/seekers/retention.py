"""보유기간 — a seeker's personal data is kept no longer than the city's retention period.

개인정보 보호법 asks that personal data be destroyed once the purpose and the period the person was
told of are over. The period runs from the last contact (``Seeker.last_contact_on``, or the
registration): the person is texted ``retention_notice_days`` before, in their language, and the
record is erased as ``iljari erase`` does (statistics kept) only once that notice period has passed
since the text. A contact after the text keeps the record; the next time it comes due a new text goes.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import F, Q, QuerySet

from iljari.core.calendar import months_later
from iljari.core.errors import IljariError
from iljari.notify import texts
from iljari.notify.models import Message
from iljari.notify.services import message_send
from iljari.privacy.audit import Action, Actor, AuditEntry, audit_record_many
from iljari.reference.selectors import current_city
from iljari.seekers.models import Seeker
from iljari.seekers.services import SCHEDULER, seeker_erase

REASON = "보유기간 경과"


@dataclass
class RetentionRun:
    noticed: list[int] = field(default_factory=list)  # seekers texted tonight
    erased: list[int] = field(default_factory=list)


def _last_contact_before(day: date) -> Q:
    return Q(last_contact_on__lt=day) | Q(last_contact_on__isnull=True, registered_on__lt=day)


def _kept() -> QuerySet[Seeker]:
    return Seeker.objects.exclude(status=Seeker.Status.ERASED)


def retention_erase_on(*, seeker: Seeker) -> date:
    """The day this seeker's personal data is erased if nobody is in contact before."""
    return months_later(seeker.last_contact_on or seeker.registered_on, current_city().retention_months)


def _notice_text(*, language: str, on: date) -> str:
    city = current_city()
    language = language if language in texts.RETENTION else "ko"
    text = texts.RETENTION[language].format(center=city.center_name_in(language), date=on.isoformat())
    return f"{text} ☎ {city.center_phone}" if city.center_phone else text


def seekers_retention(*, today: date, actor: Actor = SCHEDULER) -> RetentionRun:
    """The nightly 보유기간 job: text those coming due, erase those told long enough ago. Safe to run twice."""
    city = current_city()
    notice = timedelta(days=city.retention_notice_days)
    run = RetentionRun()
    # A text not yet sent for this period: none at all, or one followed by a contact (the job runs at
    # night, so a contact on the day of the text came after it).
    due_soon = _kept().filter(_last_contact_before(months_later(today + notice, -city.retention_months))).filter(
        Q(retention_notice_on__isnull=True) | Q(retention_notice_on__lte=F("last_contact_on"))
    )
    for seeker in due_soon.only("pk", "phone", "preferred_language", "last_contact_on", "registered_on"):
        on = max(retention_erase_on(seeker=seeker), today + notice)
        if seeker.phone:
            message_send(
                phone=seeker.phone,
                kind=Message.Kind.NOTICE,
                text=_notice_text(language=seeker.preferred_language, on=on),
                language=seeker.preferred_language,
            )
        Seeker.objects.filter(pk=seeker.pk).update(retention_notice_on=today)
        run.noticed.append(seeker.pk)
    audit_record_many(
        actor=actor,
        entries=(AuditEntry(Action.READ, "seeker", pk, "보유기간 만료 안내 문자") for pk in run.noticed),
    )
    # Erased: past the period, told at least the notice period ago, and no contact since the text.
    overdue = _kept().filter(
        _last_contact_before(months_later(today, -city.retention_months)),
        retention_notice_on__lte=today - notice,
    ).filter(Q(last_contact_on__isnull=True) | Q(last_contact_on__lt=F("retention_notice_on")))
    for pk in overdue.values_list("pk", flat=True):
        try:
            seeker_erase(seeker_id=pk, actor=actor, reason=REASON)
        except IljariError:  # erased meanwhile by a person; the others go on
            continue
        run.erased.append(pk)
    return run
