"""The JSON API: tokens, the same access rules and audit as the pages, OpenAPI docs served locally."""

import pytest
from django.test import Client

from iljari.accounts.services import api_token_create
from iljari.privacy.models import AuditEvent


def _client(user) -> Client:
    key = api_token_create(user=user, name="test", actor="test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def test_requests_without_a_valid_token_are_refused(client, db):
    assert client.get("/api/seekers/").status_code == 401
    assert Client(HTTP_AUTHORIZATION="Bearer ilj_nope").get("/api/seekers/").status_code == 401


def test_a_counselor_lists_only_their_desk_and_another_desks_seeker_is_not_found(counselor, make_seeker, other_desk):
    mine = make_seeker(name="김가나")
    theirs = make_seeker(name="이다라", desk=other_desk)
    api = _client(counselor)
    listed = api.get("/api/seekers/").json()
    assert [s["id"] for s in listed] == [mine.pk] and listed[0]["name"] == "김가나"
    assert api.get(f"/api/seekers/{mine.pk}").status_code == 200
    denied = api.get(f"/api/seekers/{theirs.pk}")
    # The same answer as for a number nobody has, so ids of other desks' seekers do not leak.
    assert denied.status_code == 404 and denied.json() == api.get("/api/seekers/999999").json()
    assert AuditEvent.objects.filter(action="read", object_id=str(mine.pk), purpose__contains="API").exists()
    assert api.get("/api/seekers/999999").status_code == 404


def test_registering_through_the_api_validates_like_the_form(counselor):
    api = _client(counselor)
    good = {
        "name": "박안산",
        "birth_date": "1990-02-03",
        "phone": "010-2323-4545",
        "home_dong": "와동",
        "desired_job_text": "용접",
        "target_groups": ["청년"],
        "consent": True,
    }
    created = api.post("/api/seekers/", good, content_type="application/json")
    assert created.status_code == 201 and created.json()["home_dong"] == "와동"
    assert created.json()["target_groups"] == ["청년"]
    rrn = api.post(
        "/api/seekers/",
        {**good, "phone": "010-1111-2222", "remarks": "900203-1234567"},
        content_type="application/json",
    )
    [problem] = rrn.json()["errors"]
    assert rrn.status_code == 422 and problem["field"] == "remarks" and "주민등록번호" in problem["problem"]
    again = api.post("/api/seekers/", {**good, "phone": "010-9999-8888"}, content_type="application/json")
    assert again.status_code == 409
    no_consent = api.post(
        "/api/seekers/", {**good, "name": "최동의", "consent": False}, content_type="application/json"
    )
    assert no_consent.status_code == 400


def test_refer_through_the_api_once(counselor, make_seeker, make_vacancy):
    vacancy = make_vacancy()
    seeker = make_seeker()
    api = _client(counselor)
    body = {"seeker_id": seeker.pk, "vacancy_id": vacancy.pk}
    first = api.post("/api/referrals/", body, content_type="application/json")
    assert first.status_code == 201 and first.json()["status"] == "referred"
    second = api.post("/api/referrals/", body, content_type="application/json")
    assert second.status_code == 409 and "이미" in second.json()["detail"]
    assert [r["id"] for r in api.get(f"/api/referrals/?seeker_id={seeker.pk}").json()] == [first.json()["id"]]


def test_discovery_team_may_use_employers_but_not_seekers(db, desk):
    from iljari.conftest import _staff

    api = _client(_staff("finder", "discovery", desk))
    assert api.get("/api/seekers/").status_code == 403
    assert api.get("/api/employers/").status_code == 200
    made = api.post(
        "/api/employers/",
        {"name": "대한정밀", "business_number": "220-81-62517", "dong": "초지동"},
        content_type="application/json",
    )
    assert made.status_code == 201
    dup = api.post(
        "/api/employers/",
        {"name": "(주)대한정밀", "business_number": "2208162517", "dong": "초지동"},
        content_type="application/json",
    )
    assert dup.status_code == 409


@pytest.mark.parametrize("path", ["/api/docs", "/api/openapi.json"])
def test_openapi_is_served_without_a_cdn(client, db, path):
    response = client.get(path)
    assert response.status_code == 200
    assert "cdn." not in response.content.decode() and "unpkg" not in response.content.decode()


@pytest.mark.parametrize("path", ["seekers", "employers", "vacancies", "referrals"])
@pytest.mark.parametrize("limit", ["-1", "0", "201", str(2**64), "1.5", "열"])
def test_a_list_size_outside_the_rule_is_refused_in_korean(counselor, path, limit):
    answer = _client(counselor).get(f"/api/{path}/?limit={limit}")
    [problem] = answer.json()["errors"]
    assert answer.status_code == 422 and problem["field"] == "limit"
    assert any(word in problem["problem"] for word in ("이상", "이하", "정수"))


@pytest.mark.parametrize(
    "path",
    [
        "/api/seekers/{n}",
        "/api/employers/{n}",
        "/api/vacancies/{n}",
        "/api/seekers/{n}/matches",
        "/api/vacancies/{n}/matches",
        "/api/referrals/?seeker_id={n}",
    ],
)
@pytest.mark.parametrize("n", [2**63, 2**64 + 5, 10**30])
def test_a_record_number_beyond_a_database_integer_is_refused_not_a_500(counselor, path, n):
    answer = _client(counselor).get(path.format(n=n))
    assert answer.status_code == 422 and "너무 큽니다" in answer.json()["detail"]


def test_the_schema_documents_each_operations_real_refusals(client, db):
    schema = client.get("/api/openapi.json").json()
    operations = [op for methods in schema["paths"].values() for op in methods.values()]
    assert len(operations) >= 18
    for op in [op for op in operations if op.get("security")]:  # the public search takes no token
        assert {"401", "403", "422"} <= set(op["responses"]), op["operationId"]
        body = op["responses"]["422"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
        assert {"detail", "errors"} <= set(schema["components"]["schemas"][body]["properties"])
    get_seeker = schema["paths"]["/api/seekers/{seeker_id}"]["get"]
    assert "404" in get_seeker["responses"]
    [limit] = [p for p in schema["paths"]["/api/seekers/"]["get"]["parameters"] if p["name"] == "limit"]
    assert (limit["schema"]["minimum"], limit["schema"]["maximum"]) == (1, 200)
    wage = schema["components"]["schemas"]["VacancyIn"]["properties"]["wage_amount"]
    assert wage["maximum"] == 2**63 - 1


def test_requests_without_a_token_are_told_why_in_korean(client, db):
    assert "토큰" in client.get("/api/seekers/").json()["detail"]
