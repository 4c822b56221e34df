"""The day before a session, each selected participant gets a text in their language through the job
queue, once, unless they turned program messages off."""

from datetime import time, timedelta

from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from iljari.core.jobs import enqueue, periodic_jobs
from iljari.notify.models import Message
from iljari.notify.services import opt_outs_set
from iljari.testing.queue import QUEUE
from iljari.training.models import SessionReminder
from iljari.training.reminders import sessions_remind
from iljari.training.services import ProgramInput, SessionInput, program_create, program_select
from iljari.training.tasks import remind_tomorrow

PHONE = "010-2345-6789"
QUIET = "010-5555-0000"


def _work_the_queue() -> None:
    """What ``iljari worker`` does: claim each waiting task, run it with its stored arguments, record it."""
    while (result := DBTaskResult.objects.ready().first()) is not None:
        result.claim("test-worker")
        result.set_successful(result.task.call(*result.args_kwargs["args"], **result.args_kwargs["kwargs"]))


def test_each_selected_participant_is_reminded_once_the_day_before_a_session_in_their_language(
    db, enroll, make_seeker, manager, sms_outbox
):
    assert ("iljari.training.tasks.remind_tomorrow", "0 10 * * *") in [(p.path, p.cron) for p in periodic_jobs()]
    today = timezone.localdate()
    program = program_create(
        data=ProgramInput(
            name="바리스타 자격 과정",
            provider="안산 여성인력개발센터",
            starts_on=today,
            ends_on=today + timedelta(days=14),
            capacity=5,
        ),
        sessions=[
            SessionInput(today + timedelta(days=1), time(9, 30), time(12, 30), "여성인력개발센터 2층 실습실"),
            SessionInput(today + timedelta(days=8), time(9, 30), time(12, 30), "여성인력개발센터 2층 실습실"),
        ],
        actor="test",
    )
    khmer = make_seeker(phone=PHONE, preferred_language="km")
    quiet = make_seeker(phone=QUIET)
    for person in (khmer, quiet):
        enroll(program, person)
    program_select(program=program, actor=manager)
    enroll(program, make_seeker(phone="010-7777-0000"))  # applied after the selection: not a participant yet
    opt_outs_set(phone=QUIET, refused={Message.Kind.PROGRAM})

    with override_settings(TASKS=QUEUE):
        enqueue(remind_tomorrow)
        enqueue(remind_tomorrow)  # the job run twice (a retry, two workers): one reminder each
        assert sms_outbox() == []  # waiting for the worker
        _work_the_queue()

    [reminder] = [m for m in sms_outbox() if m["to"] == PHONE]
    assert "'바리스타 자격 과정' ដែលអ្នកចូលរួមមាននៅថ្ងៃស្អែក" in reminder["text"]
    assert f"{today + timedelta(days=1):%Y-%m-%d} 09:30~12:30" in reminder["text"]
    assert "여성인력개발센터 2층 실습실" in reminder["text"]
    assert [m for m in sms_outbox() if m["to"] != PHONE] == []  # turned off, and not yet selected
    assert set(Message.objects.filter(kind=Message.Kind.PROGRAM).values_list("status", flat=True)) == {
        Message.Status.SENT,
        Message.Status.SKIPPED,
    }
    assert SessionReminder.objects.count() == 2

    session = program.sessions.first()
    session.date = today + timedelta(days=3)  # moved: reminded again on the eve of its new day, only then
    session.save()
    assert sessions_remind(today=today) == [] and sessions_remind(today=today + timedelta(days=1)) == []
    assert len(sessions_remind(today=today + timedelta(days=2))) == 2
    assert len([m for m in sms_outbox() if m["to"] == PHONE]) == 2
