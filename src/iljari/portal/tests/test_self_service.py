"""A seeker's own choices on the portal: which text messages they get (and every sender respecting it),
their data as a workbook in their language, hiring-event sign-up through the poster's own path."""

import io
import re
from datetime import datetime, time, timedelta

from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from iljari.events.models import Registration
from iljari.events.services import registration_create, registrations_remind
from iljari.notify.models import Message, OptOut
from iljari.notify.services import opt_outs_set
from iljari.portal.models import PortalRequest
from iljari.portal.services import request_decide
from iljari.privacy.models import AuditEvent, Consent
from iljari.referrals.models import Referral
from iljari.referrals.services import referral_record_outcome, referral_schedule_interview

PHONE = "010-2345-6789"


def _texts(outbox) -> list[str]:
    return [m["text"] for m in outbox() if m["to"] == PHONE]


def test_referral_news_and_the_interview_time_reach_the_seeker_in_their_language_unless_turned_off(
    db, make_seeker, make_vacancy, counselor, sms_outbox, sign_in
):
    seeker = make_seeker(phone=PHONE, preferred_language="vi")
    vacancy = make_vacancy()
    client = Client()
    sign_in(client, PHONE, "vi")
    client.post(f"/vi/jobs/{vacancy.pk}/apply/", {"message": ""})
    request_decide(request=PortalRequest.objects.get(seeker=seeker), user=counselor, accept=True)
    assert "Có cập nhật về công việc bạn đã xin giới thiệu" in _texts(sms_outbox)[-1]  # one text, not two
    assert len(_texts(sms_outbox)) == 2  # the code, then the news

    referral = Referral.objects.get(seeker=seeker)
    at = timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(days=2), time(14, 30)))
    referral_schedule_interview(referral=referral, at=at, actor=counselor)
    assert f"Lịch phỏng vấn của bạn: {at:%Y-%m-%d} 14:30" in _texts(sms_outbox)[-1]
    assert "counselor1" not in _texts(sms_outbox)[-1]  # the center's name and number, never the staff's

    page = client.get("/vi/me/notifications/")
    assert page.status_code == 200 and re.search(r'<input[^>]*name="interview"[^>]*checked', page.content.decode())
    client.post("/vi/me/notifications/", {"referral": "on", "event": "on", "program": "on"})  # interview times off
    assert set(OptOut.objects.values_list("kind", flat=True)) == {Message.Kind.INTERVIEW}
    referral_schedule_interview(referral=referral, at=at + timedelta(hours=1), actor=counselor)
    assert Message.objects.filter(kind=Message.Kind.INTERVIEW).latest("pk").status == Message.Status.SKIPPED
    referral_record_outcome(referral=referral, hired=False, reason=Referral.Reason.values[0], actor=counselor)
    assert Message.objects.filter(kind=Message.Kind.REFERRAL).latest("pk").status == Message.Status.SENT
    assert AuditEvent.objects.filter(purpose="받을 알림 선택(포털)").exists()


def test_the_day_before_an_event_each_person_registered_is_reminded_once_unless_they_turned_it_off(
    db, manager, make_event, make_seeker, sms_outbox
):
    event = make_event(1, name="안산 채용의 날", place="안산시청 대회의실")
    uzbek = make_seeker(phone=PHONE, preferred_language="uz")
    quiet = make_seeker(phone="010-5555-0000")

    for person in (uzbek, quiet):
        registration_create(event=event, seeker=person, source=Registration.Source.COUNSELOR, actor=manager)
    opt_outs_set(phone="010-5555-0000", refused={Message.Kind.EVENT})
    assert registrations_remind(today=timezone.localdate() - timedelta(days=1)) == []  # not the day before yet
    assert len(registrations_remind(today=timezone.localdate())) == 2
    assert registrations_remind(today=timezone.localdate()) == []  # once
    [reminder] = [m for m in sms_outbox() if m["to"] == PHONE]
    assert "ish yarmarkasi ertaga" in reminder["text"] and "안산 채용의 날" in reminder["text"]
    assert f"{event.date:%Y-%m-%d} 10:00" in reminder["text"] and "안산시청 대회의실" in reminder["text"]
    assert not [m for m in sms_outbox() if m["to"] == "010-5555-0000"]


