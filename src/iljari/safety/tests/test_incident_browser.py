"""An abusive contact in a real browser (Debian's chromium): recorded from the seeker's page on a phone,
answered by the desk lead, and the measure seen by a colleague who cannot read what happened.
Screenshots go to ``test-artifacts/screenshots/incident-*.png``."""

from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from iljari.accounts.models import User
from iljari.conftest import _staff
from iljari.front.setup import reference_load_all
from iljari.reference.models import Dong
from iljari.safety.models import Incident
from iljari.seekers.services import SeekerInput, seeker_create
from iljari.testing.browser import login, shot

pytestmark = pytest.mark.browser
WHAT = "창구에서 30분 동안 큰소리로 욕설을 반복함"


@pytest.fixture
def desk(transactional_db, live_server):
    reference_load_all(city_folder=Path(settings.ILJARI_CITY_DIR))
    wadong = Dong.objects.get(name="와동")
    desk = wadong.desks.get()
    staff = {
        "kim": _staff("kim", User.Role.COUNSELOR, desk),
        "park": _staff("park", User.Role.COUNSELOR, desk),
        "lead": _staff("lead", User.Role.DESK_LEAD, desk),
    }
    seeker = seeker_create(
        data=SeekerInput(
            desk=desk, name="오민원", birth_date=date(1975, 3, 3), phone="010-4000-5000", home_dong=wadong
        ),
        actor=staff["kim"],
    )
    return {"url": live_server.url, "seeker": seeker}


def test_an_incident_from_record_to_escalation_to_measure(chromium, desk):
    base, seeker = desk["url"], desk["seeker"]
    phone = chromium.new_context(viewport={"width": 390, "height": 844}, locale="ko-KR", is_mobile=True)
    page = phone.new_page()
    page.set_default_timeout(20_000)
    login(page, base, "kim")
    page.goto(f"{base}/seekers/{seeker.pk}/")
    page.get_by_role("link", name="악성 민원 기록").click()
    page.get_by_label("폭언").check()
    page.get_by_label("창구 방문").check()
    page.get_by_label("있었던 일").fill(WHAT)
    page.get_by_label("2인 응대").check()
    shot(page, "incident-1-record-390")
    page.get_by_role("button", name="기록하고 책임자에게 알리기").click()
    expect(page.get_by_text(WHAT)).to_be_visible()
    shot(page, "incident-2-recorded-390")
    incident = Incident.objects.get()
    assert incident.reporter.username == "kim" and incident.status == Incident.Status.REPORTED
    phone.close()

    office = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="ko-KR")
    page = office.new_page()
    page.set_default_timeout(20_000)
    login(page, base, "lead")
    page.goto(f"{base}/safety/incidents/{incident.pk}/")
    page.get_by_label("조치 내용").fill("다음 방문부터 2인 응대하고 녹음을 고지합니다.")
    page.get_by_role("button", name="조치 기록").click()
    shot(page, "incident-3-lead-responded")
    incident.refresh_from_db()
    assert incident.status != Incident.Status.REPORTED and incident.responded_by.username == "lead"
    office.close()

    colleague = chromium.new_context(viewport={"width": 390, "height": 844}, locale="ko-KR", is_mobile=True)
    page = colleague.new_page()
    page.set_default_timeout(20_000)
    login(page, base, "park")
    page.goto(f"{base}/seekers/{seeker.pk}/")
    expect(page.get_by_role("heading", name="보호 조치")).to_be_visible()
    expect(page.get_by_text("2인 응대")).to_be_visible()
    assert WHAT not in page.content()  # the measure, never what happened
    shot(page, "incident-4-measure-seen-by-colleague-390")
    assert page.goto(f"{base}/safety/incidents/{incident.pk}/").status in (403, 404)
    colleague.close()
