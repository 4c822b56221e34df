"""Reading vacancies."""

from datetime import date

from django.db.models import Q, QuerySet

from iljari.vacancies.models import Vacancy


def vacancy_search(
    *, q: str = "", dong: int | None = None, status: str = "", employer: int | None = None
) -> QuerySet[Vacancy]:
    qs = Vacancy.objects.select_related("employer", "dong", "occupation")
    if q.strip():
        qs = qs.filter(title__icontains=q.strip()) | qs.filter(employer__name__icontains=q.strip())
    if dong:
        qs = qs.filter(dong_id=dong)
    if status:
        qs = qs.filter(status=status)
    if employer:
        qs = qs.filter(employer_id=employer)
    return qs.order_by("-posted_on", "-id")


def vacancies_open(*, on: date) -> QuerySet[Vacancy]:
    """Vacancies taking applications on ``on``: 모집 중 with no 마감일 or one not yet passed.

    The same rule as ``Vacancy.is_open_on``; it holds even before the nightly job has closed
    yesterday's, so nothing past its date is ever matched or referred to.
    """
    return Vacancy.objects.filter(Q(closes_on__isnull=True) | Q(closes_on__gte=on), status=Vacancy.Status.OPEN)
