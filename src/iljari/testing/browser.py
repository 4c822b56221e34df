"""What the browser tests share: Debian's chromium flags, logging in, screenshots and axe checks."""

from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from playwright.sync_api import Page, expect

SHOTS = Path(settings.APP_DIR).parents[1] / "test-artifacts" / "screenshots"
PASSWORD = "test-pass-2026"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def login(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/login/")
    page.get_by_label("아이디").fill(username)
    page.get_by_label("비밀번호").fill(PASSWORD)
    page.get_by_role("button", name="로그인").click()
    expect(page.get_by_role("button", name="로그아웃")).to_be_visible()


def shot(page: Page, name: str) -> None:
    """A full-page screenshot under test-artifacts/screenshots/ for people to look at."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def serious_violations(axe: Axe, page: Page, path: str) -> list[str]:
    violations = axe.run(page).response["violations"]
    return [
        f"{path}: {v['id']} ({v['impact']}) {v['help']}" for v in violations if v["impact"] in ("serious", "critical")
    ]
