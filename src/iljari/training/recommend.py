"""Programs that close a gap: for each program, the open vacancies a seeker would newly fit if they
completed it.

The engine's own filters are run twice — with the seeker as they are, and with what the program
leads to (its licences added, their Korean raised to the level its course builds) — over the same
candidates, so a vacancy counts only when the licence or the Korean is what stood between this person
and it (not the wage, the hours or the distance).
"""

from dataclasses import dataclass, field, replace
from datetime import date

from django.utils import timezone

from iljari.core.choices import KoreanLevel
from iljari.matching.indexes import matching_indexes
from iljari.matching.records import seeker_records, seekers_for_index
from iljari.seekers.models import Seeker
from iljari.training.models import TrainingProgram
from iljari.training.rules import Declared, RuleCheck
from iljari.training.selectors import programs_open
from iljari.training.services import enrollment_check
from iljari.vacancies.models import Vacancy
from iljari.vacancies.selectors import vacancies_open

SEARCHED = 2000  # as many as the engine scores per query (MAX_CANDIDATES): every fit, not a top few


@dataclass
class ProgramFit:
    """One program for one seeker: what it would open, whether they may join, and why not."""

    program: TrainingProgram
    vacancy_ids: list[int]
    best_score: float  # the best fit among the vacancies it opens (0..100), for ties
    checks: list[RuleCheck]
    vacancies: list[Vacancy] = field(default_factory=list)
    enrolled: str = ""  # the seeker's enrollment status in it, in words, if any

    @property
    def eligible(self) -> bool:
        return all(c.ok for c in self.checks)

    @property
    def failing(self) -> list[str]:
        return [c.reason for c in self.checks if not c.ok]

    @property
    def headline(self) -> str:
        """ "지게차운전기능사 과정을 마치면 지금 모집 중인 구인표 14건이 더 맞습니다." """
        name = self.program.name
        syllables = [ord(c) - 0xAC00 for c in name if 0 <= ord(c) - 0xAC00 < 11172]  # "과정(2기)": 기
        particle = "을" if syllables and syllables[-1] % 28 else "를"
        return f"{name}{particle} 마치면 지금 모집 중인 구인표 {len(self.vacancy_ids)}건이 더 맞습니다."

    @property
    def licence_names(self) -> str:
        return "·".join(lic.name for lic in self.program.licences.all())

    @property
    def leads_to(self) -> str:
        """What completing it gives, for the counselor: "지게차운전기능사 · 한국어 중(업무 지시 이해)"."""
        level = self.program.korean_level_after
        korean = f"한국어 {KoreanLevel(level).label}" if level is not None else ""
        return " · ".join(part for part in (self.licence_names, korean) if part)


def programs_for_seeker(
    *, seeker: Seeker, today: date | None = None, declared: Declared | None = None, named: int = 5
) -> list[ProgramFit]:
    """Every program not yet over, ranked by how many open vacancies it would newly open for this
    seeker and then by the best fit among them; ``named`` of those vacancies are loaded to show.

    The caller has already read (and audited) the seeker. Rules needing a declaration the seeker has
    not made (소득) are checked against ``declared``.
    """
    today = today or timezone.localdate()
    declared = declared or Declared()
    programs = list(programs_open(on=today))
    if not programs:
        return []
    indexes = matching_indexes()
    [profile] = seeker_records(
        seekers_for_index(Seeker.objects.filter(pk=seeker.pk)), indexes.occupation_index, indexes.visa_rules
    )
    still_open = vacancies_open(on=today)
    with indexes.lock:
        now = indexes.vacancies.match(
            profile, k=SEARCHED, minimum_hourly=indexes.minimum_hourly, near_misses=0, explain=False
        )
        fitting_now = {m.record_id for m in now.matches}
        opened: dict[int, dict[int, float]] = {}
        for program in programs:
            adds = {lic.pk for lic in program.licences.all()} - profile.licences
            korean = max(profile.korean_level, program.korean_level_after or 0)
            if not adds and korean == profile.korean_level:
                opened[program.pk] = {}
                continue
            after = indexes.vacancies.match(
                replace(profile, licences=profile.licences | adds, korean_level=korean),
                k=SEARCHED,
                minimum_hourly=indexes.minimum_hourly,
                near_misses=0,
                explain=False,
            )
            opened[program.pk] = {m.record_id: m.score for m in after.matches if m.record_id not in fitting_now}
    ids = {pk for found in opened.values() for pk in found}
    open_ids = set(still_open.filter(pk__in=ids).values_list("pk", flat=True))
    enrolled = {e.program_id: e.get_status_display() for e in seeker.enrollments.all()}
    fits = []
    for program in programs:
        found = {pk: s for pk, s in opened[program.pk].items() if pk in open_ids}
        ordered = sorted(found, key=lambda pk: (-found[pk], pk))
        fits.append(
            ProgramFit(
                program,
                ordered,
                round(max(found.values(), default=0.0) * 100, 1),
                enrollment_check(program=program, seeker=seeker, declared=declared, today=today),
                enrolled=enrolled.get(program.pk, ""),
            )
        )
    fits.sort(key=lambda f: (-len(f.vacancy_ids), -f.best_score, not f.eligible, f.program.starts_on, f.program.pk))
    shown = {pk for f in fits for pk in f.vacancy_ids[:named]}
    vacancies = still_open.filter(pk__in=shown).select_related("employer", "dong").in_bulk()
    for f in fits:
        f.vacancies = [vacancies[pk] for pk in f.vacancy_ids[:named] if pk in vacancies]
    return fits
