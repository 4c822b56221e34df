"""A Vietnamese job seeker on a phone, in a real browser (Debian's chromium through Playwright): signs
in with the code the SMS backend received, registers with consent, sees vacancies that fit with the
reasons in Vietnamese, and asks for a referral. Each page at 390 px: no axe violation of any impact,
no horizontal scrolling. Screenshots go to test-artifacts/screenshots/portal-*.png."""

import re
from datetime import datetime, time, timedelta
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import Page, expect

from iljari.conftest import TEST_KECO
from iljari.employers.services import EmployerInput, employers_create
from iljari.front.setup import reference_load_all
from iljari.matching.catalogue import OccupationNormalizer, use_normalizer
from iljari.matching.indexes import forget_indexes
from iljari.portal.models import PortalRequest
from iljari.reference.models import Dong, Occupation
from iljari.seekers.models import Seeker
from iljari.testing.browser import shot
from iljari.vacancies.services import VacancyInput, vacancies_create

pytestmark = pytest.mark.browser


@pytest.fixture
def city(transactional_db, live_server):
    reference_load_all(city_folder=Path(settings.ILJARI_CITY_DIR))
    use_normalizer(OccupationNormalizer(list(Occupation.objects.filter(keco_code__in=TEST_KECO).order_by("pk"))))
    forget_indexes()
    [employer] = employers_create(
        inputs=[EmployerInput(name="세원테크", dong=Dong.objects.get(name="원곡동"))], actor="t"
    )
    vacancies_create(
        inputs=[
            VacancyInput(
                employer=employer,
                title="CO2 용접공",
                occupation=Occupation.objects.get(title="이산화탄소가스아크용접원"),
                wage_type="monthly",
                wage_amount=2_900_000,
                hours_start=time(8, 30),
                hours_end=time(17, 30),
                weekly_hours=40,
                dong=Dong.objects.get(name="원곡동"),
                benefits=["dormitory", "meals"],
            )
        ],
        actor="t",
    )
    yield live_server.url
    forget_indexes()
    use_normalizer(None)


def _checked(page: Page, axe: Axe, name: str, found: list[str]) -> None:
    """Axe on the page as shown (every impact), the width at 390 px, and a screenshot."""
    found += [f"{name}: {v['id']} ({v['impact']}) {v['help']}" for v in axe.run(page).response["violations"]]
    wide = page.evaluate("document.documentElement.scrollWidth")
    if wide > 390:
        found.append(f"{name}: {wide}px wide at 390px")
    shot(page, f"portal-390-{name}")


def test_a_vietnamese_seeker_signs_in_on_a_phone_and_sees_matches(city, chromium, sms_outbox):
    context = chromium.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN")
    page = context.new_page()
    axe, problems = Axe(), []
    page.goto(f"{city}/")  # the center's address: a visitor is sent to the portal in their phone's language
    expect(page).to_have_url(f"{city}/vi/")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    _checked(page, axe, "vi-home", problems)
    page.get_by_role("link", name=re.compile("Người tìm việc")).click()

    page.get_by_label("Số điện thoại di động").fill("010-2345-6789")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status").filter(has_text="010-****-6789")).to_be_visible()
    _checked(page, axe, "vi-code", problems)
    code = re.search(r"(?<!\d)(\d{6})(?!\d)", sms_outbox()[-1]["text"]).group(1)
    page.get_by_label("Mã xác minh 6 chữ số").fill(code)
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", name="Đăng ký tìm việc")).to_be_visible()
    page.get_by_label("Họ và tên").fill("Nguyễn Văn An")
    page.get_by_label("Ngày sinh").fill("1990-05-01")
    page.get_by_label("Phường nơi bạn sống (dong)").select_option(label="원곡동")
    page.get_by_label("Bạn đang tìm công việc gì?").fill("용접")
    page.get_by_role("button", name="Đăng ký").click()
    expect(page.get_by_text("Bạn cần đồng ý mục giới thiệu việc làm")).to_be_visible()  # consent first
    expect(page.get_by_label("Họ và tên")).to_have_value("Nguyễn Văn An")  # nothing typed is lost
    _checked(page, axe, "vi-welcome-error", problems)
    page.get_by_label(re.compile("Tôi đồng ý thu thập")).check()
    page.get_by_role("button", name="Đăng ký").click()

    expect(page.get_by_role("heading", name="Hồ sơ tìm việc của tôi")).to_be_visible()
    _checked(page, axe, "vi-profile", problems)
    page.get_by_role("link", name="Tìm việc của tôi").click()
    card = page.locator("article.vacancy-card").first
    expect(card).to_contain_text("Lý do phù hợp")
    expect(card).to_contain_text("2,900,000 won/tháng")
    expect(card.locator('[lang="ko"]').first).to_be_visible()
    _checked(page, axe, "vi-matches", problems)

    page.get_by_role("link", name="Xin giới thiệu việc làm").first.click()
    page.get_by_label("Lời nhắn cho tư vấn viên (không bắt buộc)").fill("Tôi có thể bắt đầu tuần sau.")
    page.get_by_role("button", name="Gửi yêu cầu").click()
    expect(page.get_by_role("status").filter(has_text="Đã gửi yêu cầu giới thiệu")).to_be_visible()
    expect(page.locator('.steps [aria-current="step"]')).to_have_text("Đã đăng ký")
    _checked(page, axe, "vi-applied", problems)

    # The counselor refers them from 오늘의 업무 and sets the interview; the seeker follows it.
    from iljari.accounts.models import User
    from iljari.conftest import _staff
    from iljari.portal.services import request_decide
    from iljari.referrals.services import referral_schedule_interview

    request = PortalRequest.objects.get()
    staff = _staff("wongok-desk", User.Role.COUNSELOR, request.desk)
    referral = request_decide(request=request, user=staff, accept=True).referral
    page.reload()
    expect(page.locator('.steps [aria-current="step"]')).to_have_text("Giới thiệu")
    _checked(page, axe, "vi-referred", problems)
    at = timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(days=2), time(14, 0)))
    referral_schedule_interview(referral=referral, at=at, actor=staff)
    page.reload()
    expect(page.get_by_text(re.compile(f"{at:%Y-%m-%d} 14:00"))).to_be_visible()
    _checked(page, axe, "vi-interview", problems)
    assert "Lịch phỏng vấn của bạn" in sms_outbox()[-1]["text"]
    context.close()

    [seeker] = Seeker.objects.all()
    assert seeker.name == "Nguyễn Văn An"
    assert PortalRequest.objects.get(seeker=seeker).message == "Tôi có thể bắt đầu tuần sau."
    assert problems == []


