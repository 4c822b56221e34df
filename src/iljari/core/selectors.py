"""Center-wide figures for the landing page."""

from iljari.accounts.models import User
from iljari.employers.models import Employer
from iljari.reference.models import Occupation
from iljari.seekers.selectors import seekers_visible_to
from iljari.vacancies.models import Vacancy


def center_counts(*, user: User) -> dict[str, int]:
    return {
        "seekers": seekers_visible_to(user).count(),
        "employers": Employer.objects.count(),
        "open_vacancies": Vacancy.objects.filter(status=Vacancy.Status.OPEN).count(),
        "occupations": Occupation.objects.count(),
    }
