"""The programs panel on the seeker page (registered in ``TrainingConfig.ready``)."""

from django.http import HttpRequest

from iljari.core.sections import section_add
from iljari.seekers.models import Seeker


def _seeker(request: HttpRequest, seeker: Seeker) -> dict:
    return {}


def register() -> None:
    section_add("seekers.detail", template="training/_seeker_section.html", context=_seeker, order=25)
