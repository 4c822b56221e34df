"""Messages go through the job queue and each optional kind is sent only to those who did not turn it off."""

from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from iljari.notify.models import Message, OneTimeCode
from iljari.notify.services import code_send, message_deliver_now, message_send, opt_outs, opt_outs_forget, opt_outs_set
from iljari.testing.queue import QUEUE

PHONE = "010-2222-3333"


def _work_the_queue() -> None:
    """What ``iljari worker`` does with each waiting task: run it with its stored arguments."""
    for result in DBTaskResult.objects.ready():
        result.task.call(*result.args_kwargs["args"], **result.args_kwargs["kwargs"])


def test_a_message_waits_in_the_queue_until_the_worker_sends_it(db, sms_outbox):
    with override_settings(TASKS=QUEUE):
        message = message_send(phone=PHONE, kind=Message.Kind.REFERRAL, text="알선 안내", language="ko")
        assert message.status == Message.Status.QUEUED and sms_outbox() == []
        _work_the_queue()
        assert message_deliver_now(message_id=message.pk) == Message.Status.SENT  # a second delivery sends nothing
    message.refresh_from_db()
    assert message.status == Message.Status.SENT
    assert [m["text"] for m in sms_outbox()] == ["알선 안내"]


def test_a_code_sent_through_the_queue_reaches_the_phone_in_the_readers_language(db, sms_outbox):
    with override_settings(TASKS=QUEUE):
        code_send(phone=PHONE, purpose=OneTimeCode.Purpose.PORTAL_SIGNIN, address="a", language="uz")
        assert sms_outbox() == []
        _work_the_queue()
    [sent] = sms_outbox()
    assert sent["to"] == PHONE and sent["text"].startswith("[") and "Tasdiqlash kodingiz" in sent["text"]


def test_each_kind_turned_off_is_not_sent_and_the_others_still_are(db, sms_outbox):
    opt_outs_set(phone=PHONE, refused={Message.Kind.EVENT, Message.Kind.CODE})
    assert opt_outs(phone=PHONE) == {Message.Kind.EVENT}  # a code is never refused: it is asked for
    event = message_send(phone=PHONE, kind=Message.Kind.EVENT, text="행사 안내")
    referral = message_send(phone=PHONE, kind=Message.Kind.REFERRAL, text="알선 안내")
    code_send(phone=PHONE, purpose=OneTimeCode.Purpose.PORTAL_SIGNIN, address="a")
    assert event.status == Message.Status.SKIPPED and referral.status == Message.Status.SENT
    assert [m["text"] for m in sms_outbox()][:1] == ["알선 안내"] and len(sms_outbox()) == 2
    message_send(phone="010-9999-8888", kind=Message.Kind.EVENT, text="다른 사람")  # another number is not affected
    assert sms_outbox()[-1]["text"] == "다른 사람"
    opt_outs_set(phone=PHONE, refused=set())
    assert message_send(phone=PHONE, kind=Message.Kind.EVENT, text="다시").status == Message.Status.SENT
    opt_outs_set(phone=PHONE, refused={Message.Kind.INTERVIEW})
    opt_outs_forget(phone=PHONE)
    assert opt_outs(phone=PHONE) == set()


def test_a_choice_made_after_queueing_is_respected_when_the_worker_sends(db, sms_outbox):
    with override_settings(TASKS=QUEUE):
        message = message_send(phone=PHONE, kind=Message.Kind.INTERVIEW, text="면접 안내")
        opt_outs_set(phone=PHONE, refused={Message.Kind.INTERVIEW})
        _work_the_queue()
    message.refresh_from_db()
    assert message.status == Message.Status.SKIPPED and sms_outbox() == []
