"""The visit form on a phone in a real browser: the note read as it is typed, and a visit sent
while the connection is down kept on the phone and sent once when it comes back."""

from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from iljari.accounts.models import Desk, User
from iljari.conftest import _staff
from iljari.discovery.models import Visit
from iljari.employers.services import EmployerInput, employers_create
from iljari.front.setup import reference_load_all
from iljari.reference.models import Dong
from iljari.testing.browser import login, serious_violations, shot

pytestmark = pytest.mark.browser


@pytest.fixture
def field(transactional_db, live_server):
    reference_load_all(city_folder=Path(settings.ILJARI_CITY_DIR))
    _staff("finder", User.Role.DISCOVERY, Desk.objects.get(name="와동 행정복지센터"))
    company = employers_create(
        inputs=[EmployerInput(name="(주)한빛정밀", dong=Dong.objects.get(name="초지동"))], actor="t"
    )[0]
    return {"url": live_server.url, "company": company}


def test_visit_form_on_a_phone_finds_the_company_nearby_reads_the_note_and_survives_a_dropped_connection(
    chromium, field
):
    from axe_playwright_python.sync_playwright import Axe

    chojidong = Dong.objects.get(name="초지동")
    context = chromium.new_context(
        viewport={"width": 390, "height": 844},
        locale="ko-KR",
        is_mobile=True,
        geolocation={"latitude": chojidong.lat + 0.001, "longitude": chojidong.lon - 0.001},
        permissions=["geolocation"],
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    login(page, field["url"], "finder")
    page.goto(f"{field['url']}/discovery/")
    page.get_by_role("button", name="내 위치의 동으로").click()  # standing in 초지동
    expect(page.locator("#near-status")).to_contain_text("초지동")
    expect(page.locator("#companies")).to_contain_text("(주)한빛정밀")
    # On a slow phone the note is typed before htmx has loaded: hold htmx back until it is.
    held = []
    page.route("**/django_htmx/htmx*.js", lambda route: held.append(route))
    page.get_by_role("link", name="방문 기록").click()
    page.get_by_label("만난 사람").fill("김 과장")
    page.get_by_label("채용 계획").select_option(label="지금 채용 중")
    page.get_by_label("현장 메모").fill("사출 2명 주간 8-17 월 230 기숙사O E-9 가능 40세 이하")
    draft = page.locator("#draft")
    expect(draft).to_have_text("")
    assert held, "htmx was not requested"  # the driver reported the request before the fill returned
    for route in held:
        route.continue_()
    page.unroute("**/django_htmx/htmx*.js")
    expect(draft).to_contain_text("사출성형기조작원 (8522)")
    expect(draft).to_contain_text("“월 230”")
    expect(draft).to_contain_text("연령차별금지")
    shot(page, "discovery-visit-phone")
    problems = serious_violations(Axe(), page, "/discovery/visits/new/")

    context.set_offline(True)
    page.get_by_role("button", name="방문 저장").click()
    expect(page.locator("#queue-status")).to_contain_text("연결되면 자동으로 다시 보냅니다")
    assert not Visit.objects.exists()
    shot(page, "discovery-visit-offline-phone")
    context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(page.locator("#queue-status")).to_contain_text("모두 보냈습니다")
    visit = Visit.objects.get()
    assert visit.met_person == "김 과장" and visit.hiring_plan == "now" and "사출 2명" in visit.note
    page.evaluate("window.dispatchEvent(new Event('online'))")  # a second resend changes nothing
    page.reload()
    assert Visit.objects.count() == 1
    context.close()
    assert problems == []


def test_discovery_pages_have_no_serious_accessibility_violations(chromium, field):
    from axe_playwright_python.sync_playwright import Axe

    visit = Visit.objects.create(
        employer=field["company"],
        staff=User.objects.get(username="finder"),
        team="smart_hub",
        visited_on=date(2026, 11, 20),
        note="사출 2명 주간 월 240 남자만",
    )
    pages = [
        "/discovery/?q=한빛",
        f"/discovery/visits/new/?employer={field['company'].pk}",
        f"/discovery/visits/{visit.pk}/vacancy/",
        f"/discovery/plan/?stop={field['company'].pk}",
        "/discovery/duplicates/",
        "/discovery/stats/",
    ]
    axe, problems = Axe(), []
    for width in (1280, 390):
        context = chromium.new_context(viewport={"width": width, "height": 900}, locale="ko-KR")
        page = context.new_page()
        login(page, field["url"], "finder")
        for path in pages:
            page.goto(field["url"] + path)
            problems += serious_violations(axe, page, f"{path} @{width}")
        shot(page, f"discovery-stats-{width}")
        context.close()
    assert problems == []
