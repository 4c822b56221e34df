"""Every change of a versioned record keeps its history, whichever way it is written, and never a
personal value: ``QuerySet.update()`` in the services, ``save()``, ``bulk_update()``, a related
manager's update."""

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory

from iljari.discovery.models import Visit
from iljari.discovery.services import VisitInput, employers_merge, vacancy_from_visit, visit_log
from iljari.employers.services import EmployerInput, employers_create
from iljari.privacy.history import HistoryRequestMiddleware, record_history
from iljari.privacy.models import RecordChange
from iljari.reference.models import Dong
from iljari.referrals.services import placement_record_direct, referral_cancel, referral_create
from iljari.vacancies.models import Vacancy
from iljari.vacancies.services import VacancyInput

pytestmark = pytest.mark.postgres


def test_workflow_updates_through_querysets_keep_history_with_who_and_why(counselor, make_seeker, make_vacancy):
    seeker, vacancy = make_seeker(), make_vacancy()
    referral = referral_create(seeker=seeker, vacancy=vacancy, counselor=counselor)
    referral_cancel(referral=referral, actor=counselor)
    placement_record_direct(seeker=seeker, employer_name="동네식당", started_on=date(2026, 11, 2), actor=counselor)

    [cancelled] = record_history(record=referral)
    assert (cancelled.by, cancelled.purpose, cancelled.version) == ("counselor1", "알선 취소", 2)
    assert {c.field: (c.old, c.new) for c in cancelled.changes}["status"] == ("알선", "취소")
    [placed] = record_history(record=seeker)
    assert [(c.label, c.old, c.new) for c in placed.changes] == [("상태", "구직 중", "취업")]
    seeker.refresh_from_db()
    assert seeker.version == 2


def test_save_and_a_related_managers_update_keep_history_too(counselor):
    chojidong = Dong.objects.get(name="초지동")
    keep, twin = employers_create(
        inputs=[EmployerInput(name="(주)대한정밀", dong=chojidong), EmployerInput(name="대한정밀", dong=chojidong)],
        actor="t",
    )
    visit, _ = visit_log(
        data=VisitInput(
            employer=twin,
            staff=counselor,
            team=Visit.Team.SMART_HUB,
            visited_on=date(2026, 11, 20),
            met_person="김부장 010-9876-5432",
        ),
        actor=counselor,
    )
    vacancy = vacancy_from_visit(  # links the visit with visit.save(update_fields=["vacancy"])
        visit=visit,
        data=VacancyInput(employer=twin, title="사출원", wage_type="monthly", wage_amount=2_400_000),
        actor=counselor,
    )
    employers_merge(keep=keep, duplicate=twin, actor=counselor)  # moves the vacancy and the visit

    linked, moved = record_history(record=visit)[::-1]
    assert (linked.purpose, [(c.field, c.new) for c in linked.changes]) == (
        "발굴 구인표 작성",
        [("vacancy", str(vacancy))],
    )
    assert (moved.purpose, [(c.old, c.new) for c in moved.changes]) == (
        "중복 업체 병합",
        [("대한정밀", "(주)대한정밀")],
    )
    assert [c.field for c in record_history(record=Vacancy.objects.get(pk=vacancy.pk))[0].changes] == ["employer"]
    assert "9876" not in str(list(RecordChange.objects.values_list("changes", flat=True)))
    visit = Visit.objects.get(pk=visit.pk)
    visit.met_person = "박과장"
    visit.save()
    assert record_history(record=visit)[0].changes[0].personal and Visit.objects.get(pk=visit.pk).version == 4


def test_bulk_update_raises_versions_and_keeps_history_too(make_vacancy):
    first, second = make_vacancy(), make_vacancy(title="용접원")
    first.openings, second.openings, second.title = 5, 1, "아크용접원"
    assert Vacancy.objects.bulk_update([first, second], ["openings", "title"]) == 2
    assert [(c.field, c.old, c.new) for c in record_history(record=first)[0].changes] == [("openings", "1", "5")]
    assert [(c.field, c.new) for c in record_history(record=second)[0].changes] == [("title", "아크용접원")]
    assert list(Vacancy.objects.order_by("pk").values_list("version", flat=True)) == [2, 2]


def test_a_change_made_while_serving_a_request_is_the_requesting_staff_members(counselor, make_vacancy):
    vacancy = make_vacancy()

    def view(request):
        Vacancy.objects.filter(pk=vacancy.pk).update(openings=4)
        return HttpResponse()

    request = RequestFactory().post("/somewhere/")
    request.user = counselor
    HistoryRequestMiddleware(view)(request)
    request.user = AnonymousUser()
    Vacancy.objects.filter(pk=vacancy.pk).update(openings=5)  # outside any request: the process
    HistoryRequestMiddleware(lambda r: view(r) and HttpResponse())(request)
    assert [e.by for e in record_history(record=vacancy)][::-1] == ["counselor1", "cli:root", "web:/somewhere/"]


def test_a_reassignment_is_in_the_seekers_history_with_its_reason(make_seeker, manager, other_desk):
    from iljari.conftest import _staff
    from iljari.seekers.services import seekers_reassign

    seeker = make_seeker()
    elsewhere = _staff("far", "counselor", other_desk)
    seekers_reassign(seekers=[seeker], to=elsewhere, actor=manager, reason="이사")
    [moved] = record_history(record=seeker)
    assert (moved.by, moved.purpose) == ("manager1", "담당 상담사 변경: 이사")
    assert {c.field: c.new for c in moved.changes} == {"desk": "원곡동 행정복지센터", "counselor": "far"}


def test_each_edit_form_shows_every_one_of_its_fields_from_the_record(make_seeker, company, make_vacancy):
    """A field added to a registration form but not to its edit form's record would post as changed
    on every save; the edit form and the record it shows must name the same fields."""
    from iljari.employers.forms import EmployerEditForm
    from iljari.employers.services import EMPLOYER_EDITABLE
    from iljari.seekers.forms import SeekerEditForm
    from iljari.seekers.services import SEEKER_EDITABLE
    from iljari.vacancies.forms import VacancyEditForm
    from iljari.vacancies.services import VACANCY_EDITABLE

    for form, record in (
        (SeekerEditForm, make_seeker()),
        (EmployerEditForm, company),
        (VacancyEditForm, make_vacancy()),
    ):
        assert set(form.record(record)) == set(form.base_fields), form.__name__
    assert set(SeekerEditForm.base_fields) - {"version"} == SEEKER_EDITABLE
    assert set(EmployerEditForm.base_fields) - {"version"} == EMPLOYER_EDITABLE
    assert set(VacancyEditForm.base_fields) - {"version"} | {"occupation"} == VACANCY_EDITABLE


def test_a_status_move_is_in_the_history_as_the_lifecycle_made_it(make_vacancy, counselor):
    from iljari.vacancies.services import vacancies_expire, vacancy_close

    closed, old = make_vacancy(), make_vacancy(closes_on=date(2026, 1, 31))
    vacancy_close(vacancy_id=closed.pk, reason="cancelled", actor=counselor, note="업체 사정")
    vacancies_expire(today=date(2026, 2, 1))
    [cancelled] = record_history(record=closed)
    assert (cancelled.by, cancelled.purpose, cancelled.version) == ("counselor1", "구인표 모집 취소", 2)
    assert [(c.field, c.old, c.new) for c in cancelled.changes] == [("status", "모집 중", "모집 취소")]
    [expired] = record_history(record=old)
    assert (expired.by, expired.purpose) == ("system:scheduler", "구인표 기간 만료")
    assert [(c.old, c.new) for c in expired.changes] == [("모집 중", "기간 만료")]
