"""Responses that must not stay behind on a shared desk PC."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers


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
