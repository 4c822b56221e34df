"""A manager sets up a program on its page, runs the selection and downloads the list a city
publishes; the report states its comparison; desk scoping holds on every page."""

import csv
import io
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from iljari.privacy.models import AuditEvent
from iljari.reference.services import ReferenceDataError, city_load
from iljari.referrals.services import placement_record_direct
from iljari.training.models import ProgramType, SelectionCriterion, TrainingProgram
from iljari.training.reports import program_outcomes
from iljari.training.services import (
    attendance_record,
    enrollment_complete,
    program_select,
    selection_criteria_load,
)


def test_manager_sets_up_a_program_and_a_form_without_sessions_keeps_what_was_typed(client, manager):
    client.force_login(manager)
    form = {
        "name": "요양보호사 양성과정",
        "provider": "안산시 노인복지관",
        "starts_on": "2027-01-04",
        "ends_on": "2027-02-26",
        "capacity": "20",
        "completion_percent": "80",
        "sessions": "",
    }
    refused = client.post("/programs/new/", form)
    assert refused.status_code == 422
    page = refused.content.decode()
    assert "회차가 없는 사업은 등록할 수 없습니다" in page and "안산시 노인복지관" in page
    assert not TrainingProgram.objects.exists()
    form["sessions"] = "2027-01-04 13:00-18:00 노인복지관 교육실\n2027-01-11 13:00-18:00 노인복지관 교육실"
    saved = client.post("/programs/new/", form)
    program = TrainingProgram.objects.get()
    assert saved.status_code == 302 and saved["Location"] == f"/programs/{program.pk}/"
    assert [s.hours for s in program.sessions.all()] == [5.0, 5.0]


def test_a_session_line_that_cannot_be_read_is_named(client, manager):
    client.force_login(manager)
    answer = client.post(
        "/programs/new/",
        {
            "name": "과정",
            "provider": "기관",
            "starts_on": "2027-01-04",
            "ends_on": "2027-01-05",
            "capacity": "5",
            "completion_percent": "80",
            "sessions": "1월 4일 오후",
        },
    )
    assert answer.status_code == 422 and "1번째 줄을 읽을 수 없습니다" in answer.content.decode()


def test_the_published_selection_list_masks_names_and_shows_each_criterions_points(
    enroll, senior_jobs, make_seeker, counselor, manager, client
):
    old = date(1950, 3, 1)
    first = enroll(senior_jobs, make_seeker(name="김영순", birth_date=old), income_percent=40)
    enroll(senior_jobs, make_seeker(name="박철수", birth_date=old), income_percent=90)
    enroll(senior_jobs, make_seeker(name="이말자", birth_date=old), income_percent=140)
    client.force_login(manager)
    assert client.post(f"/programs/{senior_jobs.pk}/select/").status_code == 302
    answer = client.get(f"/programs/{senior_jobs.pk}/selection.csv")
    rows = list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig"))))
    assert rows[0] == ["순위", "성명", "소득 수준(점)", "세대 구성(점)", "참여 이력(점)", "합계", "결과", "비고"]
    assert rows[1] == ["1", "김*순", "30", "0", "10", "40", "선발", ""]
    assert rows[3][1] == "이*자" and rows[3][-2] == "미선발"
    text = answer.content.decode("utf-8-sig")
    assert "김영순" not in text and "1950" not in text and "010-" not in text
    assert AuditEvent.objects.filter(
        actor_id=manager.pk, object_id=str(first.seeker_id), purpose__contains="공개 명단"
    ).exists()


def test_another_desks_counselor_cannot_complete_or_see_our_participants(
    enroll, forklift, make_seeker, counselor, other_counselor, client
):
    seeker = make_seeker(name="정수아")
    enrollment = enroll(forklift, seeker)
    program_select(program=forklift, actor=counselor)
    client.force_login(other_counselor)
    assert client.post(f"/programs/{forklift.pk}/enrollments/{enrollment.pk}/complete/").status_code == 404
    assert "정수아" not in client.get(f"/programs/{forklift.pk}/").content.decode()
    assert "정수아" not in client.get(f"/programs/sessions/{forklift.sessions.first().pk}/").content.decode()
    assert client.get(f"/seekers/{seeker.pk}/programs/").status_code == 404


def test_report_compares_completers_with_similar_non_participants_and_says_how(
    enroll, forklift, make_seeker, counselor, manager, client
):
    today = timezone.localdate()
    TrainingProgram.objects.filter(pk=forklift.pk).update(
        starts_on=today - timedelta(days=200), ends_on=today - timedelta(days=100)
    )
    for n, s in enumerate(forklift.sessions.all()):
        s.date = today - timedelta(days=200 - 7 * n)
        s.save()
    placed, stayed = make_seeker(), make_seeker()
    # Two people at the same desk, asking for nothing in particular, who did not take part: one placed.
    others = [make_seeker(), make_seeker()]
    for seeker in others:
        seeker.__class__.objects.filter(pk=seeker.pk).update(registered_on=today - timedelta(days=400))
    enroll(forklift, placed)
    enroll(forklift, stayed)
    program_select(program=forklift, actor=counselor)
    for session in forklift.sessions.all():
        attendance_record(session=session, present={e.pk: True for e in forklift.enrollments.all()}, actor=counselor)
    finished = today - timedelta(days=172)
    for e in forklift.enrollments.all():
        enrollment_complete(enrollment=e, licence=None, actor=counselor, completed_on=finished)
    placement_record_direct(
        seeker=placed, employer_name="한빛물류", started_on=finished + timedelta(days=20), actor=counselor
    )
    month = finished.replace(day=1)
    placement_record_direct(
        seeker=others[0], employer_name="세원테크", started_on=month + timedelta(days=40), actor=counselor
    )

    report = program_outcomes(today=today)

    [row] = report.programs
    assert (row.applicants, row.selected, row.completed, row.placed_3, row.due_3) == (2, 2, 2, 1, 2)
    assert row.rate_3 == 50.0 and row.compared_3 == 50.0
    client.force_login(manager)
    page = client.get("/programs/report/").content.decode()
    assert "같은 달·같은 창구·같은 직업군" in page and "지게차운전기능사 과정" in page


def test_selection_criteria_file_is_read_all_or_nothing(db, tmp_path):
    kind = ProgramType.objects.get(code="senior-public")
    before = list(kind.criteria.values_list("criterion", "rule", "points"))
    (tmp_path / "selection_criteria.csv").write_text(
        "program_type,criterion,rule,points\nsenior-public,소득,income_at_most:50,30\nsenior-public,성별,sex:F,10\nnone,x,first_time,1\n",
        encoding="utf-8",
    )
    with pytest.raises(ReferenceDataError) as refused:
        selection_criteria_load(replace(city_load(Path(settings.ILJARI_CITY_DIR)), folder=tmp_path))
    assert "3행: 알 수 없는 선발 규칙입니다: 'sex:F'" in refused.value.message
    assert "4행: 사업 유형 'none'" in refused.value.message
    assert list(kind.criteria.values_list("criterion", "rule", "points")) == before
    assert not SelectionCriterion.objects.filter(criterion="소득").exists()
