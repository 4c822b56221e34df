"""Reading employers."""

from django.db.models import Count, Q, QuerySet

from iljari.employers.models import Employer
from iljari.employers.names import company_name_key
from iljari.employers.validators import normalize_business_number


def employer_search(*, q: str = "", dong: int | None = None) -> QuerySet[Employer]:
    """Employers by name (legal form ignored) or 사업자등록번호, with their open vacancies counted."""
    qs = Employer.objects.select_related("dong").annotate(
        open_vacancies=Count("vacancies", filter=Q(vacancies__status="open"))
    )
    if dong:
        qs = qs.filter(dong_id=dong)
    q = q.strip()
    if q:
        number = normalize_business_number(q)
        qs = (
            qs.filter(business_number=number)
            if len(number) == 10
            else qs.filter(name_key__contains=company_name_key(q))
        )
    return qs.order_by("name")
