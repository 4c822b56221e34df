"""The matching panels on the seeker and vacancy pages (registered in ``MatchingConfig.ready``)."""

from django.http import HttpRequest

from iljari.core.access import CASEWORK, has_role
from iljari.core.sections import section_add
from iljari.seekers.models import Seeker
from iljari.vacancies.models import Vacancy


def _seeker(request: HttpRequest, seeker: Seeker) -> dict:
    return {}


def _vacancy(request: HttpRequest, vacancy: Vacancy) -> dict | None:
    return {} if has_role(request.user, CASEWORK) else None


def register() -> None:
    section_add("seekers.detail", template="matching/_seeker_section.html", context=_seeker, order=20)
    section_add("vacancies.detail", template="matching/_vacancy_section.html", context=_vacancy, order=30)