def test_a_company_posts_a_vacancy_on_a_phone_and_a_counselor_confirms_it(city, chromium, sms_outbox):
    from iljari.accounts.models import User
    from iljari.conftest import _staff
    from iljari.testing.browser import login

    phone = chromium.new_context(viewport={"width": 390, "height": 844}, locale="en-US")
    page = phone.new_page()
    axe, problems = Axe(), []
    page.goto(f"{city}/en/company/signin/")
    page.get_by_label("Business registration number").fill("220-81-62517")
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("heading", name="Register your company")).to_be_visible()
    page.get_by_label("Company name").fill("Hanbit Precision")
    page.get_by_label("Name of the person hiring").fill("Lee")
    page.get_by_label("Mobile number for the code").fill("010-3456-7890")
    page.get_by_role("button", name="Get a code").click()
    code = re.search(r"(?<!\d)(\d{6})(?!\d)", sms_outbox()[-1]["text"]).group(1)
    page.get_by_label("6-digit code").fill(code)
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_text("A counselor is checking your company")).to_be_visible()
    _checked(page, axe, "en-company-home", problems)
    page.get_by_role("link", name="Post a vacancy").click()
    page.get_by_label("Job to fill").fill("사출 생산직")
    page.get_by_label("Wage (won)").fill("1500000")
    page.get_by_label("Hours a week").fill("40")
    page.get_by_role("button", name="Send").click()
    expect(page.locator(".error").filter(has_text="Below the minimum wage: about")).to_be_visible()
    expect(page.get_by_label("Job to fill")).to_have_value("사출 생산직")
    _checked(page, axe, "en-company-vacancy-error", problems)
    page.get_by_label("Wage (won)").fill("2500000")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("Being checked by a counselor")).to_be_visible()

    desk = PortalRequest.objects.get(kind="company").desk
    _staff("wongok", User.Role.COUNSELOR, desk)
    staff = chromium.new_context(viewport={"width": 1280, "height": 900})
    counselor = staff.new_page()
    login(counselor, city, "wongok")
    counselor.goto(f"{city}/portal-requests/")
    shot(counselor, "portal-staff-requests")
    counselor.get_by_role("button", name="회사 확인").click()
    counselor.get_by_role("button", name="게시").click()
    expect(counselor.get_by_text("처리할 포털 요청이 없습니다.")).to_be_visible()
    staff.close()

    page.reload()
    expect(page.locator("article.card")).to_contain_text("Open")
    _checked(page, axe, "en-company-published", problems)
    phone.close()
    assert problems == []


def test_an_uzbek_seeker_builds_a_profile_from_uzbek_words(city, chromium, sms_outbox):
    context = chromium.new_context(viewport={"width": 390, "height": 844}, locale="uz-UZ")
    page = context.new_page()
    axe, problems = Axe(), []
    page.goto(f"{city}/uz/signin/")
    page.locator("input[name=phone]").fill("010-4567-8901")
    page.keyboard.press("Enter")
    expect(page.locator("input[name=otp]")).to_be_visible()
    page.locator("input[name=otp]").fill(re.search(r"(?<!\d)(\d{6})(?!\d)", sms_outbox()[-1]["text"]).group(1))
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("/uz/welcome/$"))
    page.locator("input[name=name]").fill("Dilnoza Karimova")
    page.locator("input[name=birth_date]").fill("1985-03-12")
    page.locator("select[name=home_dong]").select_option(label="원곡동")
    page.locator("input[name=desired_job_text]").fill("qariyalarga g'amxo'rlik")
    page.locator("input[name=consent]").check()
    page.locator("main button[type=submit]").click()
    expect(page.locator("html")).to_have_attribute("lang", "uz")
    guesses = page.locator("fieldset").filter(has=page.locator("input[name=occupation]"))
    expect(guesses.locator("label").first).to_contain_text("요양")  # a Korean care occupation, named in Uzbek too
    _checked(page, axe, "uz-profile-guesses", problems)
    page.locator("main button[type=submit]").click()
    if page.url.endswith("/profile/"):  # a newcomer chooses Korean level and 체류자격: nothing is preselected
        page.locator("input[name=korean_level]").first.check()
        page.locator("select[name=visa_type]").select_option("citizen")
        page.locator("main button[type=submit]").click()
    expect(page).to_have_url(re.compile("/uz/me/$"))
    page.goto(f"{city}/uz/me/profile/")
    _checked(page, axe, "uz-profile", problems)
    context.close()
    seeker = Seeker.objects.get()
    assert seeker.name == "Dilnoza Karimova"
    assert seeker.desired_job_text == "qariyalarga g'amxo'rlik" and seeker.preferred_language == "uz"
    assert "요양" in seeker.desired_occupations.get().title
    assert problems == []
