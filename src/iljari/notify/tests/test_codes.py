"""One-time codes: sent in the person's language, stored only as hashes, and limited against abuse."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from iljari.notify.models import Message, OneTimeCode
from iljari.notify.services import PER_ADDRESS_HOURLY, PER_NUMBER_HOURLY, CodeError, code_check, code_send

PURPOSE = OneTimeCode.Purpose.PORTAL_SIGNIN


def _sent_code(outbox) -> str:
    return re.search(r"(?<!\d)(\d{6})(?!\d)", outbox()[-1]["text"]).group(1)


def _age(seconds: int) -> None:
    OneTimeCode.objects.update(created_at=timezone.now() - timedelta(seconds=seconds))


def test_a_code_is_sent_in_the_readers_language_and_only_its_hash_is_kept(db, sms_outbox):
    code_send(phone="010-1234-5678", purpose=PURPOSE, address="203.0.113.1", language="vi")
    [sent] = sms_outbox()
    assert sent["to"] == "010-1234-5678" and "Mã xác minh" in sent["text"] and "Ansan" in sent["text"]
    code = _sent_code(sms_outbox)
    stored = OneTimeCode.objects.get()
    assert code not in stored.code_hash and "5678" not in stored.phone_hash
    assert Message.objects.get().text == sent["text"]  # kept, encrypted at rest
    code_check(phone="010-1234-5678", purpose=PURPOSE, code=code)
    with pytest.raises(CodeError, match="유효한 인증번호가 없습니다"):
        code_check(phone="010-1234-5678", purpose=PURPOSE, code=code)


def test_an_expired_code_and_a_code_for_another_purpose_are_refused(db, sms_outbox):
    code_send(phone="010-1234-5678", purpose=PURPOSE, address="a", language="ko")
    code = _sent_code(sms_outbox)
    with pytest.raises(CodeError) as other:
        code_check(phone="010-1234-5678", purpose=OneTimeCode.Purpose.EVENT_SIGNUP, code=code)
    assert other.value.code == "none"
    OneTimeCode.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    with pytest.raises(CodeError) as expired:
        code_check(phone="010-1234-5678", purpose=PURPOSE, code=code)
    assert expired.value.code == "expired"


def test_resends_wait_a_minute_and_each_number_and_address_is_limited_per_hour(db, sms_outbox):
    code_send(phone="010-1234-5678", purpose=PURPOSE, address="a")
    with pytest.raises(CodeError) as wait:
        code_send(phone="010-1234-5678", purpose=PURPOSE, address="a")
    assert wait.value.code == "resend_wait"
    for _ in range(PER_NUMBER_HOURLY - 1):
        _age(61)
        code_send(phone="010-1234-5678", purpose=PURPOSE, address="a")
    _age(61)
    with pytest.raises(CodeError) as number:
        code_send(phone="010-1234-5678", purpose=PURPOSE, address="a")
    assert number.value.code == "number_limit"
    for n in range(PER_ADDRESS_HOURLY - PER_NUMBER_HOURLY):
        code_send(phone=f"010-9000-{n:04d}", purpose=PURPOSE, address="a")
    with pytest.raises(CodeError) as address:
        code_send(phone="010-9999-9999", purpose=PURPOSE, address="a")
    assert address.value.code == "address_limit"
    code_send(phone="010-9999-9999", purpose=PURPOSE, address="b")  # another address is not held up


def test_a_provider_failure_is_recorded_and_said_plainly(db, settings):
    settings.ILJARI_SMS_BACKEND = "solapi"  # with no credentials configured the sender refuses
    with pytest.raises(CodeError) as failed:
        code_send(phone="010-1234-5678", purpose=PURPOSE, address="a")
    assert failed.value.code == "send_failed"
    message = Message.objects.get()
    assert message.status == Message.Status.FAILED and "SOLAPI 설정" in message.error
