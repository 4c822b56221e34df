"""A manager corrects a program and its sessions on its page: what was typed is kept, a stale save is
refused with what changed, quotas over the seats and a cancelled session that was already attended
are refused with nothing saved, and every change is in the program's history."""

import re
from datetime import date, timedelta

from django.test import Client

from iljari.reference.models import TargetGroup
from iljari.training.forms import ProgramEditForm
from iljari.training.models import Enrollment, ProgramSession, TrainingProgram
from iljari.training.services import attendance_record, program_select


def _typed(program: TrainingProgram, **typed) -> dict[str, list[str]]:
    """What the edit page posts when opened now and ``typed`` typed over it (the hidden copies included)."""
    data = ProgramEditForm.posted_data(ProgramEditForm.record(program), typed)
    return {key: data.getlist(key) for key in data}


def _form(program: TrainingProgram) -> dict[str, list[str]]:
    return _typed(program)


def test_manager_moves_cancels_and_adds_sessions_and_the_program_page_shows_who_changed_what(client, manager, forklift):
    client.force_login(manager)
    page = client.get(f"/programs/{forklift.pk}/edit/")
    first, held, third, fourth = forklift.sessions.all()
    assert page.status_code == 200 and f"#{third.pk} {third.date:%Y-%m-%d} 09:00-13:00" in page.content.decode()
    moved = third.date + timedelta(days=1)
    added = fourth.date + timedelta(days=2)
    lines = [
        f"#{first.pk} {first.date:%Y-%m-%d} 09:00-13:00 안산 직업전문학교 실습장",
        f"#{held.pk} {held.date:%Y-%m-%d} 09:00-13:00 안산 직업전문학교 실습장",
        f"#{third.pk} {moved:%Y-%m-%d} 14:00-18:00 안산 직업전문학교 2관",
        f"{added:%Y-%m-%d} 09:00-12:00 안산 직업전문학교 실습장",
    ]  # the fourth session's line is gone: it is cancelled
    saved = client.post(
        f"/programs/{forklift.pk}/edit/",
        _typed(forklift, capacity=12, sessions="\r\n".join(lines), quotas="경력단절여성 2"),
    )
    assert saved.status_code == 302 and saved["Location"] == f"/programs/{forklift.pk}/"
    forklift.refresh_from_db()
    assert forklift.capacity == 12 and forklift.quotas == {"career_break": 2} and forklift.version == 2
    assert [(s.pk, s.date, s.place) for s in forklift.sessions.all()][2:] == [
        (third.pk, moved, "안산 직업전문학교 2관"),
        (ProgramSession.objects.latest("pk").pk, added, "안산 직업전문학교 실습장"),
    ]
    assert not ProgramSession.objects.filter(pk=fourth.pk).exists()

    shown = client.get(f"/programs/{forklift.pk}/").content.decode()
    assert "수정 이력" in shown and "manager1" in shown
    assert re.search(r"정원: <del>10</del> → <ins>12</ins>", shown)
    assert re.search(r"대상계층별 배정 인원: <del>\(없음\)</del> → <ins>경력단절여성 2</ins>", shown)
    assert f"<del>{fourth.date:%Y-%m-%d} 09:00-13:00 안산 직업전문학교 실습장</del> → <ins>취소</ins>" in shown
    assert f"<ins>{moved:%Y-%m-%d} 14:00-18:00 안산 직업전문학교 2관</ins>" in shown
    assert f"회차: <del>(없음)</del> → <ins>{added:%Y-%m-%d} 09:00-12:00 안산 직업전문학교 실습장</ins>" in shown
    assert "경력단절여성 2명" in shown  # the quotas by the group's name, not its code

    untouched = client.post(f"/programs/{forklift.pk}/edit/", _form(forklift))
    assert untouched.status_code == 302
    forklift.refresh_from_db()
    assert forklift.version == 2  # a save with nothing changed writes nothing


def test_a_save_made_on_an_older_version_is_refused_with_what_changed_and_keeps_the_typing(client, manager, forklift):
    opened = _form(forklift)  # this manager opens the page ...
    other = Client()
    other.force_login(manager)
    assert (
        other.post(f"/programs/{forklift.pk}/edit/", _typed(forklift, name="지게차운전기능사 과정(2기)")).status_code
        == 302
    )
    client.force_login(manager)
    mine = opened.copy()
    mine["provider"] = "안산 폴리텍 교육원"  # ... and saves after the other one did
    refused = client.post(f"/programs/{forklift.pk}/edit/", mine)
    page = refused.content.decode()
    assert refused.status_code == 409
    assert "먼저 이 기록을 수정했습니다" in page and "과정명" in page and "지게차운전기능사 과정(2기)" in page
    assert 'value="안산 폴리텍 교육원"' in page  # what was typed is kept
    forklift.refresh_from_db()
    assert forklift.provider == "안산 직업전문학교" and forklift.name == "지게차운전기능사 과정(2기)"
    shown = refused.context["form"].data
    again = {key: shown.getlist(key) for key in shown}
    assert client.post(f"/programs/{forklift.pk}/edit/", again).status_code == 302  # saved on the version shown
    forklift.refresh_from_db()
    assert forklift.provider == "안산 폴리텍 교육원" and forklift.name == "지게차운전기능사 과정(2기)"


