"""A counselor corrects a wrong hire on a phone: the form fits the screen, the placement is withdrawn in
front of them, and the referral's history says who corrected it and why."""

from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from iljari.accounts.models import Desk
from iljari.front.setup import reference_load_all
from iljari.referrals.models import Placement, Referral
from iljari.referrals.services import referral_create, referral_record_outcome, referral_schedule_interview
from iljari.testing.browser import login, shot

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def live_reference(transactional_db, live_server):
    reference_load_all(city_folder=Path(settings.ILJARI_CITY_DIR))
    return live_server


@pytest.fixture
def desk(live_reference) -> Desk:
    return Desk.objects.get(name="와동 행정복지센터")


def test_a_wrong_hire_is_corrected_on_a_phone(live_reference, make_seeker, make_vacancy, counselor, chromium):
    seeker = make_seeker()
    referral = referral_create(seeker=seeker, vacancy=make_vacancy(openings=1), counselor=counselor)
    referral_schedule_interview(referral=referral, at=referral.referred_at, actor=counselor)
    referral_record_outcome(referral=referral, hired=True, actor=counselor)

    context = chromium.new_context(viewport=PHONE, locale="ko-KR", is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(20_000)
    login(page, live_reference.url, "counselor1")
    page.goto(f"{live_reference.url}/seekers/{seeker.pk}/")
    page.get_by_text("결과 정정").click()
    page.get_by_label("바른 결과").select_option("not_hired")
    page.get_by_label("불채용·취소 사유").select_option("wage")
    page.get_by_label("정정 사유").fill("업체가 결과를 잘못 알려 줌")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shot(page, "referral-correction-form-390")
    page.get_by_role("button", name="정정", exact=True).click()

    expect(page.get_by_text("결과를 정정했습니다")).to_be_visible()
    expect(page.get_by_text("업체가 결과를 잘못 알려 줌").first).to_be_attached()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shot(page, "referral-corrected-390")
    assert Referral.objects.get(pk=referral.pk).status == "not_hired"
    assert not Placement.objects.filter(seeker=seeker).exists()
    assert Placement.every.get(referral=referral).withdrawn_reason.endswith("업체가 결과를 잘못 알려 줌")
    context.close()
