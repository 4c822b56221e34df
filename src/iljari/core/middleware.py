"""Middleware of the whole site: what a shared desk PC must not keep, sessions kept cheaply, and the
language each page speaks."""

import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import add_never_cache_headers

REFRESHED_KEY = "_refreshed"


class NoStoreMiddleware:
    """Every page served to a signed-in staff member may show personal data: tell browsers and proxies
    to keep no copy (``no-store, private``), so the next person at a 동 desk's PC cannot bring it back
    from the disk cache. Public pages about one person (an event ticket) say so with ``never_cache``."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            add_never_cache_headers(response)
        return response


class SessionRefreshMiddleware:
    """Keep an active session alive without writing it on every request.

    A session ends after ``SESSION_COOKIE_AGE`` idle seconds (shared desk PCs). Saving it on every
    request would do that exactly but costs a database write per page, and every process waits
    on the others' writes; saving it when ``SESSION_REFRESH_SECONDS`` have passed since the last
    save ends an idle session at most that much early.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or session.modified or not session.accessed or session.is_empty():
            return response
        now = int(time.time())
        if now - session.get(REFRESHED_KEY, 0) >= settings.SESSION_REFRESH_SECONDS:
            session[REFRESHED_KEY] = now  # marks it modified: SessionMiddleware saves it with a new expiry
        return response


class LanguageMiddleware(LocaleMiddleware):
    """Public pages speak the language in their address (``/vi/…``); every other page — the staff's,
    the API's, a redirect — speaks the site's language (Korean), whatever the browser prefers, so no
    staff page is ever half translated."""

    def process_request(self, request: HttpRequest) -> None:
        if translation.get_language_from_path(request.path_info) is None:
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = settings.LANGUAGE_CODE
            return
        super().process_request(request)