def test_a_session_with_attendance_cannot_be_cancelled_and_nothing_is_saved(
    client, manager, counselor, forklift, enroll, make_seeker
):
    enrollment = enroll(forklift, make_seeker())
    program_select(program=forklift, actor=manager)
    first = forklift.sessions.first()
    attendance_record(session=first, present={enrollment.pk: True}, actor=counselor)
    client.force_login(manager)
    lines = ProgramEditForm.record(forklift)["sessions"].splitlines()[1:]  # the attended first one removed
    refused = client.post(f"/programs/{forklift.pk}/edit/", _typed(forklift, sessions="\n".join(lines), capacity=11))
    page = refused.content.decode()
    assert refused.status_code == 400
    assert (
        f"출석을 기록한 회차({first.date:%Y-%m-%d} 09:00-13:00 안산 직업전문학교 실습장)는 취소할 수 없습니다" in page
    )
    assert 'value="11"' in page  # the typing is kept
    forklift.refresh_from_db()
    assert forklift.sessions.count() == 4 and forklift.capacity == 10 and forklift.version == 1
    moved = [f"#{first.pk} {first.date + timedelta(days=1):%Y-%m-%d} 09:00-13:00 실습장", *lines]
    refused = client.post(f"/programs/{forklift.pk}/edit/", _typed(forklift, sessions="\n".join(moved)))
    assert refused.status_code == 400 and "일시를 옮길 수 없습니다" in refused.content.decode()
    cut = client.post(f"/programs/{forklift.pk}/edit/", _typed(forklift, capacity=0))
    assert cut.status_code == 400 and forklift.sessions.count() == 4


def test_quotas_over_the_seats_or_for_an_unknown_group_are_refused_and_the_selection_uses_those_set(
    client, manager, counselor, senior_jobs, enroll, make_seeker
):
    client.force_login(manager)
    form = {
        "name": "어르신 사회서비스형 일자리",
        "provider": "안산시니어클럽",
        "starts_on": "2027-03-02",
        "ends_on": "2027-11-30",
        "capacity": "10",
        "completion_percent": "80",
        "sessions": "2027-03-02 09:00-12:00 시니어클럽 교육장",
        "quotas": "장애인 8\n어르신 5",
    }
    over = client.post("/programs/new/", form)
    assert over.status_code == 422
    assert "대상계층별 배정 인원의 합(13명)이 정원(10명)보다 많습니다" in over.content.decode()
    assert "장애인 8" in over.content.decode() and not TrainingProgram.objects.exclude(pk=senior_jobs.pk).exists()
    live = client.post("/programs/validate/?field=quotas", {**form, "quotas": "외계인 1"})
    assert "외계인은(는) 등록된 대상계층이 아닙니다" in live.content.decode()
    saved = client.post("/programs/new/", {**form, "quotas": "장애인 2\n어르신: 1명"})
    assert saved.status_code == 302
    assert TrainingProgram.objects.latest("pk").quotas == {"disabled": 2, "senior": 1}

    refused = client.post(f"/programs/{senior_jobs.pk}/edit/", _typed(senior_jobs, quotas="장애인 3"))
    assert refused.status_code == 400 and "정원(2명)보다 많습니다" in refused.content.decode()
    senior_jobs.refresh_from_db()
    assert senior_jobs.quotas == {} and senior_jobs.version == 1
    assert client.post(f"/programs/{senior_jobs.pk}/edit/", _typed(senior_jobs, quotas="장애인 1")).status_code == 302

    old = date(1950, 3, 1)
    poorest = enroll(senior_jobs, make_seeker(birth_date=old), income_percent=40)
    second = enroll(senior_jobs, make_seeker(birth_date=old), income_percent=90)
    disabled = make_seeker(birth_date=old, target_groups=[TargetGroup.objects.get(code="disabled")])
    kept = enroll(senior_jobs, disabled, income_percent=140)
    senior_jobs.refresh_from_db()
    program_select(program=senior_jobs, actor=manager)
    status = dict(Enrollment.objects.values_list("pk", "status"))
    assert status[poorest.pk] == status[kept.pk] == Enrollment.Status.SELECTED
    assert status[second.pk] == Enrollment.Status.NOT_SELECTED
    assert Enrollment.objects.get(pk=kept.pk).quota_group == "disabled"


def test_the_korean_a_course_leads_to_is_saved_from_the_edit_page_with_its_history(client, manager, korean_course):
    client.force_login(manager)
    assert "수료 후 한국어 능력" in client.get(f"/programs/{korean_course.pk}/edit/").content.decode()
    saved = client.post(f"/programs/{korean_course.pk}/edit/", _typed(korean_course, korean_level_after="3"))
    assert saved.status_code == 302
    korean_course.refresh_from_db()
    assert korean_course.korean_level_after == 3 and korean_course.version == 2
    shown = client.get(f"/programs/{korean_course.pk}/").content.decode()
    assert re.search(
        r"수료 후 한국어 능력: <del>중\(업무 지시 이해\)</del> → <ins>상\(문서 작성 가능\)</ins>", shown
    ), shown

    cleared = client.post(f"/programs/{korean_course.pk}/edit/", _typed(korean_course, korean_level_after=""))
    assert cleared.status_code == 302
    korean_course.refresh_from_db()
    assert korean_course.korean_level_after is None
