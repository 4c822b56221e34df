"""Accessibility in a real browser (Debian's chromium): the whole seeker journey with the keyboard
alone, and every portal page in ko, vi and uz at 390 px and 1280 px with no axe violation of any
impact and no horizontal scrolling at 200 % zoom (a 1280 px screen zoomed to 200 % is 640 CSS px).
The axe table goes to test-artifacts/axe-portal.txt; screenshots to test-artifacts/screenshots/."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from iljari.employers.services import EmployerInput, employers_create
from iljari.employers.validators import business_number_is_valid
from iljari.portal.models import PortalRequest
from iljari.portal.tests.test_portal_browser import city  # noqa: F401  (the fixture)
from iljari.seekers.models import Seeker
from iljari.testing.browser import SHOTS, shot
from iljari.training.tests.conftest import forklift, senior_jobs  # noqa: F401  (the fixtures)
from iljari.vacancies.models import Vacancy
from iljari.vacancies.services import VacancyInput, vacancies_create

pytestmark = pytest.mark.browser
CODE = re.compile(r"(?<!\d)(\d{6})(?!\d)")


def _code(outbox) -> str:
    return CODE.search(outbox()[-1]["text"]).group(1)


def _tab_to(page: Page, test: str, *, limit: int = 80) -> None:
    """Press Tab until the focused element passes ``test`` (a JS expression over ``el``)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return !!({test}); }})()"):
            return
    raise AssertionError(f"Tab never reached {test} on {page.url}")


def _follow(page: Page, key: str = "Enter") -> None:
    """Press ``key`` on what has focus and wait for the page it opens."""
    with page.expect_navigation():
        page.keyboard.press(key)


def _href(end: str) -> str:
    return f"el.getAttribute('href') && el.getAttribute('href').endsWith('{end}')"


def _name(name: str) -> str:
    return f"el.name === '{name}'"


@pytest.fixture
def fair(city, make_event):  # noqa: F811
    return make_event(5)


def test_a_seeker_does_the_whole_journey_with_the_keyboard_alone(city, fair, chromium, sms_outbox):  # noqa: F811
    context = chromium.new_context(viewport={"width": 390, "height": 844}, locale="ko-KR")
    page = context.new_page()
    page.goto(f"{city}/ko/")
    _tab_to(page, "el.tagName === 'SUMMARY'")  # the language picker
    page.keyboard.press("Enter")
    _tab_to(page, "el.getAttribute('hreflang') === 'vi'")
    _follow(page)
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    shot(page, "portal-keyboard-1-vi-home")

    _tab_to(page, _href("/vi/signin/"))
    _follow(page)
    _tab_to(page, _name("phone"))
    page.keyboard.type("010-2345-6789")
    _follow(page)
    expect(page.get_by_role("status").filter(has_text="010-****-6789")).to_be_visible()
    _tab_to(page, _name("otp"))
    page.keyboard.type(_code(sms_outbox))
    _follow(page)

    expect(page.get_by_role("heading", name="Đăng ký tìm việc")).to_be_visible()
    _tab_to(page, _name("name"))
    page.keyboard.type("Nguyễn Văn An")
    _tab_to(page, _name("birth_date"))
    page.keyboard.type("05011990")  # the date field's segments in this chromium's order (mm/dd/yyyy)
    _tab_to(page, _name("home_dong"))
    for _ in range(40):  # a closed select moves one option per arrow key
        if page.evaluate("document.activeElement.selectedOptions[0].text") == "원곡동":
            break
        page.keyboard.press("ArrowDown")
    _tab_to(page, _name("desired_job_text"))
    page.keyboard.type("용접")
    _tab_to(page, _name("consent"))
    page.keyboard.press("Space")
    _tab_to(page, "el.type === 'submit' && el.closest('main')")
    _follow(page)

    shot(page, "portal-keyboard-2-vi-profile")
    expect(page.get_by_role("heading", name="Hồ sơ tìm việc của tôi")).to_be_visible()
    _tab_to(page, _name("korean_level"))  # nothing chosen for a newcomer: Tab enters the group, Space picks
    page.keyboard.press("Space")
    for _ in range(4):  # an arrow moves the choice: the last level, 모국어처럼 합니다
        page.keyboard.press("ArrowDown")
    _tab_to(page, _name("visa_type"))
    for _ in range(40):
        if page.evaluate("document.activeElement.selectedOptions[0].text") == "Tôi là công dân Hàn Quốc":
            break
        page.keyboard.press("ArrowDown")
    _tab_to(page, "el.type === 'submit' && el.closest('main')")
    _follow(page)
    if page.url.endswith("/profile/"):  # the occupations the words were read as, to confirm first
        _tab_to(page, "el.type === 'submit' && el.closest('main')")
        _follow(page)
    expect(page).to_have_url(re.compile(r"/vi/me/$"))

    _tab_to(page, _href("/vi/me/consents/"))
    _follow(page)
    _tab_to(page, "el.name === 'events'")  # the radio group: Tab enters it, an arrow picks, Space confirms
    if page.evaluate("document.activeElement.value") != "yes":
        page.keyboard.press("ArrowUp")
    page.keyboard.press("Space")
    _tab_to(page, "el.type === 'submit' && el.closest('main')")
    _follow(page)
    expect(page.locator("p.message.success")).to_be_visible()

    _tab_to(page, _href("/vi/me/"))
    _follow(page)
    _tab_to(page, "el.getAttribute('href') && el.getAttribute('href').includes('/apply/')")
    _follow(page)
    _tab_to(page, _name("message"))
    page.keyboard.type("Tôi có thể bắt đầu tuần sau.")
    _tab_to(page, "el.type === 'submit' && el.closest('main')")
    _follow(page)
    expect(page.get_by_role("status").filter(has_text="Đã gửi yêu cầu giới thiệu")).to_be_visible()
    expect(page.locator('.steps [aria-current="step"]')).to_have_text("Đã đăng ký")
    shot(page, "portal-keyboard-3-vi-applied")
    context.close()

    seeker = Seeker.objects.get()
    assert seeker.name == "Nguyễn Văn An" and seeker.birth_date.isoformat() == "1990-05-01"
    assert seeker.home_dong.name == "원곡동" and seeker.visa_type is None and seeker.korean_level == 4
    assert PortalRequest.objects.get(seeker=seeker).message == "Tôi có thể bắt đầu tuần sau."


