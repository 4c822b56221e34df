"""Fairness report: does any target group fare worse — in placements, or in recommendations?

Age, sex and nationality never enter the ranking; this report checks the outcome anyway,
per target group, against the whole: the placement rate, and each group's share of the
seekers recommended for open vacancies (top 10) against its share of active seekers.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from iljari.accounts.models import User
from iljari.matching.indexes import matching_indexes
from iljari.matching.records import vacancies_for_index, vacancy_records
from iljari.reports.kpis import kpi_table
from iljari.seekers.models import Seeker
from iljari.seekers.selectors import seekers_visible_to
from iljari.vacancies.selectors import vacancies_open


@dataclass
class GroupFairness:
    group: str
    served: int
    placement_rate: float
    rate_gap: float  # points above (+) or below (−) the overall rate
    active_share: float  # % of active seekers in the group
    recommended_share: float  # % of top-10 recommendation slots that went to the group
    representation: float  # recommended_share ÷ active_share (1.0 = in proportion)


def fairness_report(
    *, start: date, end: date, user: User | None = None, top: int = 10
) -> tuple[float, list[GroupFairness]]:
    table = kpi_table(start=start, end=end, breakdown="target_group", user=user)
    overall = table.total.get("placement_rate", 0.0)
    active = (seekers_visible_to(user) if user else Seeker.objects.all()).filter(status=Seeker.Status.ACTIVE)
    groups_of: dict[int, list[str]] = {}
    for pk, name in active.values_list("pk", "target_groups__name"):
        groups_of.setdefault(pk, []).append(name or "(미지정)")
    active_counts = Counter(g for names in groups_of.values() for g in names)
    indexes = matching_indexes()
    slots: Counter[str] = Counter()
    total_slots = 0
    records = vacancy_records(vacancies_for_index(vacancies_open(on=timezone.localdate())), indexes.occupation_index)
    with indexes.lock:
        for record in records:
            for match in indexes.seekers.match(record, k=top, minimum_hourly=indexes.minimum_hourly).matches:
                if match.record_id in groups_of:
                    total_slots += 1
                    slots.update(groups_of[match.record_id])
    people = len(groups_of) or 1
    rows = []
    for name, row in sorted(table.rows.items()):
        active_share = 100 * active_counts.get(name, 0) / people
        recommended_share = 100 * slots.get(name, 0) / total_slots if total_slots else 0.0
        rows.append(
            GroupFairness(
                name,
                int(row["served"]),
                row["placement_rate"],
                round(row["placement_rate"] - overall, 1),
                round(active_share, 1),
                round(recommended_share, 1),
                round(recommended_share / active_share, 2) if active_share else 0.0,
            )
        )
    return overall, rows
