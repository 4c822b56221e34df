"""Values every page needs."""

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
    ("가져오기", "transfer:start", EMPLOYER_WORK),
    ("실적", "reports:dashboard", REPORTS),
    ("감사 기록", "privacy:audit", OVERSIGHT),
    ("직원 보호", "safety:incidents", tuple(r for r in User.Role if r != User.Role.ADMIN)),
]


def demo_flag(request: HttpRequest) -> dict[str, bool]:
    """Whether the site holds synthetic demo data, so every page can say so."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"demo_data": False}
    return {"demo_data": Seeker.objects.filter(is_demo=True).exists()}


def city(request: HttpRequest) -> dict:
    """The city this installation serves: its center's name and public number on every page."""
    return {"city": current_city()}


def menu(request: HttpRequest) -> dict[str, list[dict]]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"menu": []}
    items = []
    for label, name, roles in MENU:
        if roles is None or has_role(user, roles):
            url = reverse(name)
            current = request.path == url if url == "/" else request.path.startswith(url)
            items.append({"label": label, "url": url, "current": current})
    return {"menu": items}
