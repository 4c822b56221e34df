"""The protective measures on a seeker's or employer's page, and the way to report a contact there."""

from django.http import HttpRequest

from iljari.core.sections import section_add
from iljari.employers.models import Employer
from iljari.safety.selectors import measures_active
from iljari.seekers.models import Seeker


def _seeker(request: HttpRequest, seeker: Seeker) -> dict:
    return {"measures": measures_active(seeker=seeker), "about": "seeker", "record": seeker}


def _employer(request: HttpRequest, employer: Employer) -> dict:
    return {"measures": measures_active(employer=employer), "about": "employer", "record": employer}


def register() -> None:
    section_add("seekers.detail", template="safety/_measures_section.html", context=_seeker, order=5)
    section_add("employers.detail", template="safety/_measures_section.html", context=_employer, order=5)
