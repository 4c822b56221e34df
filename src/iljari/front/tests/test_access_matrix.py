"""Every page × every role: the expected status, generated from the URL configuration.

A new page is either protected by ``role_required`` (and lands in this matrix with its
roles) or must be named in ``PUBLIC`` below; otherwise this test fails, so no page can be
added without deciding who may open it.
"""

from datetime import date, time

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from iljari.accounts.models import User
from iljari.conftest import _staff
from iljari.discovery.models import Visit
from iljari.events.models import Booth, Interview
from iljari.events.services import EventInput, booth_add, event_create, registration_create
from iljari.reference.models import Occupation
from iljari.referrals.services import placement_record_direct, referral_create
from iljari.safety.services import IncidentInput, incident_report
from iljari.transfer.models import ImportJob

# Pages anyone may open, and URL groups with their own protection (Django admin, the token API).
PUBLIC = {"login", "logout", "portal:register", "portal:ticket", "portal:ticket_qr"}
OWN_PROTECTION = ("admin:", "api:")
ROLES = [None, *User.Role.values]


def _routes(resolver: URLResolver = None, namespace: str = "") -> list[tuple[str, URLPattern]]:
    resolver = resolver or get_resolver()
    found = []
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            found += _routes(pattern, inner)
        elif pattern.name:
            found.append((namespace + pattern.name, pattern))
    return found


def _protected() -> list[tuple[str, URLPattern]]:
    return [(name, p) for name, p in _routes() if not name.startswith(OWN_PROTECTION) and name not in PUBLIC]


def test_every_page_is_either_public_or_role_protected():
    unprotected = [name for name, p in _protected() if not hasattr(p.callback, "allowed_roles")]
    assert unprotected == [], f"pages without role_required: {unprotected}"


@pytest.fixture
def objects(make_seeker, make_vacancy, matching, counselor, desk):
    vacancy = make_vacancy("아크용접원", 2_500_000)
    employer = vacancy.employer
    seeker = make_seeker(desired_job_text="아크용접원")
    referral = referral_create(seeker=seeker, vacancy=vacancy, counselor=counselor)
    placement = placement_record_direct(
        seeker=seeker, employer_name="동네 식당", started_on=date(2026, 9, 1), actor=counselor
    )
    event = event_create(
        data=EventInput(
            name="채용의 날",
            kind="weekly",
            date=date.today(),
            place="시청",
            starts_at=time(9),
            ends_at=time(12),
            desk=desk,
        ),
        actor="t",
    )
    booth = booth_add(event=event, employer=employer, vacancies=[vacancy], actor="t")
    registration = registration_create(event=event, seeker=seeker, source="counselor", actor=counselor)
    interview = _interview(registration.pk, booth.pk)
    visit = Visit.objects.create(
        employer=employer, staff=counselor, team="smart_hub", visited_on=date.today(), note="사출 2명 월 230"
    )
    incident = incident_report(
        data=IncidentInput(
            kind="verbal",
            channel="desk",
            occurred_at=timezone.now(),
            what_happened="욕설",
            seeker=seeker,
            measures=["two_person"],
        ),
        reporter=counselor,
    )
    return {
        "safety:measure": incident.measures.first().pk,
        "safety:": incident.pk,
        "user_id": counselor.pk,
        "discovery:": visit.pk,
        "events:": event.pk,
        "booth_id": booth.pk,
        "interview_id": interview.pk,
        "registration_id": registration.pk,
        "seeker_id": seeker.pk,
        "seekers:": seeker.pk,
        "matching:vacancy": vacancy.pk,
        "matching:seeker": seeker.pk,
        "referrals:": seeker.pk,
        "referral_id": referral.pk,
        "follow_up_id": placement.follow_ups.first().pk,
        "employers:": employer.pk,
        "vacancies:": vacancy.pk,
        "transfer:": 1,
        "reference:": Occupation.objects.first().pk,
        "vacancy_id": vacancy.pk,
        "name": "desk",
    }


def _interview(registration_id: int, booth_id: int) -> Interview:
    booth = Booth.objects.select_related("event").get(pk=booth_id)
    return Interview.objects.create(
        registration_id=registration_id,
        booth=booth,
        vacancy=booth.vacancies.first(),
        slot=0,
        starts_at=booth.event.slot_start(0),
    )


def _url(name: str, pattern: URLPattern, objects: dict, user: User | None) -> str:
    if name.startswith("transfer:") and user is not None:
        # An import job belongs to its creator: make one for this user.
        objects["transfer:"] = ImportJob.objects.create(
            kind="employers", file_name="x.xlsx", stored_path="/nonexistent", created_by=user, status="rejected"
        ).pk
    if "interview_id" in pattern.pattern.converters:
        # Building a timetable (an earlier route) replaces the event's interviews: use a current one.
        current = Interview.objects.filter(booth_id=objects["booth_id"]).first()
        objects["interview_id"] = (current or _interview(objects["registration_id"], objects["booth_id"])).pk
    kwargs = {}
    for key in pattern.pattern.converters:
        if key in objects:
            kwargs[key] = objects[key]
            continue
        kwargs[key] = (
            objects["vacancy_id"]
            if key == "vacancy_id"
            else next(v for prefix, v in objects.items() if name.startswith(prefix))
        )
    return reverse(name, kwargs=kwargs)


def test_access_matrix(client, objects, desk):
    rows = []
    for role in ROLES:
        client.logout()
        user = _staff(f"matrix-{role}", role, desk) if role else None
        if user:
            client.force_login(user)
        for name, pattern in _protected():
            allowed = role is not None and role in pattern.callback.allowed_roles
            url = _url(name, pattern, objects, user)
            status = client.get(url).status_code
            if status == 405:  # a POST-only action: ask the way a form would
                status = client.post(url, {}).status_code
            if role is None:
                expected_ok = status == 302
            elif allowed:
                # An incident is readable only by its reporter, their desk lead and managers: others who may
                # report are told it does not exist.
                scoped = name in ("safety:incident", "safety:measure_lift") and status == 404
                expected_ok = status in (200, 204, 302, 400, 409) or scoped
            else:
                expected_ok = status == 403
            rows.append((role, name, status, expected_ok))
    wrong = [r for r in rows if not r[3]]
    assert wrong == [], wrong
    assert len(rows) == len(ROLES) * len(_protected())
