"""Shared test fixtures: reference data loaded once, desks, staff and seekers of each kind."""

import os
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings

from iljari.accounts.models import Desk, User
from iljari.accounts.services import staff_create
from iljari.employers.models import Employer
from iljari.employers.services import EmployerInput, employers_create
from iljari.front.setup import reference_load_all
from iljari.matching.catalogue import OccupationNormalizer, use_normalizer
from iljari.matching.indexes import forget_indexes
from iljari.reference.models import Dong, Occupation, TargetGroup
from iljari.seekers.models import Seeker
from iljari.seekers.services import SeekerInput, seeker_create
from iljari.vacancies.models import Vacancy
from iljari.vacancies.services import VacancyInput, vacancies_create


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database with the real reference data (job dictionary, Ansan's 동, wages)."""
    with django_db_blocker.unblock():
        reference_load_all(city_folder=Path(settings.ILJARI_CITY_DIR))


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The cache lives outside the test database: each test starts with it empty, as it starts with
    its own data (fixtures that write with the ORM directly do not move the data stamp)."""

    from django.core.cache import cache

    cache.clear()


@pytest.fixture(scope="session")
def playwright_driver():
    """Playwright's sync driver, once per session (a second one inside its event loop is refused)."""
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the test's own database calls are safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def chromium(playwright_driver):
    """Debian's chromium through Playwright, one for the session (started only when a test asks)."""
    from iljari.testing.browser import CHROMIUM_FLAGS

    browser = playwright_driver.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_FLAGS)
    yield browser
    browser.close()


@pytest.fixture
def desk(db) -> Desk:
    return Desk.objects.get(name="와동 행정복지센터")


@pytest.fixture
def other_desk(db) -> Desk:
    return Desk.objects.get(name="원곡동 행정복지센터")


def _staff(username: str, role: str, desk: Desk | None) -> User:
    return staff_create(
        username=username, full_name=username, role=role, desk=desk, password="test-pass-2026", actor="test"
    )


@pytest.fixture
def counselor(desk) -> User:
    return _staff("counselor1", User.Role.COUNSELOR, desk)


@pytest.fixture
def other_counselor(other_desk) -> User:
    return _staff("counselor2", User.Role.COUNSELOR, other_desk)


@pytest.fixture
def manager(db) -> User:
    return _staff("manager1", User.Role.MANAGER, None)


@pytest.fixture
def make_seeker(desk, counselor):
    """Register a seeker through the real service; keyword arguments override the defaults."""
    counter = iter(range(1000, 9999))

    def make(**overrides) -> Seeker:
        n = next(counter)
        data = SeekerInput(
            desk=overrides.pop("desk", desk),
            name=overrides.pop("name", f"홍길{n}"),
            birth_date=overrides.pop("birth_date", date(1980, 1, 1 + n % 28)),
            phone=overrides.pop("phone", f"010-1111-{n:04d}"),
            home_dong=overrides.pop("home_dong", Dong.objects.get(name="와동")),
            **overrides,
        )
        return seeker_create(data=data, actor=counselor)

    return make


@pytest.fixture
def company(db) -> Employer:
    """(주)대한정밀 in 초지동, with its 사업자등록번호, address and hiring contact."""
    return employers_create(
        inputs=[
            EmployerInput(
                name="(주)대한정밀",
                business_number="220-81-62517",
                address="안산시 단원구 초지동 12-3",
                dong=Dong.objects.get(name="초지동"),
                contact_name="박담당",
                contact_phone="031-123-4567",
            )
        ],
        actor="t",
    )[0]


@pytest.fixture
def make_vacancy(db):
    """An open vacancy at 세원테크 in 초지동, through the real services; keyword arguments override."""

    def make(title: str = "포장원", wage_amount: int = 2_400_000, **overrides: object) -> Vacancy:
        employer = (
            overrides.pop("employer", None)
            or employers_create(
                inputs=[EmployerInput(name="세원테크", dong=Dong.objects.get(name="초지동"))], actor="t"
            )[0]
        )
        data = VacancyInput(employer=employer, title=title, wage_type="monthly", wage_amount=wage_amount, **overrides)
        return vacancies_create(inputs=[data], actor="t")[0]

    return make


@pytest.fixture
def youth(db) -> TargetGroup:
    return TargetGroup.objects.get(code="youth")


# The occupation groups these tests use: welding, plastics, care, packing, cleaning, forklifts...
TEST_KECO = ["8241", "8522", "5501", "8900", "5611", "6230", "8859", "5420", "3075", "8360"]


@pytest.fixture(scope="session")
def small_normalizer(django_db_setup, django_db_blocker) -> OccupationNormalizer:
    with django_db_blocker.unblock():
        return OccupationNormalizer(list(Occupation.objects.filter(keco_code__in=TEST_KECO).order_by("pk")))


@pytest.fixture
def matching(db, small_normalizer):
    """Recommendations from a normalizer over part of the catalogue, with fresh indexes."""
    use_normalizer(small_normalizer)
    forget_indexes()
    yield
    forget_indexes()
    use_normalizer(None)


@pytest.fixture
def sms_outbox(settings):
    """Text messages go to the file backend; the fixture reads back what each phone was sent."""
    import json

    settings.ILJARI_SMS_BACKEND = "file"
    path = Path(settings.VAR_DIR) / "outbox" / "messages.jsonl"
    path.unlink(missing_ok=True)

    def read() -> list[dict]:
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []

    return read
