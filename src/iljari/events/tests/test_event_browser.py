"""The event day in a real browser at phone width: a QR ticket read by Chromium's (fake) camera,
a typed ticket code, a booth's result tap, and a seeker registering from the poster on a phone.

The camera is Chromium's fake capture device playing a video of the seeker's real ticket QR code,
so the whole path runs: getUserMedia → canvas frame → POST → zxing-cpp → check-in → verdict.
"""

import io
import re
from pathlib import Path

import pytest
import segno
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from PIL import Image
from playwright.sync_api import expect

from iljari.accounts.models import Desk
from iljari.conftest import TEST_KECO
from iljari.events.models import Interview, Registration
from iljari.events.services import registration_create
from iljari.events.timetable import schedule_build
from iljari.front.setup import reference_load_all
from iljari.matching.catalogue import OccupationNormalizer, use_normalizer
from iljari.matching.indexes import forget_indexes
from iljari.reference.models import Occupation
from iljari.referrals.models import Placement
from iljari.seekers.models import Seeker
from iljari.testing.browser import CHROMIUM_FLAGS, login, serious_violations, shot

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def live_reference(transactional_db, live_server):
    """The reference data again: a live-server test's database is emptied after each test."""
    reference_load_all(city_folder=Path(settings.ILJARI_CITY_DIR))
    return live_server


@pytest.fixture
def desk(live_reference) -> Desk:
    return Desk.objects.get(name="와동 행정복지센터")


@pytest.fixture
def matching(live_reference):
    use_normalizer(OccupationNormalizer(list(Occupation.objects.filter(keco_code__in=TEST_KECO).order_by("pk"))))
    forget_indexes()
    yield
    forget_indexes()
    use_normalizer(None)


@pytest.fixture
def day(live_server, event, booths, make_seeker, counselor, manager):
    """Today's event with two registered seekers and a built timetable, served live."""
    people = [make_seeker(desired_job_text="용접 일"), make_seeker(desired_job_text="포장 작업")]
    regs = [
        registration_create(event=event, seeker=s, source=Registration.Source.COUNSELOR, actor=counselor)
        for s in people
    ]
    schedule_build(event=event, actor=manager, time_limit=5)
    return {"url": live_server.url, "event": event, "regs": regs, "booths": booths}


