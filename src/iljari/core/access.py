"""Who may open which page: role checks written once for views and the API.

The groups below follow what each role's job needs (least privilege, 개인정보보호법 §29); the page
by page specification is ``docs/access.csv``, which the access-matrix test holds every route to.
Which records of a page a user may see (their desk's seekers, the events they work, their own
imports) is decided by the selectors, which answer 404 outside it.

A role is the only key: Django's superuser flag opens Django's admin (staff accounts, desks,
reference data) and nothing here, so the system administrator reads no seeker's record.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from iljari.core.roles import Role

# Seekers' records: counselors and desk leads (their desks), the center's manager (all).
CASEWORK = (Role.COUNSELOR, Role.DESK_LEAD, Role.MANAGER)
# Companies and vacancies: every front-line role meets employers.
EMPLOYER_WORK = (Role.COUNSELOR, Role.DESK_LEAD, Role.DISCOVERY, Role.EVENT_STAFF, Role.MANAGER)
# Field visits, duplicate companies, the team's statistics.
DISCOVERY_WORK = (Role.DISCOVERY, Role.MANAGER)
# The event list and an event's booths (no personal data): discovery invites the companies it visits.
EVENT_VIEW = (Role.COUNSELOR, Role.DESK_LEAD, Role.DISCOVERY, Role.EVENT_STAFF, Role.MANAGER)
# Working the day of an event the user works (selectors scope it): registrants masked, audited.
EVENT_DAY = (Role.COUNSELOR, Role.DESK_LEAD, Role.EVENT_STAFF, Role.MANAGER)
# Setting an event up: booths, pre-matching, the timetable, the poster.
EVENT_SETUP = (Role.EVENT_STAFF, Role.MANAGER)
# Setting up a program, running its selection, publishing the list: the center's manager.
PROGRAM_SETUP = (Role.MANAGER,)
# KPIs: the manager for the center, a desk lead for their desk.
REPORTS = (Role.DESK_LEAD, Role.MANAGER)
# The audit log: the center's oversight and the administrator who keeps the system.
OVERSIGHT = (Role.MANAGER, Role.ADMIN)
ALL_STAFF = tuple(Role)


def has_role(user: Any, roles: tuple[str, ...]) -> bool:
    """Whether ``user``'s role is one of ``roles``. Django's superuser flag (the admin site) does not
    widen it: a system administrator reads only what the administrator role is listed for."""
    return user.is_authenticated and user.role in roles


def role_required(*roles: str) -> Callable:
    """Log in first, then 403 for a role the page is not for."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @login_required
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not has_role(request.user, roles):
                raise PermissionDenied("이 화면을 볼 권한이 없습니다.")
            return view(request, *args, **kwargs)

        wrapped.allowed_roles = roles
        return wrapped

    return decorate
