"""A booth's tap: in Seoul time, asked about before a second 취업, undone for 10 minutes by whoever tapped."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from iljari.employers.services import EmployerInput, employers_create
from iljari.events.models import Interview
from iljari.events.results import interview_record, interview_undo
from iljari.events.services import EventError, booth_add, registration_create
from iljari.reference.models import Dong
from iljari.referrals.models import Placement, Referral
from iljari.referrals.services import placement_record_direct
from iljari.seekers.models import Seeker

SEOUL = ZoneInfo("Asia/Seoul")


@pytest.fixture
def interview(event, make_seeker, make_vacancy, counselor) -> Interview:
    """A 10:00 (Seoul) interview at today's fair, for a seeker already working at 동네마트."""
    [employer] = employers_create(
        inputs=[EmployerInput(name="부스정밀", dong=Dong.objects.get(name="와동"))], actor="t"
    )
    vacancy = make_vacancy(employer=employer)
    seeker = make_seeker()
    placement_record_direct(seeker=seeker, employer_name="동네마트", started_on=timezone.localdate(), actor=counselor)
    booth = booth_add(event=event, employer=employer, vacancies=[vacancy], actor="t", label="1")
    registration = registration_create(event=event, seeker=seeker, source="counselor", actor=counselor)
    starts = datetime.combine(event.date, datetime.min.time().replace(hour=10), tzinfo=SEOUL)
    return Interview.objects.create(
        registration=registration, booth=booth, vacancy=vacancy, slot=event.slot_of(starts), starts_at=starts
    )


def _url(name: str, i: Interview) -> str:
    return reverse(name, args=[i.booth.event_id, i.booth_id, i.pk])


def test_a_pass_for_someone_in_work_asks_first_then_says_the_time_in_seoul(interview, counselor, client):
    client.force_login(counselor)
    asked = client.post(_url("events:booth_result", interview), {"result": "passed"})
    page = asked.content.decode()
    assert asked.status_code == 409 and "동네마트" in page and "두 번째 취업" in page
    assert Interview.objects.get(pk=interview.pk).result == ""  # nothing recorded yet
    done = client.post(_url("events:booth_result", interview), {"result": "passed", "confirmed": "1"}, follow=True)
    assert [str(m) for m in done.context["messages"]] == ["10:00 면접 결과를 '합격'(으)로 기록했습니다."]
    assert Placement.objects.filter(seeker_id=interview.registration.seeker_id).count() == 2


def test_the_person_who_tapped_can_undo_for_ten_minutes(interview, counselor, other_counselor, client):
    seeker_id = interview.registration.seeker_id
    interview_record(interview=interview, result="passed", actor=counselor, second_job=True)
    with pytest.raises(EventError, match="10분 안에만"):
        interview_undo(interview=interview, actor=other_counselor)
    client.force_login(counselor)
    booth_page = client.get(reverse("events:booth", args=[interview.booth.event_id, interview.booth_id]))
    assert "되돌리기" in booth_page.content.decode()
    client.post(_url("events:booth_undo", interview))
    i = Interview.objects.get(pk=interview.pk)
    assert i.status == Interview.Status.SCHEDULED and i.result == "" and i.result_by is None
    referral = Referral.objects.get(seeker_id=seeker_id, vacancy_id=interview.vacancy_id)
    assert referral.status == Referral.Status.INTERVIEW  # the interview took place; its result is open again
    assert list(Placement.objects.filter(seeker_id=seeker_id).values_list("employer_name", flat=True)) == ["동네마트"]
    assert Seeker.objects.get(pk=seeker_id).status == Seeker.Status.PLACED  # 동네마트 still stands

    interview_record(interview=interview, result="failed", reason="wage", actor=counselor)
    Interview.objects.filter(pk=interview.pk).update(result_at=timezone.now() - timedelta(minutes=11))
    with pytest.raises(EventError, match="10분 안에만"):
        interview_undo(interview=Interview.objects.get(pk=interview.pk), actor=counselor)
