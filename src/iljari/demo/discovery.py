"""Demo history for job discovery: three years of vacancies from a hidden per-company hiring
process with seasons, the discovery teams' visits (what they heard tracks what came next), and
companies entered twice by the field teams — with the answer key written beside the database.

Fixed seed, committed code: the likely-to-hire model and the duplicate report are measured on it.
"""

import json
import random
from datetime import date, time, timedelta

from django.conf import settings
from django.db import transaction

from iljari.accounts.models import Desk, User
from iljari.accounts.services import staff_create
from iljari.demo import names
from iljari.discovery.models import Visit
from iljari.employers.models import Employer
from iljari.employers.services import EmployerInput, employers_create
from iljari.reference.models import Occupation
from iljari.vacancies.models import Vacancy
from iljari.vacancies.services import VacancyInput, vacancies_create

ACTOR = "demo-generator"
SEED = 6060
YEARS = 3
# Month weights: factories hire after the new year and in early autumn; shops before summer and winter.
FACTORY_SEASON = [1.3, 1.1, 1.6, 1.2, 0.9, 0.8, 0.7, 0.8, 1.5, 1.2, 0.9, 0.6]
SHOP_SEASON = [0.8, 0.7, 0.9, 1.0, 1.1, 1.4, 1.5, 1.0, 0.8, 0.9, 1.2, 1.6]
FACTORY_JOBS = ["사출성형기조작원", "아크용접원", "수동포장원(일반)", "프레스조작원", "전기도금원", "지게차운전원"]
SHOP_JOBS = ["음식점접객원", "조리사보조원", "계산대수납원", "청소원(일반)", "바리스타", "요양보호사"]
TEAM_STAFF = [
    ("discovery", Visit.Team.SMART_HUB),
    ("discovery2", Visit.Team.SMART_HUB),
    ("discovery3", Visit.Team.NEIGHBOURHOOD),
    ("discovery4", Visit.Team.NEIGHBOURHOOD),
]
PLANTED_DUPLICATES = 30


def truth_path():  # noqa: ANN201 - a Path
    return settings.VAR_DIR / "demo" / "duplicates_truth.json"


def _staff() -> dict[str, list[User]]:
    cityhall = Desk.objects.filter(code="cityhall").first()
    teams: dict[str, list[User]] = {Visit.Team.SMART_HUB: [], Visit.Team.NEIGHBOURHOOD: []}
    rng = random.Random(SEED)
    for username, team in TEAM_STAFF:
        user = User.objects.filter(username=username).first() or staff_create(
            username=username,
            full_name=names.korean_name(rng, rng.choice("MF")),
            role=User.Role.DISCOVERY,
            desk=cityhall,
            password=None,
            actor=ACTOR,
        )
        teams[team].append(user)
    return teams


def hiring_rate(employer: Employer) -> float:
    """Vacancies a year, hidden from the model: bigger companies hire more, and some churn far more
    than others. Seeded by the company's name so the main demo generator draws from the same rate."""
    size = max(1, employer.employees or 1)
    return min(12.0, random.Random(f"{SEED}:{employer.name}").lognormvariate(-1.6, 1.3) * (size**0.35))


def _history(rng: random.Random, employers: list[Employer], today: date) -> list[tuple[Employer, date, str]]:
    """(employer, posting day, job title) drawn day by day from each company's seasonal rate."""
    start = today - timedelta(days=365 * YEARS)
    postings = []
    for employer in employers:
        yearly = hiring_rate(employer)
        season = FACTORY_SEASON if employer.in_smart_hub else SHOP_SEASON
        jobs = FACTORY_JOBS if employer.in_smart_hub else SHOP_JOBS
        job = rng.choice(jobs)  # a company mostly hires for the same job
        day = start
        while day < today:
            if rng.random() < yearly / 365 * season[day.month - 1]:
                postings.append((employer, day, job if rng.random() < 0.8 else rng.choice(jobs)))
            day += timedelta(days=1)
    return postings


def _vacancy_inputs(rng: random.Random, postings: list, today: date) -> list[VacancyInput]:
    titles = {o.title: o for o in Occupation.objects.filter(title__in=FACTORY_JOBS + SHOP_JOBS)}
    inputs = []
    for employer, day, title in postings:
        inputs.append(
            VacancyInput(
                employer=employer,
                title=title,
                occupation=titles.get(title),
                wage_type="monthly",
                wage_amount=rng.randrange(2_300_000, 3_200_000, 50_000),
                hours_start=time(8, 30),
                hours_end=time(17, 30),
                weekly_hours=40,
                dong=employer.dong,
                openings=rng.choices([1, 2, 3, 5], [55, 25, 12, 8])[0],
                source=rng.choice(["counselor", "employer", "discovery"]),
                posted_on=day,
                # Older postings sometimes ran longer; how each ended is written by demo/lifecycle.py.
                closes_on=day + timedelta(days=30 if (today - day).days < 30 else rng.choice([30, 30, 60])),
                is_demo=True,
            )
        )
    return inputs


