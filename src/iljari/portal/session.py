"""Who is signed in to the public: a seeker by their own phone, a company by its 사업자등록번호.

Kept in the session beside, never instead of, a staff sign-in: a portal sign-in opens no staff page,
and a staff sign-in opens no one's portal page. Every page of a signed-in person is never cached.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from iljari.portal.models import EmployerAccount, SeekerAccount
from iljari.privacy.crypto import decrypt, encrypt
from iljari.seekers.models import Seeker

SEEKER = "portal_seeker"
EMPLOYER = "portal_employer"
PROVEN_PHONE = "portal_proven_phone"  # a phone proven by its code, not yet anyone's record (encrypted)


def seeker_actor(seeker_id: int) -> str:
    """How the audit log names a seeker acting on their own record through the portal."""
    return f"portal:seeker:{seeker_id}"


def employer_actor(employer_id: int) -> str:
    return f"portal:employer:{employer_id}"


def seeker_sign_in(request: HttpRequest, seeker: Seeker) -> SeekerAccount:
    request.session.cycle_key()  # a new session id on sign-in: a planted one is worth nothing
    request.session.pop(PROVEN_PHONE, None)
    request.session[SEEKER] = seeker.pk
    account, _ = SeekerAccount.objects.get_or_create(seeker=seeker)
    SeekerAccount.objects.filter(pk=account.pk).update(last_signed_in_at=timezone.now())
    return account


def employer_sign_in(request: HttpRequest, account: EmployerAccount) -> None:
    request.session.cycle_key()
    request.session[EMPLOYER] = account.pk
    EmployerAccount.objects.filter(pk=account.pk).update(last_signed_in_at=timezone.now())


def sign_out(request: HttpRequest) -> None:
    for key in (SEEKER, EMPLOYER, PROVEN_PHONE):
        request.session.pop(key, None)
    request.session.cycle_key()


PROVEN_MINUTES = 15


def phone_proven(request: HttpRequest, phone: str) -> None:
    """Remember, for the next few minutes of this session only, a phone whose code was entered."""
    request.session[PROVEN_PHONE] = [encrypt(phone), timezone.now().timestamp()]


def proven_phone(request: HttpRequest) -> str:
    """The phone proven in this session within the last minutes, or ""."""
    token, at = request.session.get(PROVEN_PHONE) or ("", 0)
    if not token or timezone.now().timestamp() - at > PROVEN_MINUTES * 60:
        return ""
    return decrypt(token)


def current_seeker(request: HttpRequest) -> Seeker | None:
    """The signed-in seeker's record (no personal field is read here), or None."""
    seeker_id = request.session.get(SEEKER)
    if not seeker_id:
        return None
    return Seeker.objects.exclude(status=Seeker.Status.ERASED).filter(pk=seeker_id).select_related("desk").first()


def current_employer(request: HttpRequest) -> EmployerAccount | None:
    account_id = request.session.get(EMPLOYER)
    if not account_id:
        return None
    return EmployerAccount.objects.select_related("employer").filter(pk=account_id).first()


def _required(name: str, finder: Callable[[HttpRequest], Any], attribute: str) -> Callable:
    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            found = finder(request)
            if found is None:
                return redirect(f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}")
            setattr(request, attribute, found)
            response = view(request, *args, **kwargs)
            add_never_cache_headers(response)
            return response

        wrapped.portal_sign_in = name
        return wrapped

    return decorate


def seeker_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Sign in first (back here afterwards); the view finds the seeker as ``request.seeker``."""
    return _required("public:signin", current_seeker, "seeker")(view)


def employer_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Sign in first; the view finds the company's account as ``request.company``."""
    return _required("public:employer_signin", current_employer, "company")(view)
