"""Small helpers the pages share."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from iljari.core.forms import RrnRefusingForm


def query_without_page(request: HttpRequest) -> str:
    """The current filters as a query string, for the pager's links to add ``page`` to."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def field_validation(request: HttpRequest, form: RrnRefusingForm) -> HttpResponse:
    """The errors of the one field named in ``?field=``, for a form validating as it is typed."""
    name = request.GET.get("field", "")
    errors = form.field_errors(name) if name in form.fields else []
    return render(request, "core/_field_errors.html", {"errors": errors})


def client_address(request: HttpRequest) -> str:
    """The address a request came from, read the way the login lockout (axes) reads it, proxies included."""
    from axes.helpers import get_client_ip_address

    return get_client_ip_address(request) or ""