def _visits(
    rng: random.Random,
    employers: list[Employer],
    vacancies: list[Vacancy],
    teams: dict[str, list[User]],
    today: date,
) -> list[Visit]:
    """Two years of visits; a visit shortly before a posting mostly hears of it."""
    by_employer: dict[int, list[Vacancy]] = {}
    for v in vacancies:
        by_employer.setdefault(v.employer_id, []).append(v)
    visits = []
    start = today - timedelta(days=730)
    for employer in employers:
        team = Visit.Team.SMART_HUB if employer.in_smart_hub else Visit.Team.NEIGHBOURHOOD
        per_year = 2.0 if employer.in_smart_hub else 1.0
        day = start + timedelta(days=rng.randint(0, 120))
        while day < today:
            upcoming = [v for v in by_employer.get(employer.pk, []) if 0 <= (v.posted_on - day).days <= 75]
            if upcoming:
                plan = rng.choices([Visit.Plan.NOW, Visit.Plan.SOON, Visit.Plan.NONE], [40, 35, 25])[0]
            else:
                plan = rng.choices([Visit.Plan.NONE, Visit.Plan.LATER, Visit.Plan.SOON], [70, 20, 10])[0]
            found = next(
                (v for v in sorted(upcoming, key=lambda v: v.posted_on) if (v.posted_on - day).days <= 14), None
            )
            visits.append(
                Visit(
                    employer=employer,
                    staff=rng.choice(teams[team]),
                    team=team,
                    visited_on=day,
                    met_person=names.korean_name(rng, rng.choice("MF"))
                    + rng.choice([" 대표", " 과장", " 부장", " 실장"]),
                    note=_note(rng, found, plan),
                    hiring_plan=plan,
                    follow_up_on=day + timedelta(days=rng.choice([30, 60, 90])) if plan != Visit.Plan.NONE else None,
                    vacancy=found if found and rng.random() < 0.6 else None,
                    is_demo=True,
                )
            )
            day += timedelta(days=max(20, int(rng.expovariate(per_year / 365))))
    return visits


def _note(rng: random.Random, vacancy: Vacancy | None, plan: str) -> str:
    if vacancy:
        return (
            f"{vacancy.title} {vacancy.openings}명 월 {vacancy.wage_amount // 10_000} "
            f"{rng.choice(['주간', '2교대', '주간 8:30-17:30'])} {rng.choice(['기숙사O', '통근버스', '식사제공', ''])}"
        ).strip()
    return {
        Visit.Plan.NONE: rng.choice(["채용 계획 없음", "현재 인원 충분", "담당자 부재, 명함 전달"]),
        Visit.Plan.LATER: rng.choice(["하반기 증원 검토 중", "내년 설비 증설 후 채용 예정"]),
        Visit.Plan.SOON: rng.choice(["다음 달 생산직 충원 예정", "곧 1~2명 필요할 듯"]),
        Visit.Plan.NOW: "현재 채용 중",
    }[plan]


def _variant(rng: random.Random, name: str) -> str:
    """How a field team writes a company already on file: legal form moved or dropped, a space."""
    base = name.replace("(주)", "").replace("주식회사", "").strip()
    options = [
        f"{base} 주식회사",
        f"㈜{base}",
        f"(주) {base}",
        f"{base[:2]} {base[2:]}" if len(base) > 3 else base + " ",
    ]
    return rng.choice([o for o in options if o != name] or [base + "(주)"])


def _plant_duplicates(rng: random.Random, employers: list[Employer]) -> list[list[int]]:
    chosen = rng.sample(employers, min(PLANTED_DUPLICATES, len(employers)))
    inputs = [
        EmployerInput(
            name=_variant(rng, e.name),
            address=e.address if rng.random() < 0.5 else "",
            dong=e.dong,
            employees=e.employees,
            in_smart_hub=e.in_smart_hub,
            is_demo=True,
        )
        for e in chosen
    ]
    made = employers_create(inputs=inputs, actor=ACTOR, source="discovery")
    return [sorted([a.pk, b.pk]) for a, b in zip(chosen, made, strict=True)]


def discovery_demo_generate(*, today: date, seed: int = SEED) -> dict[str, int]:
    rng = random.Random(seed)
    teams = _staff()
    employers = list(Employer.objects.filter(is_demo=True).order_by("pk"))
    with transaction.atomic():
        made = vacancies_create(
            inputs=_vacancy_inputs(rng, _history(rng, employers, today), today), actor=ACTOR, source="demo"
        )
        # Visits hear of every vacancy that came next, the main demo set's (with its referrals) included.
        every = list(
            Vacancy.objects.filter(is_demo=True).only(
                "pk", "employer_id", "posted_on", "title", "openings", "wage_amount"
            )
        )
        visits = Visit.objects.bulk_create(_visits(rng, employers, every, teams, today), batch_size=500)
        Vacancy.objects.filter(pk__in=[v.vacancy_id for v in visits if v.vacancy_id]).update(source="discovery")
        pairs = _plant_duplicates(rng, employers)
    path = truth_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"pairs": pairs}, ensure_ascii=False), encoding="utf-8")
    return {"구인 이력(3년)": len(made), "업체 방문": len(visits), "중복 입력 업체(정답 보관)": len(pairs)}
