"""Staff pages on a 390 px phone: a menu a person can see and open, and no page wider than the screen.

Every page the URL map names is opened in a real browser at phone width (the routes are read from
the resolver, so a new page is checked without anyone adding it here).
"""

from datetime import date, time
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from playwright.sync_api import expect

from iljari.accounts.models import User
from iljari.conftest import TEST_KECO, _staff
from iljari.discovery.models import Visit
from iljari.employers.services import EmployerInput, employers_create
from iljari.events.services import EventInput, booth_add, event_create, registration_create
from iljari.front.setup import reference_load_all
from iljari.matching.catalogue import OccupationNormalizer, use_normalizer
from iljari.matching.indexes import forget_indexes
from iljari.reference.models import Dong, Occupation
from iljari.referrals.services import placement_record_direct, referral_create
from iljari.seekers.services import SeekerInput, seeker_create
from iljari.testing.browser import login, shot
from iljari.transfer.models import ImportJob
from iljari.vacancies.services import VacancyInput, vacancies_create

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}
SKIP = ("admin:", "api:", "logout")


def _routes(resolver: URLResolver | None = None, namespace: str = "") -> list[tuple[str, URLPattern]]:
    resolver = resolver or get_resolver()
    found = []
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            found += _routes(pattern, f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace)
        elif pattern.name:
            found.append((namespace + pattern.name, pattern))
    return found


@pytest.fixture
def world(transactional_db, live_server):
    """One of everything a staff page can show, served live."""
    reference_load_all(city_folder=Path(settings.ILJARI_CITY_DIR))
    use_normalizer(OccupationNormalizer(list(Occupation.objects.filter(keco_code__in=TEST_KECO).order_by("pk"))))
    forget_indexes()
    wadong = Dong.objects.get(name="와동")
    desk = wadong.desks.get()
    manager = _staff("manager", User.Role.MANAGER, None)
    _staff("finder", User.Role.DISCOVERY, desk)
    employer = employers_create(
        inputs=[EmployerInput(name="세원테크", dong=Dong.objects.get(name="초지동"))], actor="t"
    )[0]
    vacancy = vacancies_create(
        inputs=[VacancyInput(employer=employer, title="아크용접원", wage_type="monthly", wage_amount=2_600_000)],
        actor="t",
    )[0]
    seeker = seeker_create(
        data=SeekerInput(desk=desk, name="박화면", birth_date=date(1985, 3, 3), desired_job_text="아크용접원"),
        actor=manager,
    )
    referral = referral_create(seeker=seeker, vacancy=vacancy, counselor=manager)
    placement = placement_record_direct(
        seeker=seeker, employer_name="동네 식당", started_on=date(2026, 9, 1), actor=manager
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
    registration = registration_create(event=event, seeker=seeker, source="counselor", actor=manager)
    visit = Visit.objects.create(
        employer=employer, staff=manager, team="smart_hub", visited_on=date.today(), note="사출 2명 월 230"
    )
    job = ImportJob.objects.create(
        kind="employers", file_name="x.xlsx", stored_path="/nonexistent", created_by=manager, status="rejected"
    )
    ids = {
        "seekers:": seeker.pk,
        "referrals:": seeker.pk,
        "matching:seeker": seeker.pk,
        "matching:vacancy": vacancy.pk,
        "employers:": employer.pk,
        "vacancies:": vacancy.pk,
        "reference:": Occupation.objects.get(title="아크용접원").pk,
        "transfer:": job.pk,
        "events:": event.pk,
        "discovery:": visit.pk,
        "vacancy_id": vacancy.pk,
        "referral_id": referral.pk,
        "follow_up_id": placement.follow_ups.first().pk,
        "booth_id": booth.pk,
        "registration_id": registration.pk,
        "seeker_id": seeker.pk,
        "ticket": registration.ticket,
        "code": event.public_code,
        "name": "desk",
    }
    yield {"url": live_server.url, "ids": ids}
    forget_indexes()
    use_normalizer(None)


def _path(name: str, pattern: URLPattern, ids: dict) -> str | None:
    kwargs = {}
    for key in pattern.pattern.converters:
        if key in ids:
            kwargs[key] = ids[key]
        elif key == "pk" and any(name.startswith(prefix) for prefix in ids):
            kwargs[key] = next(v for prefix, v in ids.items() if name.startswith(prefix))
        else:
            return None  # an id this world has no record for (interviews are made by the timetable)
    return reverse(name, kwargs=kwargs)


def test_no_staff_page_is_wider_than_a_phone(chromium, world):
    context = chromium.new_context(viewport=PHONE, locale="ko-KR")
    page = context.new_page()
    page.set_default_timeout(20_000)
    login(page, world["url"], "manager")
    checked, too_wide = [], []
    for name, pattern in _routes():
        path = None if name.startswith(SKIP) else _path(name, pattern, world["ids"])
        if path is None:
            continue
        probe = page.request.get(world["url"] + path)
        if (
            probe.status != 200
            or "text/html" not in probe.headers.get("content-type", "")
            or "<html" not in probe.text()
        ):
            continue  # POST-only actions, downloads, images and HTMX fragments are not pages
        page.goto(world["url"] + path)
        page.wait_for_load_state("networkidle")
        width = page.evaluate("document.documentElement.scrollWidth")
        checked.append(name)
        if width > PHONE["width"]:
            too_wide.append((name, width))
    context.close()
    assert too_wide == []
    assert {"seekers:detail", "discovery:plan", "events:detail", "reports:dashboard", "home"} <= set(checked)


def test_a_discovery_member_on_a_phone_opens_the_menu_and_reaches_job_discovery(chromium, world):
    context = chromium.new_context(viewport=PHONE, locale="ko-KR")
    page = context.new_page()
    login(page, world["url"], "finder")
    menu_button = page.get_by_role("button", name="메뉴")
    expect(menu_button).to_be_visible()
    nav = page.get_by_role("navigation", name="주 메뉴")
    expect(nav).to_be_hidden()
    menu_button.click()
    expect(menu_button).to_have_attribute("aria-expanded", "true")
    expect(nav.get_by_role("link", name="일자리 발굴")).to_be_visible()
    shot(page, "menu-open-phone")
    page.keyboard.press("Escape")
    expect(nav).to_be_hidden()
    # The home page itself also offers the way there, menu or not.
    page.get_by_role("main").get_by_role("link", name="일자리 발굴").click()
    expect(page).to_have_url(f"{world['url']}/discovery/")
    context.close()


def test_the_discovery_plan_draws_the_route_on_the_map_on_a_phone(chromium, world):
    context = chromium.new_context(viewport=PHONE, locale="ko-KR")
    page = context.new_page()
    login(page, world["url"], "manager")
    page.goto(f"{world['url']}/discovery/plan/?all=1")
    page.locator("input[name=stop]").first.check()
    page.get_by_role("button", name="방문 순서 만들기").click()
    expect(page.get_by_role("heading", name="방문 순서")).to_be_visible()
    markers = page.locator(".chart svg polyline")
    expect(markers).to_have_count(1)
    expect(page.locator(".chart svg circle")).to_have_count(2)  # the start (0) and the one visit (1)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shot(page, "discovery-plan-route-phone")
    context.close()
