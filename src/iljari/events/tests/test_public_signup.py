"""The poster's public sign-up proves the phone with a one-time code before anyone is linked.

A probe found that typing only another person's phone number attached the sign-up to that person,
recorded their consents as given online and showed their masked name: these are that story's tests.
"""

import re

from iljari.events.models import Registration
from iljari.notify.models import Message, OneTimeCode
from iljari.privacy.models import Consent


def _code(outbox, phone: str) -> str:
    sent = [m for m in outbox() if m["to"] == phone]
    return re.search(r"(?<!\d)(\d{6})(?!\d)", sent[-1]["text"]).group(1)


def _form(**extra) -> dict:
    return {"name": "낯선사람", "birth_date": "1991-02-03", "phone": "010-2222-3333", "consent": "on", **extra}


def test_another_persons_phone_alone_links_nothing_records_no_consent_and_shows_no_one(
    event, client, make_seeker, sms_outbox
):
    known = make_seeker(name="원래주인", phone="010-2222-3333")
    consents = set(known.consents.values_list("pk", flat=True))
    url = f"/e/{event.public_code}/"
    asked = client.post(url, _form())
    page = asked.content.decode()
    assert asked.status_code == 200 and "인증번호 6자리" in page
    assert "원래" not in page and "원*주인" not in page  # nothing says this number belongs to someone
    assert [m["to"] for m in sms_outbox()] == ["010-2222-3333"]  # the code goes to the phone's owner
    wrong = client.post(url, _form(step="code", otp="000000"))
    assert wrong.status_code == 400 and "인증번호가 맞지 않습니다" in wrong.content.decode()
    assert 'value="낯선사람"' in wrong.content.decode()  # what was typed is kept
    assert not Registration.objects.exists()
    assert set(known.consents.values_list("pk", flat=True)) == consents
    for _ in range(4):
        client.post(url, _form(step="code", otp="000000"))
    locked = client.post(url, _form(step="code", otp=_code(sms_outbox, "010-2222-3333")))
    assert "여러 번 틀렸습니다" in locked.content.decode() and not Registration.objects.exists()


def test_the_phones_owner_enters_the_code_and_is_registered_with_their_consent(event, client, make_seeker, sms_outbox):
    known = make_seeker(name="원래주인", phone="010-2222-3333")
    url = f"/e/{event.public_code}/"
    client.post(url, _form(name="원래주인", share_profile="on"))
    done = client.post(
        url, _form(name="원래주인", share_profile="on", step="code", otp=_code(sms_outbox, "010-2222-3333"))
    )
    registration = Registration.objects.get()
    assert done.status_code == 302 and done["Location"] == f"/e/t/{registration.ticket}/"
    assert registration.seeker == known and registration.source == Registration.Source.SELF
    assert known.consents.filter(purpose=Consent.Purpose.SHARE_WITH_EMPLOYERS, method="online").exists()
    assert not OneTimeCode.objects.filter(used_at__isnull=True).exists()  # the code cannot be used twice


def test_the_code_step_keeps_the_form_for_corrections_and_sends_a_new_code_on_request(
    event, client, sms_outbox, settings
):
    url = f"/e/{event.public_code}/"
    client.post(url, _form(phone="010-4444-0001"))
    edit = client.post(url, _form(phone="010-4444-0001", step="edit"))
    assert (
        edit.status_code == 200
        and 'value="010-4444-0001"' in edit.content.decode()
        and "신청하기" in edit.content.decode()
    )
    too_soon = client.post(url, _form(phone="010-4444-0001", step="code", resend="1"))
    assert too_soon.status_code == 429 and "초 뒤에 다시" in too_soon.content.decode()
    OneTimeCode.objects.update(created_at=OneTimeCode.objects.get().created_at.replace(year=2020))
    client.post(url, _form(phone="010-4444-0001", step="code", resend="1"))
    assert len(sms_outbox()) == 2 and Message.objects.filter(kind=Message.Kind.CODE, status="sent").count() == 2