def _business_number(n: int) -> str:
    stem = f"{220816250 + n:09d}"
    return next(stem + str(d) for d in range(10) if business_number_is_valid(stem + str(d)))


def _audit(page: Page, axe: Axe, language: str, name: str, table: list[str], problems: list[str]) -> None:
    """Axe (every impact) at 390 px and 1280 px, and no horizontal scrolling at 640 px (200 % zoom)."""
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        found = axe.run(page).response["violations"]
        table.append(f"{language}\t{name}\t{width}px\t{len(found)}")
        problems += [f"{language} {name} {width}px: {v['id']} ({v['impact']}) {v['help']}" for v in found]
        if width == 390:
            shot(page, f"portal-axe-{language}-{name}")
    page.set_viewport_size({"width": 640, "height": 900})
    wide = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    if wide[0] > wide[1]:
        problems.append(f"{language} {name}: {wide[0]}px wide in a {wide[1]}px window at 200 %")


def test_every_portal_page_in_ko_vi_and_uz_has_no_axe_violation_and_reflows_at_200_percent(
    city,  # noqa: F811
    own_index,
    fair,
    forklift,  # noqa: F811
    senior_jobs,  # noqa: F811
    chromium,
    sms_outbox,
):
    [vacancy] = Vacancy.objects.all()
    axe, table, problems = Axe(), [], []
    for n, language in enumerate(["ko", "vi", "uz"]):
        [employer] = employers_create(
            inputs=[
                EmployerInput(
                    name=f"한빛정밀{n}", business_number=_business_number(n), contact_phone=f"010-3456-789{n}"
                )
            ],
            actor="t",
        )
        [own] = vacancies_create(
            inputs=[
                VacancyInput(
                    employer=employer,
                    title="CO2 용접공",
                    occupation=vacancy.occupation,
                    wage_type="monthly",
                    wage_amount=2_900_000,
                )
            ],
            actor="t",
        )
        context = chromium.new_context(viewport={"width": 390, "height": 900})
        page = context.new_page()
        base = f"{city}/{language}"
        for name, path in [("home", "/"), ("search", "/jobs/?q=용접"), ("vacancy", f"/jobs/{vacancy.pk}/")]:
            page.goto(base + path)
            _audit(page, axe, language, name, table, problems)
        page.goto(base + "/signin/")
        _audit(page, axe, language, "signin", table, problems)
        page.locator("input[name=phone]").fill("12")
        page.locator("main button[type=submit]").first.click()
        _audit(page, axe, language, "signin-error", table, problems)
        page.locator("input[name=phone]").fill(f"010-2345-600{n}")
        page.locator("main button[type=submit]").first.click()
        _audit(page, axe, language, "code", table, problems)
        page.locator("input[name=otp]").fill(_code(sms_outbox))
        page.locator("input[name=otp]").press("Enter")
        expect(page).to_have_url(re.compile("/welcome/$"))
        _audit(page, axe, language, "welcome", table, problems)
        page.locator("input[name=name]").fill("Test Person")
        page.locator("input[name=birth_date]").fill("1990-05-01")
        page.locator("select[name=home_dong]").select_option(label="원곡동")  # a resident: the forklift course
        page.locator("input[name=desired_job_text]").fill("용접")
        page.locator("input[name=consent]").check()
        page.locator("main button[type=submit]").first.click()
        expect(page).to_have_url(re.compile("/profile/$"))
        _audit(page, axe, language, "profile", table, problems)
        for name, path in [
            ("me", "/me/"),
            ("consents", "/me/consents/"),
            ("notifications", "/me/notifications/"),
            ("events", "/me/events/"),
            ("event-sign-up", f"/me/events/{fair.pk}/"),
            ("programs", "/me/programs/"),
            ("program-apply", f"/me/programs/{forklift.pk}/"),
            ("apply", f"/jobs/{vacancy.pk}/apply/"),
            ("delete", "/me/delete/"),
        ]:
            page.goto(base + path)
            _audit(page, axe, language, name, table, problems)
        page.goto(base + "/me/consents/")
        page.locator("input[name=share_with_employers][value=yes]").check()  # shown to companies, anonymous
        page.locator("main button[type=submit]").first.click()
        page.goto(base + f"/me/events/{fair.pk}/")
        page.locator("input[name=consent]").check()
        page.locator("main button[type=submit]").first.click()
        _audit(page, axe, language, "events-ticket", table, problems)
        page.goto(base + f"/jobs/{vacancy.pk}/apply/")
        page.locator("main button[type=submit]").first.click()
        _audit(page, axe, language, "me-applied", table, problems)
        page.goto(base + f"/me/programs/{senior_jobs.pk}/")  # 만 65세 이상: refused, with the rule named
        page.locator("input[name=income_percent]").fill("40")
        page.locator("input[name=consent]").check()
        page.locator("main button[type=submit]").first.click()
        expect(page.locator("section.refusal")).to_be_visible()
        _audit(page, axe, language, "program-refused", table, problems)
        page.goto(base + f"/me/programs/{forklift.pk}/")
        page.locator("input[name=consent]").check()
        page.locator("main button[type=submit]").first.click()
        expect(page.locator("#programs")).to_be_visible()
        _audit(page, axe, language, "me-program-applied", table, problems)
        context.close()

        company = chromium.new_context(viewport={"width": 390, "height": 900})
        page = company.new_page()
        page.goto(base + "/company/signin/")
        _audit(page, axe, language, "company-signin", table, problems)
        page.locator("input[name=business_number]").fill(_business_number(n))
        page.locator("main button[type=submit]").first.click()
        _audit(page, axe, language, "company-code", table, problems)
        page.locator("input[name=otp]").fill(_code(sms_outbox))
        page.locator("input[name=otp]").press("Enter")
        expect(page).to_have_url(re.compile("/company/$"))
        _audit(page, axe, language, "company-home", table, problems)
        page.goto(base + f"/company/vacancies/{own.pk}/")
        expect(page.locator("main article.card").first).to_be_visible()  # an anonymous candidate
        _audit(page, axe, language, "company-vacancy-detail", table, problems)
        page.goto(base + "/company/vacancies/new/")
        _audit(page, axe, language, "company-vacancy", table, problems)
        page.locator("main button[type=submit]").first.click()
        _audit(page, axe, language, "company-vacancy-errors", table, problems)
        page.goto(base + "/company/join/")
        _audit(page, axe, language, "company-join", table, problems)
        company.close()
    (SHOTS.parent / "axe-portal.txt").write_text("language\tpage\twidth\tviolations\n" + "\n".join(table) + "\n")
    assert problems == [], "\n".join(problems)
    assert len(table) == 3 * 28 * 2
