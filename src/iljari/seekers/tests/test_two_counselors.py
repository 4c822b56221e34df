"""Two counselors edit one seeker at the same time, in two real browsers (Debian's chromium).

The second save is refused with what the first changed; the second counselor's typing stays in the
form, nothing the first saved is overwritten, and saving again after reading keeps both. Screenshots
of the edit page with its history go to ``test-artifacts/screenshots/``.
"""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from playwright.sync_api import Page, expect

from iljari.accounts.models import User
from iljari.conftest import _staff
from iljari.front.setup import reference_load_all
from iljari.privacy.history import record_history
from iljari.reference.models import Dong
from iljari.seekers.models import Seeker
from iljari.seekers.services import SeekerInput, seeker_create
from iljari.testing.browser import login, serious_violations, shot

pytestmark = pytest.mark.browser


@pytest.fixture
def desk_with_two_counselors(transactional_db, live_server):
    reference_load_all(city_folder=Path(settings.ILJARI_CITY_DIR))
    wadong = Dong.objects.get(name="와동")
    first = _staff("kim", User.Role.COUNSELOR, wadong.desks.get())
    second = _staff("lee", User.Role.COUNSELOR, wadong.desks.get())
    seeker = seeker_create(
        data=SeekerInput(
            desk=wadong.desks.get(),
            name="정새봄",
            birth_date=date(1990, 4, 12),
            phone="010-2000-3000",
            home_dong=wadong,
            desired_job_text="포장",
            reservation_wage=2_500_000,
        ),
        actor=first,
    )
    return {"url": live_server.url, "seeker": seeker, "first": first, "second": second}


@contextmanager
def _panels_answered(page: Page) -> Iterator[None]:
    """Wait until the seeker page's panels (loaded after it) have been answered: a request the server is
    still working on when the test ends would share the live server's database with the next test."""
    with (
        page.expect_response(re.compile(r"/recommendations/$"), timeout=120_000),  # builds the index on a cold start
        page.expect_response(re.compile(r"/programs/$"), timeout=120_000),
    ):
        yield


def test_two_counselors_edit_one_seeker_and_the_second_save_is_refused_with_what_the_first_changed(
    chromium, desk_with_two_counselors
):
    base, seeker = desk_with_two_counselors["url"], desk_with_two_counselors["seeker"]
    edit = f"{base}/seekers/{seeker.pk}/edit/"
    kim_context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="ko-KR")
    lee_context = chromium.new_context(viewport={"width": 390, "height": 844}, locale="ko-KR", is_mobile=True)
    kim, lee = kim_context.new_page(), lee_context.new_page()
    for page in (kim, lee):
        page.set_default_timeout(20_000)
    try:
        login(kim, base, "kim")
        login(lee, base, "lee")
        kim.goto(edit)
        lee.goto(edit)  # both opened version 1

        kim.get_by_label("휴대전화").fill("010-12")
        expect(kim.locator("#errors-phone")).to_contain_text("010-1234-5678 형식")  # validated as typed
        kim.get_by_label("휴대전화").fill("010-2000-9999")
        expect(kim.locator("#errors-phone")).to_be_empty()
        kim.get_by_label("희망임금(월, 원)").fill("280만")
        with _panels_answered(kim):
            kim.get_by_role("button", name="저장", exact=True).click()
        expect(kim.get_by_text("수정한 내용을 저장했습니다.")).to_be_visible()

        lee.get_by_label("희망임금(월, 원)").fill("300만")
        lee.get_by_label("희망직종").fill("지게차 운전")
        lee.get_by_role("button", name="저장", exact=True).click()

        notice = lee.get_by_role("alert").filter(has_text="먼저")
        expect(notice).to_contain_text("kim님이 먼저 이 기록을 수정했습니다")
        expect(notice).to_contain_text("희망임금(월, 원): 2,500,000 → 2,800,000")
        expect(notice).to_contain_text("휴대전화: 변경됨")
        expect(notice).not_to_contain_text("010-2000-3000")  # a personal field's old value is never shown
        # What lee typed stays; what lee did not touch shows kim's save.
        expect(lee.get_by_label("희망임금(월, 원)")).to_have_value("300만")
        expect(lee.locator("#errors-reservation_wage")).to_contain_text(
            "kim님이 이 항목을 '2,800,000'(으)로 바꾸었습니다"
        )
        expect(lee.get_by_label("희망직종")).to_have_value("지게차 운전")
        expect(lee.get_by_label("휴대전화")).to_have_value("010-2000-9999")
        assert lee.evaluate("document.documentElement.scrollWidth") <= 390
        shot(lee, "seeker-edit-conflict-phone")
        now = Seeker.objects.get(pk=seeker.pk)
        assert (now.phone, now.reservation_wage, now.desired_job_text, now.version) == (
            "010-2000-9999",
            2_800_000,
            "포장",
            2,
        )  # nothing of kim's overwritten, nothing of lee's saved yet

        with _panels_answered(lee):
            lee.get_by_role("button", name="저장", exact=True).click()  # having read it, lee saves again
        expect(lee.get_by_text("수정한 내용을 저장했습니다.")).to_be_visible()
        now = Seeker.objects.get(pk=seeker.pk)
        assert (now.phone, now.reservation_wage, now.desired_job_text, now.version) == (
            "010-2000-9999",
            3_000_000,
            "지게차 운전",
            3,
        )
        assert [e.by for e in record_history(record=now)] == ["lee", "kim"]

        for page, name in ((kim, "seeker-edit-history-desktop"), (lee, "seeker-edit-history-phone")):
            page.goto(edit)
            history = page.get_by_role("region", name="수정 이력")
            expect(history).to_contain_text("2,800,000 → 3,000,000")
            expect(history).to_contain_text("포장 → 지게차 운전")
            expect(history).to_contain_text("휴대전화: 변경됨")
            assert serious_violations(Axe(), page, "/seekers/edit/") == []
            shot(page, name)
    finally:
        kim_context.close()
        lee_context.close()
