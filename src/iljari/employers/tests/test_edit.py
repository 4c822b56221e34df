"""Correcting a company: the page and PATCH /api/employers/{id}, with its history and a stale save refused."""

import pytest
from django.test import Client

from iljari.accounts.services import api_token_create
from iljari.conftest import _staff
from iljari.core.errors import StaleRecord
from iljari.employers.models import Employer
from iljari.employers.services import EmployerError, EmployerInput, employer_update, employers_create
from iljari.privacy.history import record_history
from iljari.privacy.models import RecordChange
from iljari.reference.models import Dong
from iljari.testing.pages import posted_form

pytestmark = pytest.mark.postgres


@pytest.fixture
def staff(desk):
    return _staff("finder", "discovery", desk)


def test_a_company_moves_and_its_contact_changes_and_the_history_keeps_no_contact_details(company, staff):
    gojan = Dong.objects.get(name="고잔동")
    saved = employer_update(
        employer=company,
        changes={"dong": gojan, "employees": 40, "contact_phone": "031-765-4321", "name": "(주)대한정밀공업"},
        actor=staff,
        version=1,
    )
    assert (saved.dong, saved.lat, saved.version) == (gojan, gojan.lat, 2)
    assert saved.name_key == "대한정밀공업"
    [entry] = record_history(record=saved)
    lines = {c.field: c for c in entry.changes}
    assert (lines["dong"].old, lines["dong"].new) == ("초지동", "고잔동")
    assert (lines["employees"].old, lines["employees"].new) == ("", "40")
    assert lines["contact_phone"].personal and "4321" not in str(RecordChange.objects.get().changes)
    assert set(lines) == {"dong", "employees", "contact_phone", "name"}  # no coordinates or name keys


def test_a_business_number_of_another_company_is_refused_and_a_stale_save_too(company, staff):
    other = employers_create(inputs=[EmployerInput(name="세원테크", business_number="104-81-53114")], actor="t")[0]
    with pytest.raises(EmployerError, match="'\\(주\\)대한정밀'이\\(가\\) 이미 등록") as taken:
        employer_update(employer=other, changes={"business_number": "2208162517"}, actor=staff, version=1)
    assert taken.value.field == "business_number"
    employer_update(employer=company, changes={"industry_name": "금형"}, actor=staff, version=1)
    with pytest.raises(StaleRecord) as stale:
        employer_update(employer=company, changes={"industry_name": "도금"}, actor=staff, version=1)
    assert [(c.label, c.old, c.new) for c in stale.value.changes] == [("업종", "", "금형")]
    assert Employer.objects.get(pk=company.pk).industry_name == "금형"


def test_the_edit_page_checks_the_business_number_as_typed_and_saves_only_what_changed(client, company, staff):
    client.force_login(staff)
    assert f'href="/employers/{company.pk}/edit/"' in client.get(f"/employers/{company.pk}/").content.decode()
    form = posted_form(client.get(f"/employers/{company.pk}/edit/").content.decode())
    assert form["business_number"] == ["2208162517"] and "same_company_confirmed" not in form
    live = client.post(
        "/employers/new/validate/?field=business_number", {"business_number": "220-81-62518"}
    ).content.decode()
    assert "검증번호" in live
    form["business_number"] = ["220-81-62518"]
    refused = client.post(f"/employers/{company.pk}/edit/", form)
    assert refused.status_code == 400 and "검증번호" in refused.content.decode()
    form["business_number"] = ["220-81-62517"]
    form["employees"] = ["55"]
    assert client.post(f"/employers/{company.pk}/edit/", form).status_code == 302
    assert [c.field for c in record_history(record=company)[0].changes] == ["employees"]
    assert "55" in client.get(f"/employers/{company.pk}/").content.decode()


def test_patch_an_employer_answers_409_when_stale_and_422_for_unknown_fields(company, staff):
    api = Client(HTTP_AUTHORIZATION=f"Bearer {api_token_create(user=staff, name='t', actor='t')}")
    url = f"/api/employers/{company.pk}"
    done = api.patch(url, {"version": 1, "in_smart_hub": True}, "application/json")
    assert done.status_code == 200 and done.json()["in_smart_hub"] and done.json()["version"] == 2
    stale = api.patch(url, {"version": 1, "employees": 3}, "application/json")
    assert stale.status_code == 409
    assert stale.json()["changes"][0]["at"].endswith("+09:00")  # Asia/Seoul
    assert stale.json()["changes"][0] | {"at": ""} == {
        "field": "in_smart_hub",
        "label": "반월·시화 스마트허브 입주",
        "old": "아니오",
        "new": "예",
        "personal": False,
        "by": "finder",
        "at": "",
    }
    unknown = api.patch(url, {"version": 2, "is_demo": True}, "application/json")
    assert unknown.status_code == 422 and "is_demo: 알 수 없는 항목입니다" in unknown.json()["detail"]
    wrong = api.patch(url, {"version": 2, "business_number": "123-45-67890"}, "application/json")
    assert wrong.status_code == 422 and "사업자등록번호" in wrong.json()["detail"]
    assert Employer.objects.get(pk=company.pk).version == 2
