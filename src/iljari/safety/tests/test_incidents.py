"""An abusive contact: recorded in a minute, escalated to the desk lead, a measure on the record that
everyone sees, and the incident itself readable only by the reporter, their desk lead and managers."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from iljari.conftest import _staff
from iljari.privacy.models import AuditEvent
from iljari.safety.models import Incident, Measure
from iljari.safety.services import SafetyError, incidents_remind_overdue, measure_set


@pytest.fixture
def lead(desk):
    person = _staff("lead1", "desk_lead", desk)
    person.work_phone = "010-7000-0001"
    person.save()
    return person


def _report(client, seeker, **extra):
    data = {
        "kind": "verbal",
        "channel": "desk",
        "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "duration_minutes": "15",
        "what_happened": "창구에서 큰소리로 욕설을 30분 동안 반복함",
        "measures": ["two_person", "recording"],
        **extra,
    }
    return client.post(f"{reverse('safety:incident_new')}?seeker={seeker.pk}", data)


def test_a_counselor_records_a_contact_and_the_desk_lead_is_told_at_once(
    client, counselor, lead, make_seeker, sms_outbox
):
    seeker = make_seeker()
    client.force_login(counselor)
    saved = _report(client, seeker)
    incident = Incident.objects.get()
    assert saved.status_code == 302 and saved["Location"] == reverse("safety:incident", args=[incident.pk])
    assert abs(incident.respond_by - incident.reported_at - timedelta(hours=24)) < timedelta(seconds=1)
    assert set(Measure.objects.filter(seeker=seeker).values_list("kind", flat=True)) == {"two_person", "recording"}
    assert [m["to"] for m in sms_outbox()] == ["010-7000-0001"]
    page = client.get(saved["Location"]).content.decode()
    assert "마음건강 상담실" in page  # the reporter is offered the city's staff support
    client.force_login(lead)
    home = client.get("/").content.decode()
    assert "조치가 필요한 악성 민원 보고" in home and "폭언" in home
    responded = client.post(
        reverse("safety:incident", args=[incident.pk]), {"response": "2인 응대로 바꾸고 당사자와 면담", "close": "on"}
    )
    assert responded.status_code == 302 and Incident.objects.get().status == Incident.Status.CLOSED


def test_everyone_who_opens_the_record_sees_the_measure_but_not_what_happened(
    client, counselor, lead, make_seeker, desk
):
    seeker = make_seeker()
    client.force_login(counselor)
    _report(client, seeker)
    colleague = _staff("colleague", "counselor", desk)
    client.force_login(colleague)
    page = client.get(reverse("seekers:detail", args=[seeker.pk])).content.decode()
    assert "보호 조치" in page and "2인 응대" in page and "응대 시 녹음 고지" in page
    assert "욕설" not in page


def test_who_can_read_an_incident(client, counselor, lead, make_seeker, desk, other_desk, manager):
    seeker = make_seeker()
    client.force_login(counselor)
    _report(client, seeker)
    incident = Incident.objects.get()
    url = reverse("safety:incident", args=[incident.pk])
    readers = {"reporter": counselor, "desk lead": lead, "manager": manager}
    others = {
        "a colleague at the same desk": _staff("colleague", "counselor", desk),
        "another desk's lead": _staff("far-lead", "desk_lead", other_desk),
        "job discovery": _staff("finder", "discovery", desk),
        "event staff": _staff("events", "event_staff", desk),
    }
    for who, person in readers.items():
        client.force_login(person)
        assert client.get(url).status_code == 200, who
        assert AuditEvent.objects.filter(
            object_type="incident", object_id=str(incident.pk), actor_id=person.pk
        ).exists()
    for who, person in others.items():
        client.force_login(person)
        assert client.get(url).status_code == 404, who
        assert "욕설" not in client.get(reverse("safety:incidents")).content.decode(), who
    client.force_login(_staff("root", "admin", None))
    assert client.get(url).status_code in (403, 404)  # the system administrator is not told either


def test_an_incident_without_a_type_or_date_is_refused_and_what_was_typed_is_kept(client, counselor, make_seeker):
    seeker = make_seeker()
    client.force_login(counselor)
    refused = _report(client, seeker, kind="", occurred_at="")
    page = refused.content.decode()
    assert refused.status_code == 400 and "욕설을 30분 동안" in page
    assert not Incident.objects.exists() and not Measure.objects.exists()


def test_a_measure_on_a_record_the_user_may_not_see_is_refused(counselor, make_seeker, other_desk, client):
    theirs = make_seeker(desk=other_desk)
    with pytest.raises(SafetyError, match="볼 수 없는 구직자"):
        measure_set(kind="two_person", actor=counselor, seeker=theirs)
    client.force_login(counselor)
    assert client.get(f"{reverse('safety:incident_new')}?seeker={theirs.pk}").status_code == 404
    assert not Measure.objects.exists()


def test_a_report_past_its_deadline_reminds_the_lead_and_the_managers_once(
    client, counselor, lead, make_seeker, manager, sms_outbox
):
    manager.work_phone = "010-7000-0009"
    manager.save()
    client.force_login(counselor)
    _report(client, make_seeker())
    late = timezone.now() + timedelta(hours=25)
    assert incidents_remind_overdue(now=late) == 1
    assert incidents_remind_overdue(now=late) == 0
    assert [m["to"] for m in sms_outbox()][-2:] == ["010-7000-0001", "010-7000-0009"]


def test_the_overdue_reminder_is_a_periodic_job_on_the_queue(db):
    from iljari.core.jobs import enqueue, periodic_jobs
    from iljari.safety.tasks import remind_overdue

    assert ("iljari.safety.tasks.remind_overdue", "*/15 * * * *") in [(p.path, p.cron) for p in periodic_jobs()]
    assert enqueue(remind_overdue).result == {"reminded": 0}
