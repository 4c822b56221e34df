"""The seeker edit page and PATCH /api/seekers/{id}: validated like registration, refused when stale."""

import pytest
from django.test import Client

from iljari.accounts.services import api_token_create
from iljari.conftest import _staff
from iljari.privacy.models import RecordChange
from iljari.seekers.models import Seeker
from iljari.testing.pages import posted_form

pytestmark = pytest.mark.postgres


def test_counselor_corrects_a_seeker_on_the_edit_page_and_sees_the_history(client, counselor, make_seeker):
    seeker = make_seeker(name="한결", reservation_wage=2_500_000)
    client.force_login(counselor)
    page = client.get(f"/seekers/{seeker.pk}/")
    assert f'href="/seekers/{seeker.pk}/edit/"' in page.content.decode()

    form = posted_form(client.get(f"/seekers/{seeker.pk}/edit/").content.decode())
    assert form["version"] == ["1"] and form["initial-reservation_wage"] == ["2500000"]
    assert "status" not in form and "consent" not in form
    form["reservation_wage"] = ["280만"]
    saved = client.post(f"/seekers/{seeker.pk}/edit/", form)
    assert saved.status_code == 302 and saved.url == f"/seekers/{seeker.pk}/"

    assert Seeker.objects.get(pk=seeker.pk).reservation_wage == 2_800_000
    detail = client.get(f"/seekers/{seeker.pk}/").content.decode()
    assert "수정 이력" in detail and "2,500,000" in detail and "2,800,000" in detail and "counselor1" in detail


def test_the_edit_page_refuses_a_registration_number_and_keeps_what_was_typed(client, counselor, make_seeker):
    seeker = make_seeker()
    client.force_login(counselor)
    form = posted_form(client.get(f"/seekers/{seeker.pk}/edit/").content.decode())
    form["remarks"] = ["본인 번호 900101-1234567 확인"]
    form["desired_job_text"] = ["지게차"]
    refused = client.post(f"/seekers/{seeker.pk}/edit/", form)
    body = refused.content.decode()
    assert refused.status_code == 400 and "주민등록번호" in body
    assert 'value="지게차"' in body and "1234567" not in body
    assert Seeker.objects.get(pk=seeker.pk).version == 1


def test_a_stale_save_on_the_page_shows_what_changed_and_keeps_the_typing(client, counselor, make_seeker, desk):
    seeker = make_seeker(reservation_wage=2_500_000, desired_job_text="포장")
    colleague = _staff("counselor3", "counselor", desk)
    client.force_login(counselor)
    mine = posted_form(client.get(f"/seekers/{seeker.pk}/edit/").content.decode())
    other = Client()
    other.force_login(colleague)
    theirs = posted_form(other.get(f"/seekers/{seeker.pk}/edit/").content.decode())
    theirs["reservation_wage"] = ["2900000"]
    theirs["phone"] = ["010-4545-6767"]
    assert other.post(f"/seekers/{seeker.pk}/edit/", theirs).status_code == 302

    mine["desired_job_text"] = ["용접"]
    refused = client.post(f"/seekers/{seeker.pk}/edit/", mine)
    body = refused.content.decode()
    assert refused.status_code == 409 and "counselor3님이 먼저" in body
    assert "2,500,000 → 2,900,000" in body and "휴대전화</strong>: 변경됨" in body
    again = posted_form(body)
    assert again["desired_job_text"] == ["용접"]  # what I typed stays
    assert again["phone"] == ["010-4545-6767"] and again["version"] == ["2"]  # the rest is as it is now
    now = Seeker.objects.get(pk=seeker.pk)
    assert (now.desired_job_text, now.reservation_wage) == ("포장", 2_900_000)

    assert client.post(f"/seekers/{seeker.pk}/edit/", again).status_code == 302
    now = Seeker.objects.get(pk=seeker.pk)
    assert (now.desired_job_text, now.reservation_wage, now.phone) == ("용접", 2_900_000, "010-4545-6767")


def test_another_desks_counselor_cannot_open_or_save_the_edit_page(client, other_counselor, make_seeker):
    seeker = make_seeker()
    client.force_login(other_counselor)
    assert client.get(f"/seekers/{seeker.pk}/edit/").status_code == 404
    assert client.post(f"/seekers/{seeker.pk}/edit/", {"version": "1", "name": "x"}).status_code == 404


def _api(user) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {api_token_create(user=user, name='test', actor='test')}")


def test_patch_changes_only_the_fields_sent_and_answers_409_on_a_stale_version(counselor, make_seeker):
    seeker = make_seeker(desired_job_text="포장", reservation_wage=2_500_000)
    api = _api(counselor)
    url = f"/api/seekers/{seeker.pk}"
    assert api.get(url).json()["version"] == 1

    done = api.patch(url, {"version": 1, "reservation_wage": 2_700_000, "home_dong": "고잔동"}, "application/json")
    assert done.status_code == 200, done.content
    assert (done.json()["reservation_wage"], done.json()["home_dong"], done.json()["version"]) == (
        2_700_000,
        "고잔동",
        2,
    )
    assert Seeker.objects.get(pk=seeker.pk).desired_job_text == "포장"

    stale = api.patch(url, {"version": 1, "desired_job_text": "용접"}, "application/json")
    assert stale.status_code == 409
    body = stale.json()
    assert body["version"] == 2 and "먼저" in body["detail"]
    assert {c["field"]: (c["old"], c["new"]) for c in body["changes"]} == {
        "reservation_wage": ("2,500,000", "2,700,000"),
        "home_dong": ("와동", "고잔동"),
    }
    assert Seeker.objects.get(pk=seeker.pk).desired_job_text == "포장"


def test_patch_with_unknown_fields_wrong_types_or_bad_values_answers_422_and_changes_nothing(counselor, make_seeker):
    seeker = make_seeker()
    api = _api(counselor)
    url = f"/api/seekers/{seeker.pk}"
    unknown = api.patch(url, {"version": 1, "status": "placed"}, "application/json")
    assert unknown.status_code == 422 and unknown.json()["errors"] == [
        {"field": "status", "problem": "알 수 없는 항목입니다"}
    ]
    wrong = api.patch(url, {"version": 1, "reservation_wage": "많이"}, "application/json")
    assert wrong.status_code == 422 and "reservation_wage: 정수여야 합니다" in wrong.json()["detail"]
    assert api.patch(url, {"reservation_wage": 1}, "application/json").status_code == 422  # no version
    bad_phone = api.patch(url, {"version": 1, "phone": "02-12"}, "application/json")
    assert bad_phone.status_code == 422 and "휴대전화" in bad_phone.json()["detail"]
    no_dong = api.patch(url, {"version": 1, "home_dong": "없는동"}, "application/json")
    assert no_dong.status_code == 422 and "거주 행정동" in no_dong.json()["detail"]
    rrn = api.patch(url, {"version": 1, "remarks": "900101-1234567"}, "application/json")
    assert rrn.status_code == 422 and "주민등록번호" in rrn.json()["detail"]
    assert Seeker.objects.get(pk=seeker.pk).version == 1 and not RecordChange.objects.exists()


def test_patch_of_another_desks_seeker_is_not_found(other_counselor, make_seeker):
    seeker = make_seeker()
    answer = _api(other_counselor).patch(
        f"/api/seekers/{seeker.pk}", {"version": 1, "remarks": "x"}, "application/json"
    )
    assert answer.status_code == 404
