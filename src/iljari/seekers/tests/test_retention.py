"""보유기간: a seeker without contact for the city's retention period is told by text, then erased."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from iljari.core.calendar import months_later
from iljari.privacy.models import AuditEvent
from iljari.seekers.models import Seeker
from iljari.seekers.retention import seekers_retention
from iljari.seekers.services import counseling_note_create

TODAY = timezone.localdate()  # a counseling note below is a contact today


def _last_contact(seeker: Seeker, day: date) -> None:
    Seeker.objects.filter(pk=seeker.pk).update(last_contact_on=day, registered_on=min(day, TODAY))


def _due_in(days: int) -> date:
    """The last contact that makes the 36-month 보유기간 end ``days`` from TODAY."""
    return months_later(TODAY + timedelta(days=days), -36)


@pytest.mark.django_db
def test_the_person_is_told_in_their_language_then_erased_once_the_notice_period_has_passed(
    make_seeker, sms_outbox
):
    seeker = make_seeker(phone="010-3600-0001", preferred_language="vi")
    recent = make_seeker(phone="010-3600-0002")
    _last_contact(seeker, _due_in(10))
    _last_contact(recent, _due_in(31))

    run = seekers_retention(today=TODAY)
    assert (run.noticed, run.erased) == ([seeker.pk], [])
    [text] = sms_outbox()
    # Erased no sooner than 30 days after the text, even though the period itself ends in 10.
    assert text["to"] == "010-3600-0001" and "Hồ sơ tìm việc" in text["text"] and (TODAY + timedelta(days=30)).isoformat() in text["text"]
    assert "031-481-2114" in text["text"]  # the center's public number, never a counselor's
    assert seekers_retention(today=TODAY).noticed == []  # run twice (a restart): one text
    assert len(sms_outbox()) == 1
    assert seekers_retention(today=TODAY + timedelta(days=29)).erased == []

    run = seekers_retention(today=TODAY + timedelta(days=30))
    assert run.erased == [seeker.pk]
    erased = Seeker.objects.get(pk=seeker.pk)
    assert erased.status == Seeker.Status.ERASED and erased.name is None and erased.phone is None
    assert Seeker.objects.get(pk=recent.pk).status == Seeker.Status.ACTIVE
    assert AuditEvent.objects.filter(object_type="seeker", object_id=str(seeker.pk), purpose="보유기간 만료 안내 문자")


@pytest.mark.django_db
def test_a_contact_after_the_text_keeps_the_record_and_the_next_period_gets_a_new_text(
    make_seeker, counselor, sms_outbox
):
    seeker = make_seeker(phone="010-3600-0003")
    _last_contact(seeker, _due_in(5))
    assert seekers_retention(today=TODAY).noticed == [seeker.pk]
    # The person calls back: a counseling note is a contact.
    counseling_note_create(seeker=seeker, author=counselor, text="계속 구직을 원하심", channel="phone")
    later = TODAY + timedelta(days=40)
    assert seekers_retention(today=later).erased == []
    assert Seeker.objects.get(pk=seeker.pk).status != Seeker.Status.ERASED
    # Three years after that contact, it comes due again: a new text, not an erasure.
    again = months_later(Seeker.objects.get(pk=seeker.pk).last_contact_on, 36) - timedelta(days=1)
    assert seekers_retention(today=again).noticed == [seeker.pk] and len(sms_outbox()) == 2


@pytest.mark.django_db
def test_a_seeker_without_a_phone_is_erased_after_the_notice_period_too(make_seeker, sms_outbox):
    seeker = make_seeker(phone="")
    _last_contact(seeker, _due_in(-100))  # long past: the job never ran (a new install)
    assert seekers_retention(today=TODAY).noticed == [seeker.pk] and sms_outbox() == []
    assert seekers_retention(today=TODAY + timedelta(days=29)).erased == []
    assert seekers_retention(today=TODAY + timedelta(days=30)).erased == [seeker.pk]


def test_the_worker_runs_it_every_night():
    from iljari.core.jobs import periodic_jobs

    assert {p.path: p.cron for p in periodic_jobs()}["iljari.seekers.tasks.retention_nightly"] == "30 2 * * *"
