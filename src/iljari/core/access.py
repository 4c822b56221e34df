"""Who may open which page: role checks written once for views and the API."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from iljari.core.roles import Role

CASEWORK = (Role.COUNSELOR, Role.DESK_LEAD, Role.MANAGER, Role.ADMIN)
EMPLOYER_WORK = (Role.COUNSELOR, Role.DESK_LEAD, Role.DISCOVERY, Role.EVENT_STAFF, Role.MANAGER, Role.ADMIN)
OVERSIGHT = (Role.MANAGER, Role.ADMIN)
DISCOVERY_WORK = (Role.DISCOVERY, Role.DESK_LEAD, Role.MANAGER, Role.ADMIN)
MERGE_COMPANIES = (Role.DISCOVERY, Role.MANAGER, Role.ADMIN)
EVENT_SETUP = (Role.EVENT_STAFF, Role.MANAGER, Role.ADMIN)
EVENT_DAY = (Role.COUNSELOR, Role.DESK_LEAD, Role.EVENT_STAFF, Role.MANAGER, Role.ADMIN)
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
