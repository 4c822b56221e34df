"""Reading discovery records: company search, follow-ups due, team statistics."""

from collections import defaultdict
from datetime import date

from django.db.models import Count, F, QuerySet

from iljari.discovery.models import Visit
from iljari.employers.models import Employer
from iljari.employers.selectors import employer_search
from iljari.referrals.models import Placement


def companies_found(*, q: str = "", dong_id: int | None = None, limit: int = 30) -> list[Employer]:
    """The employers' own search (name without legal form, or 사업자등록번호, within a 동), with how
    often each was visited; nothing until the team member types or picks a 동."""
    if not q.strip() and not dong_id:
        return []
    found = list(employer_search(q=q, dong=dong_id)[:limit])
    visits = dict(
        Visit.objects.filter(employer__in=found).values_list("employer_id").annotate(n=Count("pk")).order_by()
    )
    for employer in found:
        employer.visit_count = visits.get(employer.pk, 0)
    return found


def follow_ups_due(*, user_id: int, on: date) -> QuerySet[Visit]:
    """This member's visits whose next contact day has come, unless the company was visited since."""
    return (
        Visit.objects.filter(staff_id=user_id, follow_up_on__lte=on)
        .exclude(employer__visits__visited_on__gt=F("visited_on"))
        .select_related("employer")
        .order_by("follow_up_on")[:20]
    )


GROUPS = {"staff": "방문자", "team": "발굴팀", "dong": "행정동", "month": "월"}


def team_stats(*, by: str, since: date | None = None) -> list[dict]:
    """Visits, companies, vacancies found, their openings and the placements made from them."""
    visits = Visit.objects.all()
    if since:
        visits = visits.filter(visited_on__gte=since)
    rows = visits.values_list(
        "staff__first_name",
        "team",
        "employer__dong__name",
        "visited_on",
        "employer_id",
        "vacancy_id",
        "vacancy__openings",
    )
    vacancy_ids = {r[5] for r in rows if r[5]}
    placed = dict(
        Placement.objects.filter(referral__vacancy_id__in=vacancy_ids)
        .values_list("referral__vacancy_id")
        .annotate(n=Count("pk"))
    )
    teams = dict(Visit.Team.choices)
    groups: dict = defaultdict(lambda: {"visits": 0, "companies": set(), "vacancies": set(), "openings": 0})
    for staff, team, dong, day, employer_id, vacancy_id, openings in rows:
        key = {"staff": staff, "team": teams.get(team, team), "dong": dong or "-", "month": day.strftime("%Y-%m")}[by]
        g = groups[key]
        g["visits"] += 1
        g["companies"].add(employer_id)
        if vacancy_id and vacancy_id not in g["vacancies"]:
            g["vacancies"].add(vacancy_id)
            g["openings"] += openings or 0
    return [
        {
            "key": key,
            "visits": g["visits"],
            "companies": len(g["companies"]),
            "vacancies": len(g["vacancies"]),
            "openings": g["openings"],
            "placements": sum(placed.get(v, 0) for v in g["vacancies"]),
        }
        for key, g in sorted(groups.items())
    ]