def _ticket_video(text: str, path: Path) -> Path:
    """A few seconds of 640×480 Y4M video showing a QR code, for Chromium's fake camera."""
    buffer = io.BytesIO()
    segno.make(text, error="m", micro=False).save(buffer, kind="png", scale=8, border=4)
    qr = Image.open(buffer).convert("L")
    frame = Image.new("L", (640, 480), 255)
    frame.paste(qr, ((640 - qr.width) // 2, (480 - qr.height) // 2))
    chroma = bytes([128]) * (320 * 240)
    one = b"FRAME\n" + frame.tobytes() + chroma + chroma
    path.write_bytes(b"YUV4MPEG2 W640 H480 F10:1 Ip A1:1 C420jpeg\n" + one * 20)
    return path


def _phone(browser, base: str, username: str):
    context = browser.new_context(viewport=PHONE, locale="ko-KR", is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(20_000)
    login(page, base, username)
    return page


@pytest.fixture
def camera_browser(day, tmp_path, playwright_driver):
    """Chromium whose camera shows the first seeker's ticket; camera permission granted."""
    ticket = day["regs"][0].ticket
    video = _ticket_video(f"{day['url']}/e/t/{ticket}/", tmp_path / "ticket.y4m")
    flags = [
        *CHROMIUM_FLAGS,
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-video-capture={video}",
    ]
    browser = playwright_driver.chromium.launch(executable_path="/usr/bin/chromium", args=flags)
    yield browser
    browser.close()


def test_staff_phone_camera_reads_a_qr_ticket_and_checks_the_seeker_in(day, camera_browser):
    page = _phone(camera_browser, day["url"], "counselor1")
    page.context.grant_permissions(["camera"], origin=day["url"])
    page.goto(f"{day['url']}/events/{day['event'].pk}/checkin/")
    page.get_by_role("button", name="카메라 켜기").click()
    expect(page.get_by_role("button", name="카메라 켜기")).to_be_hidden()
    verdict = page.locator("#checkin-result .verdict")
    expect(verdict).to_contain_text("입장 확인되었습니다", timeout=30_000)
    registration = day["regs"][0]
    expect(verdict).to_contain_text(registration.ticket)
    interview = Interview.objects.filter(registration=registration).order_by("starts_at").first()
    expect(verdict).to_contain_text(interview.starts_at.astimezone().strftime("%H:%M"))
    registration.refresh_from_db()
    assert registration.checked_in_at is not None
    assert Registration.objects.get(pk=day["regs"][1].pk).checked_in_at is None
    shot(page, "event-checkin-camera-phone")
    page.context.close()


def test_typed_ticket_code_checks_in_once_and_a_wrong_code_is_explained(day, chromium):
    page = _phone(chromium, day["url"], "counselor1")
    page.goto(f"{day['url']}/events/{day['event'].pk}/checkin/")
    code = day["regs"][1].ticket
    page.get_by_label("참가권 번호").fill(f"{code[:5].lower()}-{code[5:].lower()}")
    page.get_by_role("button", name="입장", exact=True).click()
    expect(page.locator("#checkin-result")).to_contain_text("입장 확인되었습니다")
    page.get_by_label("참가권 번호").fill(code)
    page.get_by_role("button", name="입장", exact=True).click()
    expect(page.locator("#checkin-result")).to_contain_text("이미 입장한 참가권입니다")
    page.get_by_label("참가권 번호").fill("ZZZZZZZZZZ")
    page.get_by_role("button", name="입장", exact=True).click()
    expect(page.locator("#checkin-result")).to_contain_text("확인할 수 없습니다")
    shot(page, "event-checkin-typed-phone")
    page.context.close()


def test_booth_taps_pass_on_a_phone_and_the_hire_is_recorded(day, chromium):
    welder = day["regs"][0]
    interview = Interview.objects.filter(registration=welder).order_by("starts_at").first()
    page = _phone(chromium, day["url"], "counselor1")
    page.goto(f"{day['url']}/events/{day['event'].pk}/booths/{interview.booth_id}/")
    card = page.locator(f"#i{interview.pk}")
    card.get_by_role("button", name="합격", exact=True).click()
    expect(page.locator(f"#i{interview.pk}")).to_contain_text("합격")
    expect(page.locator(f"#i{interview.pk}").get_by_role("button", name="합격", exact=True)).to_have_count(0)
    assert Placement.objects.filter(referral__seeker=welder.seeker, referral__vacancy=interview.vacancy).exists()
    shot(page, "event-booth-phone")
    page.context.close()


def test_seeker_registers_from_the_poster_on_a_phone_and_gets_a_ticket(day, chromium, sms_outbox):
    context = chromium.new_context(viewport=PHONE, locale="ko-KR", is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{day['url']}/e/{day['event'].public_code}/")
    page.get_by_label("성명", exact=True).fill("누리안")
    page.get_by_label("생년월일", exact=True).fill("1994-05-06")
    page.get_by_label("휴대전화", exact=True).fill("010-7777-2026")
    page.get_by_label("희망 직종", exact=True).fill("포장")
    page.get_by_role("button", name="신청하기").click()
    expect(page.locator("#errors-consent")).to_contain_text("동의해 주셔야")  # nothing saved without consent
    expect(page.get_by_label("성명", exact=True)).to_have_value("누리안")  # and nothing typed is lost
    assert not Registration.objects.filter(source=Registration.Source.SELF).exists()
    page.get_by_label("[필수]", exact=False).check()
    page.get_by_role("button", name="신청하기").click()
    expect(page.get_by_role("heading", name="휴대전화 인증")).to_be_visible()
    assert not Registration.objects.filter(source=Registration.Source.SELF).exists()  # not before the code
    shot(page, "event-self-register-code-phone")
    code = re.search(r"(?<!\d)(\d{6})(?!\d)", sms_outbox()[-1]["text"]).group(1)
    page.get_by_label("인증번호", exact=True).fill(code)
    page.get_by_role("button", name="확인하고 신청하기").click()
    expect(page.locator("svg title")).to_have_text("참가권 QR 코드")
    registration = Registration.objects.get(seeker__in=Seeker.objects.filter(desired_job_text="포장"))
    expect(page.locator("body")).to_contain_text(registration.ticket)
    assert registration.source == Registration.Source.SELF
    shot(page, "event-self-register-ticket-phone")
    axe = Axe()
    problems = serious_violations(axe, page, "/e/t/")
    page.goto(f"{day['url']}/e/{day['event'].public_code}/")
    problems += serious_violations(axe, page, "/e/")
    context.close()
    assert problems == []


EVENT_PAGES = ["", "registrations/", "timetable/", "checkin/", "day/", "report/", "poster/", "booths/{booth}/"]


def test_event_pages_have_no_serious_accessibility_violations(day, chromium):
    booth = next(iter(day["booths"].values()))
    axe = Axe()
    problems = []
    for viewport in ({"width": 1280, "height": 900}, PHONE):
        context = chromium.new_context(viewport=viewport, locale="ko-KR")
        page = context.new_page()
        login(page, day["url"], "manager1")
        for path in ["/events/", *(f"/events/{day['event'].pk}/{p}" for p in EVENT_PAGES)]:
            page.goto(day["url"] + path.format(booth=booth.pk))
            problems += serious_violations(axe, page, path)
        with page.expect_download() as download:
            page.goto(f"{day['url']}/events/{day['event'].pk}/report/")
            page.get_by_role("link", name="엑셀 내려받기").click()
        assert download.value.suggested_filename.endswith(".xlsx")
        context.close()
    assert problems == []
