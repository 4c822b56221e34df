"""In a real browser: the seeker page's programs panel says what a course would open and enrolls the
seeker with consent; attendance is taken on a phone (390 px)."""

from datetime import date, time, timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from iljari.accounts.models import User
from iljari.conftest import TEST_KECO, _staff
from iljari.front.setup import reference_load_all
from iljari.matching.catalogue import OccupationNormalizer, use_normalizer
from iljari.matching.indexes import forget_indexes
from iljari.reference.models import Dong, Licence, Occupation
from iljari.seekers.services import SeekerInput, seeker_create
from iljari.testing.browser import login, serious_violations, shot
from iljari.training.models import Attendance, Enrollment
from iljari.training.rules import Declared
from iljari.training.services import ProgramInput, SessionInput, enrollment_create, program_create, program_select
from iljari.training.tests.conftest import forklift_jobs

pytestmark = pytest.mark.browser


@pytest.fixture
def center(transactional_db, live_server):
    """A counselor at 와동, a seeker who wants forklift work without the licence, three open forklift
    vacancies that ask for it, and a forklift course whose first session was yesterday."""
    reference_load_all(city_folder=Path(settings.ILJARI_CITY_DIR))
    use_normalizer(OccupationNormalizer(list(Occupation.objects.filter(keco_code__in=TEST_KECO).order_by("pk"))))
    forget_indexes()
    wadong = Dong.objects.get(name="와동")
    counselor = _staff("counselor", User.Role.COUNSELOR, wadong.desks.get())
    licence = Licence.objects.get(name="지게차운전기능사")
    forklift_jobs(3, wage=2_800_000)
    seeker = seeker_create(
        data=SeekerInput(
            desk=wadong.desks.get(),
            name="김지게",
            birth_date=date(1979, 4, 2),
            phone="010-5555-0101",
            home_dong=wadong,
            desired_job_text="지게차 운전",
        ),
        actor=counselor,
    )
    today = timezone.localdate()
    course = program_create(
        data=ProgramInput(
            name="지게차운전기능사 과정",
            provider="안산 직업전문학교",
            starts_on=today - timedelta(days=1),
            ends_on=today + timedelta(days=20),
            capacity=10,
            licences=[licence],
            residents_only=True,
        ),
        sessions=[
            SessionInput(today - timedelta(days=1) + timedelta(days=7 * n), time(9), time(13), "실습장")
            for n in range(3)
        ],
        actor="t",
    )
    yield {"url": live_server.url, "seeker": seeker, "course": course, "counselor": counselor}
    forget_indexes()
    use_normalizer(None)


def test_seeker_panel_names_what_the_course_opens_and_enrolls_with_consent(chromium, center):
    from axe_playwright_python.sync_playwright import Axe

    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="ko-KR")
    page = context.new_page()
    page.set_default_timeout(30_000)
    login(page, center["url"], "counselor")
    page.goto(f"{center['url']}/seekers/{center['seeker'].pk}/")
    panel = page.locator("#seeker-programs")
    expect(panel).to_contain_text(
        "지게차운전기능사 과정을 마치면 지금 모집 중인 구인표 3건이 더 맞습니다.", timeout=30_000
    )
    expect(panel).to_contain_text("한빛물류")
    expect(panel).to_contain_text("참여 자격을 갖추었습니다.")
    shot(page, "seeker-programs-panel")
    problems = serious_violations(Axe(), page, "/seekers/<id>/")
    panel.get_by_role("link", name="참여 신청").click()
    page.get_by_role("button", name="동의를 기록하고 신청").click()
    expect(page.locator("#errors-consent")).to_contain_text("참여하려면 운영 기관 제공 동의가 필요합니다.")
    assert not Enrollment.objects.exists()
    page.get_by_label("운영 기관에 성명·연락처를 제공하는 데 동의받았습니다").check()
    page.get_by_role("button", name="동의를 기록하고 신청").click()
    expect(page.locator(".message")).to_contain_text("참여 신청했습니다")
    enrollment = Enrollment.objects.get()
    assert enrollment.seeker == center["seeker"] and enrollment.consent.purpose == "programs"
    assert problems == []


def test_attendance_on_a_phone(chromium, center):
    from axe_playwright_python.sync_playwright import Axe

    enrollment = enrollment_create(
        program=center["course"],
        seeker=center["seeker"],
        declared=Declared(),
        consent_method="paper",
        consent_given_on=timezone.localdate(),
        actor=center["counselor"],
    )
    program_select(program=center["course"], actor=center["counselor"])
    held, upcoming = center["course"].sessions.all()[:2]
    context = chromium.new_context(viewport={"width": 390, "height": 844}, locale="ko-KR", is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    login(page, center["url"], "counselor")
    page.goto(f"{center['url']}/programs/sessions/{held.pk}/")
    page.get_by_label("김지게").check()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than the phone
    shot(page, "program-attendance-phone")
    problems = serious_violations(Axe(), page, "/programs/sessions/<id>/")
    page.get_by_role("button", name="출석 저장").click()
    expect(page.locator(".message")).to_contain_text("출석 1명 / 1명을 저장했습니다")
    assert Attendance.objects.get(session=held, enrollment=enrollment).present
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.ATTENDING
    page.goto(f"{center['url']}/programs/sessions/{upcoming.pk}/")
    expect(page.get_by_role("status")).to_contain_text("아직 하지 않은 회차입니다")
    expect(page.get_by_role("button", name="출석 저장")).to_be_disabled()
    assert problems == []


def test_manager_corrects_a_program_whose_form_says_what_is_wrong_as_it_is_typed(chromium, center):
    from axe_playwright_python.sync_playwright import Axe

    _staff("manager", User.Role.MANAGER, None)
    course = center["course"]
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="ko-KR")
    page = context.new_page()
    page.set_default_timeout(30_000)
    login(page, center["url"], "manager")
    page.goto(f"{center['url']}/programs/{course.pk}/")
    page.get_by_role("link", name="사업 정보 수정").click()
    quotas = page.get_by_label("대상계층별 배정 인원(한 줄에 하나)")
    quotas.fill("장애인 11")
    expect(page.locator("#errors-quotas")).to_contain_text("배정 인원의 합(11명)이 정원(10명)보다 많습니다")
    shot(page, "program-edit-quotas-over-seats")
    problems = serious_violations(Axe(), page, "/programs/<id>/edit/")
    quotas.fill("장애인 2")
    expect(page.locator("#errors-quotas")).to_be_empty()
    sessions = page.get_by_label("회차(한 줄에 하나)")
    last = course.sessions.last()
    sessions.fill(
        sessions.input_value().replace(
            f"#{last.pk} {last.date:%Y-%m-%d} 09:00", f"#{last.pk} {last.date:%Y-%m-%d} 10:00"
        )
    )
    page.get_by_role("button", name="저장").click()
    expect(page.locator(".message")).to_contain_text("수정한 내용을 저장했습니다")
    history = page.locator("section", has=page.get_by_role("heading", name="수정 이력"))
    expect(history).to_contain_text("장애인 2")
    expect(history).to_contain_text(f"{last.date:%Y-%m-%d} 10:00-13:00 실습장")
    shot(page, "program-edited-history")
    course.refresh_from_db()
    assert course.quotas == {"disabled": 2} and course.sessions.last().starts_at == time(10)
    assert problems == []
    context.close()
