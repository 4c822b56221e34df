"""Correcting a 구인표: only what changed, the minimum wage checked as on registration, status left alone."""

import pytest
from django.test import Client

from iljari.accounts.services import api_token_create
from iljari.conftest import _staff
from iljari.core.errors import StaleRecord
from iljari.privacy.history import record_history
from iljari.reference.models import Licence
from iljari.testing.pages import posted_form
from iljari.vacancies.models import Vacancy
from iljari.vacancies.services import VacancyError, vacancy_update

pytestmark = pytest.mark.postgres


@pytest.fixture
def staff(desk):
    return _staff("lead", "desk_lead", desk)


def test_a_corrected_title_wage_and_licences_are_saved_with_their_history(make_vacancy, staff):
    vacancy = make_vacancy(title="포장원", wage_amount=2_400_000)
    saved = vacancy_update(
        vacancy=vacancy,
        changes={
            "title": "아크용접원",
            "wage_amount": 2_900_000,
            "required_licences": [Licence.objects.get(name="용접기능사")],
            "benefits": ["dormitory", "meals"],
        },
        actor=staff,
        version=1,
    )
    assert (saved.title, saved.wage_amount, saved.version, saved.status) == ("아크용접원", 2_900_000, 2, "open")
    lines = {c.field: (c.old, c.new) for c in record_history(record=saved)[0].changes}
    assert lines == {
        "title": ("포장원", "아크용접원"),
        "wage_amount": ("2,400,000", "2,900,000"),
        "required_licences": ("", "용접기능사"),
        "benefits": ("", "기숙사, 식사 제공"),
    }


def test_a_wage_below_the_minimum_or_a_status_change_is_refused_and_nothing_changes(make_vacancy, staff):
    vacancy = make_vacancy()
    with pytest.raises(VacancyError, match="최저임금 미만"):
        vacancy_update(vacancy=vacancy, changes={"wage_amount": 1_000_000}, actor=staff, version=1)
    with pytest.raises(VacancyError, match="수정할 수 없는 항목입니다: 상태"):
        vacancy_update(vacancy=vacancy, changes={"status": "closed"}, actor=staff, version=1)
    assert Vacancy.objects.get(pk=vacancy.pk).version == 1


def test_a_referral_outcome_that_fills_the_vacancy_makes_an_open_edit_stale(
    make_vacancy, make_seeker, counselor, staff
):
    from datetime import timedelta

    from django.utils import timezone

    from iljari.referrals.services import referral_create, referral_record_outcome, referral_schedule_interview

    vacancy = make_vacancy()
    referral = referral_create(seeker=make_seeker(), vacancy=vacancy, counselor=counselor)
    referral = referral_schedule_interview(referral=referral, at=timezone.now() + timedelta(minutes=1), actor=counselor)
    referral_record_outcome(referral=referral, hired=True, actor=counselor, at=timezone.now() + timedelta(minutes=2))
    with pytest.raises(StaleRecord) as stale:
        vacancy_update(vacancy=vacancy, changes={"openings": 3}, actor=staff, version=1)
    assert [(c.label, c.old, c.new, c.by) for c in stale.value.changes] == [
        ("상태", "모집 중", "채용 완료", "counselor1")
    ]
    # A referral's steps are lifecycle moves now: the history names each move as the lifecycle made it.
    assert [e.purpose for e in record_history(record=referral)] == ["알선 채용", "알선 면접 일정"]


def test_the_edit_page_and_patch_check_the_minimum_wage_like_registration(client, make_vacancy, staff):
    vacancy = make_vacancy(wage_amount=2_400_000)
    client.force_login(staff)
    assert f'href="/vacancies/{vacancy.pk}/edit/"' in client.get(f"/vacancies/{vacancy.pk}/").content.decode()
    form = posted_form(client.get(f"/vacancies/{vacancy.pk}/edit/").content.decode())
    assert "status" not in form and "employer" not in form
    form["wage_type"] = ["hourly"]
    form["wage_amount"] = ["5000"]
    refused = client.post(f"/vacancies/{vacancy.pk}/edit/", form)
    assert refused.status_code == 400 and "최저임금 미만" in refused.content.decode()
    form["wage_amount"] = ["12,000"]
    form["openings"] = ["2"]
    assert client.post(f"/vacancies/{vacancy.pk}/edit/", form).status_code == 302
    now = Vacancy.objects.get(pk=vacancy.pk)
    assert (now.wage_type, now.wage_amount, now.openings, now.version) == ("hourly", 12_000, 2, 2)

    api = Client(HTTP_AUTHORIZATION=f"Bearer {api_token_create(user=staff, name='t', actor='t')}")
    url = f"/api/vacancies/{vacancy.pk}"
    low = api.patch(url, {"version": 2, "wage_amount": 5000}, "application/json")
    assert low.status_code == 422 and "최저임금 미만" in low.json()["detail"]
    typed = api.patch(url, {"version": 2, "openings": "셋"}, "application/json")
    assert typed.status_code == 422 and typed.json()["errors"] == [{"field": "openings", "problem": "정수여야 합니다"}]
    status = api.patch(url, {"version": 2, "status": "closed"}, "application/json")
    assert status.status_code == 422
    stale = api.patch(url, {"version": 1, "closes_on": "2026-12-31"}, "application/json")
    assert stale.status_code == 409 and {c["field"] for c in stale.json()["changes"]} == {
        "wage_type",
        "wage_amount",
        "openings",
    }
    done = api.patch(url, {"version": 2, "closes_on": "2026-12-31", "visa_types": ["E-9"]}, "application/json")
    assert done.status_code == 200 and done.json()["closes_on"] == "2026-12-31" and done.json()["version"] == 3
    assert list(Vacancy.objects.get(pk=vacancy.pk).visa_types.values_list("code", flat=True)) == ["E-9"]
