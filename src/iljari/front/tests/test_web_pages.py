"""A manager logs in and sees the center: desks, seekers, employers, vacancies, occupations."""

import pytest
from django.urls import reverse

from iljari.privacy.models import AuditEvent


@pytest.fixture
def manager_client(client, manager):
    client.force_login(manager)
    return client


def test_login_page_and_redirect_for_anonymous_visitors(client, db):
    response = client.get("/seekers/")
    assert response.status_code == 302 and response.url.startswith("/login/")
    page = client.get("/login/")
    assert "직원 로그인" in page.content.decode()
    assert "Content-Security-Policy" in page.headers


def test_manager_sees_desks_and_the_occupation_catalogue(manager_client):
    desks = manager_client.get(reverse("accounts:desks")).content.decode()
    assert desks.count("<tr>") == 1 + 30 and "와동 행정복지센터" in desks and "안산시 일자리센터(시청)" in desks
    catalogue = manager_client.get(reverse("reference:occupations"), {"q": "용접"}).content.decode()
    assert "아크용접원" in catalogue
    assert "6,313개" in manager_client.get(reverse("reference:occupations")).content.decode()


def test_manager_sees_seekers_employers_and_vacancies(manager_client, make_seeker):
    seeker = make_seeker(name="최안산", desired_job_text="요양보호사")
    page = manager_client.get(reverse("seekers:list")).content.decode()
    assert "최안산" in page and "요양보호사" in page
    assert AuditEvent.objects.filter(action="list", object_id=str(seeker.pk)).exists()
    assert manager_client.get(reverse("employers:list")).status_code == 200
    assert manager_client.get(reverse("vacancies:list")).status_code == 200


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("김안산", {"김안산"}),  # exact name, through the keyed hash
        ("안산", {"김안산", "이안산"}),  # part of a name
        ("010-4444-1234", {"김안산"}),  # a whole phone number
        ("1234", {"김안산"}),  # the last digits of a phone
        ("없는사람", set()),
    ],
)
def test_counselor_finds_seekers_by_name_or_phone(client, counselor, make_seeker, query, found):
    make_seeker(name="김안산", phone="010-4444-1234")
    make_seeker(name="이안산", phone="010-5555-0000")
    make_seeker(name="박원곡", phone="010-6666-0000")
    client.force_login(counselor)
    html = client.get(reverse("seekers:list"), {"q": query}).content.decode()
    assert {n for n in ("김안산", "이안산", "박원곡") if n in html} == found


def test_counselor_gets_not_found_for_a_seeker_of_another_desk(client, counselor, make_seeker, other_desk):
    theirs = make_seeker(desk=other_desk)
    client.force_login(counselor)
    response = client.get(reverse("seekers:detail", args=[theirs.pk]))
    assert response.status_code == 404 and theirs.name not in response.content.decode()
    assert not AuditEvent.objects.filter(action="read", object_id=str(theirs.pk)).exists()


def test_discovery_team_cannot_open_seeker_pages(client, db, desk):
    from iljari.conftest import _staff

    client.force_login(_staff("finder", "discovery", desk))
    assert client.get(reverse("seekers:list")).status_code == 403
    assert client.get(reverse("employers:list")).status_code == 200


def test_five_wrong_passwords_lock_the_login(client, counselor):
    for _ in range(5):
        client.post("/login/", {"username": "counselor1", "password": "wrong"})
    locked = client.post("/login/", {"username": "counselor1", "password": "test-pass-2026"})
    assert "로그인이 잠시 제한되었습니다" in locked.content.decode()


def test_admin_edits_reference_data(client, db):
    from iljari.conftest import _staff

    client.force_login(_staff("root", "admin", None))
    assert "최저임금" in client.get("/admin/").content.decode()
    assert "와동" in client.get("/admin/reference/dong/").content.decode()
    assert client.get("/admin/reference/occupation/?q=아크용접원").status_code == 200


def test_pages_with_personal_data_are_never_stored_by_the_browser(client, counselor, make_seeker):
    seeker = make_seeker()
    client.force_login(counselor)
    for url in (reverse("seekers:detail", args=[seeker.pk]), reverse("seekers:list"), reverse("home")):
        cache_control = client.get(url)["Cache-Control"]
        assert "no-store" in cache_control and "private" in cache_control, url
    assert "no-store" not in client.get("/static/core/iljari.css").get("Cache-Control", "")