def test_a_seeker_downloads_what_the_center_holds_about_them_in_their_language(db, make_seeker, make_vacancy, sign_in):
    seeker = make_seeker(phone=PHONE, desired_job_text="qariyalarga g'amxo'rlik", preferred_language="uz")
    client = Client()
    sign_in(client, PHONE, "uz")
    client.post(f"/uz/jobs/{make_vacancy().pk}/apply/", {"message": ""})
    answer = client.get("/uz/me/download/")
    assert answer.status_code == 200 and answer["Content-Disposition"].startswith("attachment;")
    assert "no-store" in answer["Cache-Control"]
    book = load_workbook(io.BytesIO(answer.content))
    first = book.worksheets[0]
    values = {row[0]: row[1] for row in first.iter_rows(min_row=2, values_only=True)}
    assert seeker.name in values.values() and PHONE in values.values()
    assert "qariyalarga g'amxo'rlik" in values.values()
    assert all(not any("\uac00" <= ch <= "\ud7a3" for ch in str(label)) for label in values)  # headings in Uzbek
    assert len(book.worksheets) == 4 and book.worksheets[2].max_row == 2  # the 알선 신청 is there
    assert AuditEvent.objects.filter(purpose="본인 정보 내려받기(포털)", object_id=str(seeker.pk)).exists()


def test_a_seeker_signs_up_for_a_hiring_event_through_the_posters_own_path(db, make_event, make_seeker, sign_in):
    event = make_event(3)
    seeker = make_seeker(phone=PHONE)
    client = Client()
    sign_in(client, PHONE, "vi")
    listed = client.get("/vi/me/events/").content.decode()
    assert f"/vi/me/events/{event.pk}/" in listed
    refused = client.post(f"/vi/me/events/{event.pk}/", {})
    assert refused.status_code == 400 and not Registration.objects.exists()
    done = client.post(f"/vi/me/events/{event.pk}/", {"consent": "on"})
    registration = Registration.objects.get()
    assert done.status_code == 302 and done["Location"] == f"/vi/me/events/#ticket-{registration.ticket}"
    assert registration.seeker == seeker and registration.source == Registration.Source.SELF
    assert Consent.objects.filter(seeker=seeker, purpose=Consent.Purpose.EVENTS, granted=True).exists()
    page = client.get("/vi/me/events/").content.decode()
    assert registration.ticket in page and "<svg" in page
    assert client.post(f"/vi/me/events/{event.pk}/", {"consent": "on"}).status_code == 302  # twice: one registration
    assert Registration.objects.count() == 1
    event.registration_open = False
    event.save()
    assert client.get(f"/vi/me/events/{event.pk}/").status_code == 404


def test_deleting_the_account_forgets_the_message_choices_and_signs_out(db, make_seeker, sign_in):
    make_seeker(phone=PHONE)
    client = Client()
    sign_in(client, PHONE, "mn")
    client.post("/mn/me/notifications/", {"referral": "on", "program": "on"})
    assert OptOut.objects.count() == 2
    page = client.get("/mn/me/delete/").content.decode()
    assert 'name="confirm"' in page
    assert client.post("/mn/me/delete/", {"confirm": "on"})["Location"] == "/mn/"
    assert not OptOut.objects.exists()  # the number's hash would still single them out
    assert client.get("/mn/me/notifications/")["Location"].startswith("/mn/signin/")


def test_a_seeker_turns_off_program_session_reminders_on_the_portal(db, make_seeker, sign_in):
    make_seeker(phone=PHONE)
    client = Client()
    sign_in(client, PHONE, "vi")
    page = client.get("/vi/me/notifications/").content.decode()
    assert re.search(r'<input[^>]*name="program"[^>]*checked', page)  # on until the seeker says otherwise
    assert "Nhắc lịch một ngày trước buổi học của chương trình" in page
    client.post("/vi/me/notifications/", {"referral": "on", "interview": "on", "event": "on"})
    assert set(OptOut.objects.values_list("kind", flat=True)) == {Message.Kind.PROGRAM}
    assert not re.search(r'<input[^>]*name="program"[^>]*checked', client.get("/vi/me/notifications/").content.decode())
