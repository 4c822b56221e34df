"""Reading vacancies."""

from django.db.models import QuerySet

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
