"""What every portal page needs: the center as the public knows it, in the reader's language, and who
is signed in to the portal (never a staff member's name or number)."""

from django.http import HttpRequest
from django.utils import translation
from django.utils.functional import SimpleLazyObject

from iljari.portal.session import current_employer, current_seeker
from iljari.reference.selectors import current_city


def portal(request: HttpRequest) -> dict:
    return {
        "center_name": SimpleLazyObject(lambda: current_city().center_name_in(translation.get_language())),
        "portal_seeker": SimpleLazyObject(lambda: current_seeker(request)),
        "portal_company": SimpleLazyObject(lambda: current_employer(request)),
    }
