"""Values every page needs, at next to no cost per request: they are asked on every page."""

import time

from django.http import HttpRequest
from django.urls import reverse

from iljari.accounts.models import User
from iljari.core.access import CASEWORK, DISCOVERY_WORK, EMPLOYER_WORK, EVENT_VIEW, OVERSIGHT, REPORTS, has_role
from iljari.reference.selectors import current_city
from iljari.seekers.models import Seeker

# (label, url name, roles): the menu a staff member sees depends on their role.
MENU = [
    ("오늘의 업무", "home", None),
    ("구직자", "seekers:list", CASEWORK),
    ("구인업체", "employers:list", EMPLOYER_WORK),
    ("구인표", "vacancies:list", EMPLOYER_WORK),
    ("창구", "accounts:desks", None),
    ("직업사전", "reference:occupations", None),
    ("일자리 발굴", "discovery:home", DISCOVERY_WORK),
    ("채용행사", "events:list", EVENT_VIEW),
    ("교육·일자리 사업", "training:programs", CASEWORK),
    ("가져오기", "transfer:start", EMPLOYER_WORK),
    ("실적", "reports:dashboard", REPORTS),
    ("감사 기록", "privacy:audit", OVERSIGHT),
    ("직종 확인·정정", "matching:corrections", OVERSIGHT),
    ("직원 보호", "safety:incidents", tuple(r for r in User.Role if r != User.Role.ADMIN)),
]


# Demo data is loaded or removed by a command, not by a page: asking once a minute is enough.
DEMO_CHECK_SECONDS = 60
_demo: tuple[float, bool] | None = None


def site_has_demo_data() -> bool:
    """Whether the site holds synthetic demo data, asked of the database at most once a minute."""
    global _demo
    now = time.monotonic()
    if _demo is None or now - _demo[0] > DEMO_CHECK_SECONDS:
        _demo = (now, Seeker.objects.filter(is_demo=True).exists())
    return _demo[1]


def demo_flag(request: HttpRequest) -> dict[str, bool]:
    """Whether every page should say the data is synthetic."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"demo_data": False}
    return {"demo_data": site_has_demo_data()}


_menus: dict[tuple[str, bool], list[tuple[str, str]]] = {}


def _menu_for(user: User) -> list[tuple[str, str]]:
    """The (label, url) items a role sees, worked out once per role and process."""
    key = (user.role, user.is_superuser)
    if key not in _menus:
        _menus[key] = [(label, reverse(name)) for label, name, roles in MENU if roles is None or has_role(user, roles)]
    return _menus[key]


def city(request: HttpRequest) -> dict:
    """The city this installation serves: its center's name and public number on every page."""
    return {"city": current_city()}


def menu(request: HttpRequest) -> dict[str, list[dict]]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"menu": []}
    path = request.path
    return {
        "menu": [
            {"label": label, "url": url, "current": path == url if url == "/" else path.startswith(url)}
            for label, url in _menu_for(user)
        ]
    }
