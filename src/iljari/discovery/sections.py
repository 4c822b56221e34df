"""Field visits and the likely-to-hire score on the employer page (registered in ``DiscoveryConfig.ready``)."""

from django.http import HttpRequest

from iljari.core.access import DISCOVERY_WORK, has_role
from iljari.core.sections import section_add
from iljari.discovery.likely import likely_scores
from iljari.employers.models import Employer
from iljari.privacy.history import histories_of


def _employer(request: HttpRequest, employer: Employer) -> dict:
    visits = list(employer.visits.select_related("staff", "vacancy")[:20])
    history = histories_of(records=visits)
    return {
        "visits": [(v, history.get(v.pk, [])) for v in visits],
        "likely": likely_scores(train_if_missing=False).get(employer.pk),  # never trains in this page
        "can_visit": has_role(request.user, DISCOVERY_WORK),
    }


def register() -> None:
    section_add("employers.detail", template="discovery/_employer_section.html", context=_employer, order=20)
