"""What the engine knows about seekers and vacancies: plain records, no Django.

A seeker's record deliberately has no age, sex or nationality field: the engine cannot
rank on what it is never given (고용상 연령차별금지법, 남녀고용평등법). Residence status is
there only to apply the law on who may take which work.
"""

from dataclasses import dataclass, field

SHIFT_BITS = {"day": 1, "night": 2, "two_shift": 4, "three_shift": 8, "weekend": 16}
FULL_TIME_WEEKLY_HOURS = 40
MONTHLY_HOURS_FULL_TIME = 209


@dataclass(frozen=True)
class VisaRule:
    """체류자격 → the work it allows (from the visa data table)."""

    code: str
    scope: str  # unrestricted | permitted_industries | no_simple_labour | part_time_limited | professional_only | none
    permitted_keco_prefixes: tuple[str, ...] = ()
    weekly_hours_limit: int | None = None
    requires_listing: bool = False  # the employer must state it accepts this status (고용허가 등)


@dataclass(frozen=True)
class Occupation:
    """What the engine needs of a catalogue occupation."""

    index: int
    title: str
    keco_code: str
    keco_name: str
    ksco_code: str


@dataclass
class SeekerRecord:
    seeker_id: int
    desired_text: str = ""
    occupations: list[tuple[int, float]] = field(default_factory=list)  # (catalogue index, confidence)
    licences: frozenset[int] = frozenset()
    reservation_wage: int | None = None  # monthly, won
    work_hours: str = "any"  # full_time | part_time | any
    shifts: int = 0  # SHIFT_BITS mask; 0 = any
    employment_type: str = "any"
    home: tuple[float, float] | None = None  # (lat, lon)
    home_place: str = ""  # 동 name, for the reasons
    korean_level: int = 4
    visa: VisaRule | None = None
    accessibility: frozenset[str] = frozenset()
    experience_years: int = 0


@dataclass
class VacancyRecord:
    vacancy_id: int
    title: str
    employer: str = ""
    occupation: int = -1  # catalogue index
    hourly_wage: float = 0.0  # hourly equivalent, won
    monthly_wage: float = 0.0  # for the hours this job has, won
    weekly_hours: int = 0  # 0 = not stated
    shift: str = "day"
    employment_type: str = "regular"
    location: tuple[float, float] | None = None
    place: str = ""  # 동 name
    required_licences: tuple[int, ...] = ()
    preferred_licences: tuple[int, ...] = ()
    korean_min: int = 0
    accessible: bool = False
    visa_codes: tuple[str, ...] = ()  # statuses the employer says it can hire
    openings: int = 1
    open_referrals: int = 0
    is_open: bool = True
