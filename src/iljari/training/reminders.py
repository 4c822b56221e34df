"""회차 전날 안내 — the day before a session, each selected participant is reminded by text in their
language, the same way the hiring-event reminder is sent (``events.services.registrations_remind``)."""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from iljari.notify import texts
from iljari.notify.models import Message
from iljari.seekers.messages import seeker_text
from iljari.training.models import Enrollment, ProgramSession, SessionReminder

SCHEDULER = "system:program-reminder"
REMINDED = (Enrollment.Status.SELECTED, Enrollment.Status.ATTENDING)


def sessions_remind(*, today: date) -> list[int]:
    """Text each participant (선발, 참여 중) of tomorrow's sessions once per session and day: the
    program, its time and place, unless they turned program messages off. Safe to run twice.
    Returns the ids of the reminders taken."""
    tomorrow = today + timedelta(days=1)
    sessions = list(ProgramSession.objects.filter(date=tomorrow).select_related("program"))
    told = []
    for session in sessions:
        done = SessionReminder.objects.filter(session=session, session_date=tomorrow).values("enrollment_id")
        due = (
            session.program.enrollments.filter(status__in=REMINDED)
            .exclude(pk__in=done)
            .values_list("pk", "seeker_id")
            .order_by("pk")
        )
        for enrollment_id, seeker_id in due:
            with transaction.atomic():
                reminder, taken = SessionReminder.objects.get_or_create(
                    session=session,
                    enrollment_id=enrollment_id,
                    session_date=tomorrow,
                    defaults={"sent_at": timezone.now()},
                )
                if not taken:
                    continue  # another worker took it
                seeker_text(
                    seeker_id=seeker_id,
                    kind=Message.Kind.PROGRAM,
                    table=texts.PROGRAM,
                    actor=SCHEDULER,
                    purpose="교육·일자리 사업 회차 전날 안내 문자",
                    program=session.program.name,
                    when=f"{session.date:%Y-%m-%d} {session.starts_at:%H:%M}~{session.ends_at:%H:%M}",
                    place=session.place,
                )
            told.append(reminder.pk)
    return told
