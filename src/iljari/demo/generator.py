"""Synthetic demo data for a city job center, generated with a fixed seed.

Everything made here is marked ``is_demo`` and the web pages say so: these people and
companies do not exist. Occupations, 동 and wages come from the real reference data, so
matching and reports behave as they would on a real center's records: factories cluster
in the 반월·시화 스마트허브 동, shops and care homes spread over every 동, foreign
residents live mostly around 원곡동, and each target group wants the jobs it usually asks for.
"""

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from iljari.accounts.models import Desk, User
from iljari.accounts.services import staff_create
from iljari.core.acting import acting_as
from iljari.core.choices import Accessibility, EmploymentType, KoreanLevel, Shift, WageType
from iljari.demo import names
from iljari.demo.discovery import discovery_demo_generate, hiring_rate
from iljari.demo.history import history_generate
from iljari.demo.lifecycle import lifecycle_history
from iljari.demo.programs import demo_programs_generate
from iljari.employers.models import Employer
from iljari.employers.services import EmployerInput, employers_create
from iljari.employers.validators import business_number_is_valid
from iljari.events.models import HiringEvent
from iljari.privacy.audit import Actor
from iljari.reference.models import Dong, Licence, MinimumWage, Occupation, TargetGroup, VisaType
from iljari.reference.services import City
from iljari.seekers.models import Seeker
from iljari.seekers.services import NoteInput, SeekerInput, counseling_notes_create, seekers_create
from iljari.vacancies.services import VacancyInput, vacancies_create
from iljari.vacancies.wages import FULL_TIME_MONTHLY_HOURS

SEED = 20261123
ACTOR = "demo-generator"
DEMO_PASSWORD = "iljari-demo-2026"

# The logins printed by `make run`, one per role.
DEMO_LOGINS = [
    ("manager", "김관리", User.Role.MANAGER, "cityhall"),
    ("counselor", "이상담", User.Role.COUNSELOR, "와동"),
    ("desklead", "박팀장", User.Role.DESK_LEAD, "와동"),
    ("discovery", "최발굴", User.Role.DISCOVERY, "cityhall"),
    ("events", "정행사", User.Role.EVENT_STAFF, "cityhall"),
    ("admin", "시스템관리자", User.Role.ADMIN, None),
]
# 36 counselors: five at city hall, three at the 고용복지플러스센터, one per school and 동.
COUNSELORS_AT = {"city_hall": 5, "plus_center": 3, "school": 1, "dong_center": 1}

MANUFACTURING = [
    "사출성형기조작원",
    "아크용접원",
    "이산화탄소가스아크용접원",
    "스폿용접원",
    "레이저절단원",
    "전기도금원",
    "도금전처리원",
    "자동도금설비조작원",
    "프레스조작원",
    "기계프레스조작원",
    "수치제어선반조작원",
    "수치제어밀링기조작원",
    "선반원",
    "금형제작원",
    "금형조립원",
    "금형정비원",
    "제품도장공(일반)",
    "분무도장공",
    "자동포장기조작원",
    "수동포장원(일반)",
    "창고작업원(일반)",
    "지게차운전원",
    "전자부품검사원",
    "전자부품수삽원",
    "축전지조립원",
    "플라스틱제품가공기조작원",
    "선별원",
    "연마기조작원",
    "화물취급원(일반)",
    "재봉사(일반)",
    "제빵원",
]
FACTORY_OFFICE = ["품질관리사무원(일반)", "생산관리자(일반)", "경리사무원", "물류관리사무원"]
SHOP_JOBS = {
    "마트": ["편의점판매원", "계산대수납원", "매장정리원"],
    "편의점": ["편의점판매원", "계산대수납원"],
    "식당": ["한식조리사", "조리사보조원", "음식배달원", "분식점조리사"],
    "푸드": ["사업체식당조리사", "조리사보조원"],
    "요양원": ["요양보호사", "간병인", "조리사보조원", "사회복지사(일반)"],
    "주간보호센터": ["요양보호사", "사회복지사(일반)"],
    "어린이집": ["보육교사", "보육교사보조원", "급식영양사"],
    "물류": ["택배원", "창고작업원(일반)", "지게차운전원", "물류관리사무원"],
    "택배": ["택배원", "화물취급원(일반)"],
    "병원": ["간호조무사", "물리치료사", "병원청소원"],
    "클리닉": ["간호조무사", "컨텍센터상담원"],
    "빌딩관리": ["경비원", "청소원(일반)", "주차장관리원"],
    "세탁": ["세탁원"],
    "미용실": ["미용사"],
    "베이커리": ["제빵원", "편의점판매원"],
    "상사": ["경리사무원", "컨텍센터상담원", "통역가(일반)"],
}
SENIOR_JOBS = ["경비원", "청소원(일반)", "주차장관리원", "환경미화원", "조리사보조원", "택배원"]
CAREER_BREAK_JOBS = [
    "경리사무원",
    "조리사보조원",
    "요양보호사",
    "보육교사보조원",
    "매장정리원",
    "전자부품검사원",
    "컨텍센터상담원",
]
OFFICE_JOBS = [
    "경리사무원",
    "품질관리사무원(일반)",
    "생산관리자(일반)",
    "물류관리사무원",
    "컨텍센터상담원",
    "통역가(일반)",
]
MIGRANT_WOMEN_JOBS = [
    "통역가(일반)",
    "전자부품검사원",
    "조리사보조원",
    "요양보호사",
    "편의점판매원",
    "수동포장원(일반)",
]
SERVICE_JOBS = sorted({t for jobs in SHOP_JOBS.values() for t in jobs})

# Licences a vacancy for the job requires, and that most seekers wanting it hold.
REQUIRED_LICENCE = {
    "요양보호사": "요양보호사",
    "간호조무사": "간호조무사",
    "지게차운전원": "지게차운전기능사",
    "보육교사": "보육교사",
    "물리치료사": "물리치료사",
    "미용사": "미용사(일반)",
    "사회복지사(일반)": "사회복지사",
}
PART_TIME_JOBS = {
    "편의점판매원",
    "계산대수납원",
    "매장정리원",
    "조리사보조원",
    "음식배달원",
    "보육교사보조원",
    "세탁원",
    "주차장관리원",
    "청소원(일반)",
    "병원청소원",
}

NOTE_OPENINGS = ["내방 상담.", "전화 상담.", "구직 등록 후 첫 상담.", "사후 상담.", "재방문 상담."]
NOTE_COMMUTES = [
    "집에서 30분 이내 출퇴근 희망.",
    "대중교통 이용, 환승 1회 이내 희망.",
    "자가용 있어 산단 출퇴근 가능.",
    "도보·자전거 거리 희망.",
    "통근버스 있는 곳 희망.",
]
NOTE_EXTRAS = [
    "이력서·자기소개서 작성 지원함.",
    "지게차 자격 취득 의사 있어 훈련과정 안내함.",
    "육아로 야간 근무 어려움.",
    "허리 통증으로 중량물 취급 어려움.",
    "한국어 소통이 서툴러 통역 지원 필요.",
    "목요희망잡고 참가 안내함.",
    "면접 복장과 요령 안내함.",
    "국민취업지원제도 연계 검토.",
    "주 3일 이내 근무 원함.",
    "기숙사 제공 업체 희망.",
    "경력 살려 같은 직종 희망.",
    "처음 구직이라 직업 탐색 상담 진행.",
]


@dataclass(frozen=True)
class DemoSize:
    seekers: int = 3200
    employers: int = 600
    vacancies: int = 2400


class _Refs:
    """Reference rows loaded once for the generator."""

    def __init__(self, city: City) -> None:
        self.city = city
        self.dongs = list(Dong.objects.order_by("code"))
        self.dong_by_name = {d.name: d for d in self.dongs}
        self.industrial = [self.dong_by_name[n] for n in city.industrial_dongs if n in self.dong_by_name] or self.dongs
        titles = {o.title: o for o in Occupation.objects.all()}
        self.occupation = titles
        self.licence = {lic.name: lic for lic in Licence.objects.all()}
        self.visa = {v.code: v for v in VisaType.objects.all()}
        self.group = {g.code: g for g in TargetGroup.objects.all()}
        self.desks = list(Desk.objects.order_by("code"))
        self.desk_of_dong = {d.dong_id: d for d in self.desks if d.kind == Desk.Kind.DONG_CENTER}
        self.min_wage = {m.year: m for m in MinimumWage.objects.all()}

    def jobs(self, pool: list[str]) -> list[Occupation]:
        return [self.occupation[t] for t in pool if t in self.occupation]

    def minimum_hourly(self, day: date) -> int:
        years = [y for y in self.min_wage if y <= day.year] or list(self.min_wage)
        return self.min_wage[max(years)].hourly


def _business_number(rng: random.Random, used: set[str]) -> str:
    while True:
        head = f"{rng.randint(101, 899)}{rng.randint(81, 88)}{rng.randint(0, 9999):04d}"
        for check in range(10):
            number = head + str(check)
            if business_number_is_valid(number) and number not in used:
                used.add(number)
                return number


def demo_staff_create(*, password: str = DEMO_PASSWORD) -> list[tuple[str, str, str]]:
    """The role logins and 36 desk counselors; returns (username, role label, desk) of logins."""
    desks = {d.code: d for d in Desk.objects.all()}
    by_dong_name = {d.dong.name: d for d in desks.values() if d.kind == Desk.Kind.DONG_CENTER and d.dong}
    logins = []
    for username, full_name, role, desk_key in DEMO_LOGINS:
        desk = desks.get(desk_key) or by_dong_name.get(desk_key or "")
        if not User.objects.filter(username=username).exists():
            staff_create(username=username, full_name=full_name, role=role, desk=desk, password=password, actor=ACTOR)
        logins.append((username, User.Role(role).label, desk.name if desk else "전체"))
    rng = random.Random(SEED)
    number = 0
    for desk in sorted(desks.values(), key=lambda d: d.code):
        for _ in range(COUNSELORS_AT[desk.kind]):
            number += 1
            username = f"c{number:02d}"
            if not User.objects.filter(username=username).exists():
                staff_create(
                    username=username,
                    full_name=names.korean_name(rng, rng.choice("MF")),
                    role=User.Role.COUNSELOR,
                    desk=desk,
                    password=None,
                    actor=ACTOR,
                    work_phone=f"031-481-{3000 + number}",
                )
    return logins


def _employers(rng: random.Random, refs: _Refs, count: int, actor: Actor) -> list[Employer]:
    used_numbers: set[str] = set()
    used_names: set[str] = set()
    inputs, kinds = [], []
    for _ in range(count):
        factory = rng.random() < 0.6
        if factory:
            dong = rng.choice(refs.industrial)
            suffix = rng.choice(names.FACTORY_SUFFIXES)
            base = rng.choice(names.COMPANY_PREFIXES) + suffix
            name = rng.choice(["(주)" + base, base, base + " 주식회사", base])
            employees = max(3, int(rng.lognormvariate(3.2, 0.9)))
            job = refs.occupation.get(rng.choice(MANUFACTURING))
            industry = (job.ksic_name, job.ksic_code) if job else ("제조업", "C")
        else:
            dong = rng.choice(refs.dongs)
            form = rng.choice(names.SHOP_FORMS)
            kind = form.replace("{p}", "")
            name = form.format(
                p=rng.choice([dong.name.rstrip("동0123456789") or dong.name, rng.choice(names.COMPANY_PREFIXES)])
            )
            employees = max(1, int(rng.lognormvariate(1.8, 0.8)))
            industry = ("서비스업", "")
        while name in used_names:
            name = f"{name} {rng.choice(['1호점', '2공장', f'{refs.city.short_name}점', '본점', '신관'])}"
        used_names.add(name)
        inputs.append(
            EmployerInput(
                name=name,
                business_number=_business_number(rng, used_numbers),
                industry_name=industry[0],
                industry_code=industry[1],
                address=f"{refs.city.region} {refs.city.name} {dong.gu} {dong.name} {rng.randint(1, 999)}-{rng.randint(1, 30)} (가상)",
                dong=dong,
                lat=dong.lat + rng.uniform(-0.006, 0.006),
                lon=dong.lon + rng.uniform(-0.006, 0.006),
                employees=employees,
                in_smart_hub=factory,
                contact_name=names.korean_name(rng, rng.choice("MF")),
                contact_phone=f"031-{rng.randint(400, 499)}-{rng.randint(1000, 9999)}",
                is_demo=True,
            )
        )
        kinds.append("factory" if factory else kind)
    employers = employers_create(inputs=inputs, actor=actor, source="demo")
    for employer, kind in zip(employers, kinds, strict=True):
        employer.demo_kind = kind
    return employers


def _wage(rng: random.Random, title: str, factory: bool, minimum_hourly: int) -> tuple[str, int, int | None]:
    """(wage type, amount, weekly hours) in the range such a job is usually posted at."""
    if title in PART_TIME_JOBS and rng.random() < 0.7:
        hours = rng.choice([15, 20, 25, 30, 35])
        return WageType.HOURLY, minimum_hourly + rng.randrange(0, 2500, 10), hours
    if title in ("형틀목공", "철근공", "화물취급원(일반)") and rng.random() < 0.5:
        return WageType.DAILY, rng.randrange(130_000, 220_000, 5_000), 40
    floor = minimum_hourly * FULL_TIME_MONTHLY_HOURS
    top = 3_400_000 if factory else 2_900_000
    return WageType.MONTHLY, max(floor, rng.randrange(2_150_000, top, 50_000)), 40


def _vacancies(
    rng: random.Random, refs: _Refs, employers: list[Employer], count: int, today: date, actor: Actor
) -> int:
    foreign_ok = [refs.visa[c] for c in ("E-9", "H-2", "F-4", "F-2", "F-5", "F-6") if c in refs.visa]
    weights = [hiring_rate(e) for e in employers]  # the same hidden rate as the discovery history
    inputs = []
    for _ in range(count):
        employer = rng.choices(employers, weights)[0]
        factory = employer.demo_kind == "factory"
        pool = MANUFACTURING + FACTORY_OFFICE[: rng.randint(0, 4)] if factory else SHOP_JOBS[employer.demo_kind]
        jobs = refs.jobs(pool)
        occupation = rng.choice(jobs)
        # Hiring peaks in March and September; the last 60 days are mostly still open.
        days_ago = int(rng.triangular(0, 365, 20))
        posted = today - timedelta(days=days_ago)
        wage_type, amount, weekly = _wage(rng, occupation.title, factory, refs.minimum_hourly(posted))
        shift = (
            rng.choices([Shift.DAY, Shift.TWO_SHIFT, Shift.THREE_SHIFT, Shift.NIGHT], [60, 25, 8, 7])[0]
            if factory
            else rng.choices([Shift.DAY, Shift.WEEKEND, Shift.NIGHT], [85, 10, 5])[0]
        )
        start = {
            Shift.DAY: time(8, 30),
            Shift.TWO_SHIFT: time(8, 0),
            Shift.THREE_SHIFT: time(6, 0),
            Shift.NIGHT: time(20, 0),
            Shift.WEEKEND: time(9, 0),
        }[shift]
        span = 9 if weekly == 40 else max(4, weekly // 5)
        end = (datetime.combine(today, start) + timedelta(hours=span)).time()
        required = REQUIRED_LICENCE.get(occupation.title)
        preferred = [n for n in occupation.licences if n in refs.licence and n != required]
        benefits = [
            b
            for b, p in (
                ("social_insurance", 0.9),
                ("meals", 0.6),
                ("commuter_bus", 0.35 if factory else 0.0),
                ("dormitory", 0.3 if factory else 0.0),
            )
            if rng.random() < p
        ]
        inputs.append(
            VacancyInput(
                employer=employer,
                title=occupation.title,
                occupation=occupation,
                duties=(occupation.summary or "")[:300],
                wage_type=wage_type,
                wage_amount=amount,
                hours_start=start,
                hours_end=end,
                weekly_hours=weekly,
                shift=shift,
                employment_type=(
                    EmploymentType.PART_TIME
                    if wage_type == WageType.HOURLY
                    else EmploymentType.DAILY
                    if wage_type == WageType.DAILY
                    else rng.choice([EmploymentType.REGULAR] * 3 + [EmploymentType.CONTRACT])
                ),
                required_licences=[refs.licence[required]] if required in refs.licence else [],
                preferred_licences=[refs.licence[n] for n in rng.sample(preferred, min(1, len(preferred)))],
                korean_level_min=(
                    KoreanLevel.BASIC if factory else rng.choice([KoreanLevel.INTERMEDIATE, KoreanLevel.ADVANCED])
                ),
                accessible_workplace=rng.random() < 0.15,
                visa_types=foreign_ok if factory and rng.random() < 0.55 else [],
                benefits=benefits,
                openings=rng.choices([1, 2, 3, 5], [55, 25, 12, 8])[0],
                source=rng.choice(["counselor", "discovery", "employer"]),
                posted_on=posted,
                # Most postings run 30~90 days; some until filled (채용 시까지). How each one ended is
                # written afterwards through its lifecycle (demo/lifecycle.py).
                closes_on=posted + timedelta(days=rng.choice([30, 60, 90])) if rng.random() < 0.85 else None,
                is_demo=True,
            )
        )
    return len(vacancies_create(inputs=inputs, actor=actor, source="demo"))


def _profile(rng: random.Random, refs: _Refs, today: date) -> dict:
    """Who this seeker is: age, sex, origin, groups, and the jobs they would ask for."""
    foreign = rng.random() < 0.17
    age = int(
        rng.choices(
            [rng.uniform(19, 34), rng.uniform(35, 49), rng.uniform(50, 64), rng.uniform(65, 79)], [30, 22, 30, 18]
        )[0]
    )
    sex = rng.choice("MF")
    groups, pool, visa, nationality, language = [], MANUFACTURING + SERVICE_JOBS, None, "KR", "ko"
    korean = KoreanLevel.NATIVE
    if foreign:
        origin = names.weighted(rng, names.NATIONALITIES)
        _, language, visas, korean_style = names.NATIONALITIES[origin]
        nationality = origin.split("-")[0]
        visa = names.weighted(rng, {v: (w,) for v, w in visas})
        age = min(age, 58) if visa in ("E-9", "D-2", "D-10") else age
        if visa == "F-6":
            sex, age = "F", int(rng.uniform(24, 52))
            groups.append("marriage_migrant")
            pool = MIGRANT_WOMEN_JOBS
        else:
            pool = MANUFACTURING if rng.random() < 0.85 else SERVICE_JOBS
        groups.append("foreign")
        korean = (
            rng.choice([KoreanLevel.ADVANCED, KoreanLevel.NATIVE])
            if korean_style
            else rng.choice([KoreanLevel.BASIC, KoreanLevel.INTERMEDIATE])
            if visa == "F-6"
            else rng.choice([KoreanLevel.NONE, KoreanLevel.BASIC, KoreanLevel.BASIC, KoreanLevel.INTERMEDIATE])
        )
        name = names.korean_name(rng, sex) if korean_style else names.foreign_name(rng, nationality, sex)
    else:
        name = names.korean_name(rng, sex)
        if age <= 34:
            groups.append("youth")
            pool = rng.choice([MANUFACTURING, OFFICE_JOBS, SERVICE_JOBS])
        elif age >= 65:
            groups.append("senior")
            pool = SENIOR_JOBS
        elif age >= 40:
            groups.append("middle_aged")
        if sex == "F" and 30 <= age <= 54 and rng.random() < 0.35:
            groups.append("career_break")
            pool = CAREER_BREAK_JOBS
        if rng.random() < 0.06:
            groups.append("disabled")
    birth = today.replace(year=today.year - age, month=1, day=1) + timedelta(days=rng.randrange(365))
    return {
        "name": name,
        "sex": sex,
        "birth": birth,
        "groups": groups,
        "pool": pool,
        "visa": refs.visa.get(visa) if visa else None,
        "nationality": nationality,
        "language": language,
        "korean": korean,
    }


def _seekers(rng: random.Random, refs: _Refs, count: int, today: date, actor: Actor) -> list[Seeker]:
    counselors: dict[int, list[User]] = {}
    for user in User.objects.filter(role=User.Role.COUNSELOR, desk__isnull=False):
        counselors.setdefault(user.desk_id, []).append(user)
    central = [d for d in refs.desks if d.kind in (Desk.Kind.CITY_HALL, Desk.Kind.PLUS_CENTER)]
    schools = [d for d in refs.desks if d.kind == Desk.Kind.SCHOOL]
    foreign_home = {
        n: w
        for n, w in (("원곡동", 40), ("초지동", 12), ("선부1동", 8), ("선부2동", 8), ("백운동", 6), ("신길동", 6))
        if n in refs.dong_by_name
    }
    inputs, phones = [], set()
    for _ in range(count):
        p = _profile(rng, refs, today)
        if "foreign" in p["groups"] and foreign_home and rng.random() < 0.8:
            home = refs.dong_by_name[names.weighted(rng, foreign_home)]
        else:
            home = rng.choice(refs.dongs)
        roll = rng.random()
        desk = (
            rng.choice(schools)
            if "youth" in p["groups"] and roll < 0.12 and schools
            else refs.desk_of_dong.get(home.pk)
            if roll < 0.6
            else rng.choice(central)
            if central
            else None
        ) or rng.choice(refs.desks)
        job = rng.choice(refs.jobs(p["pool"]))
        required = REQUIRED_LICENCE.get(job.title)
        licences = [refs.licence[required]] if required in refs.licence and rng.random() < 0.7 else []
        if job.licences and rng.random() < 0.3:
            extra = rng.choice(job.licences)
            licences += [refs.licence[extra]] if extra in refs.licence else []
        if "foreign" not in p["groups"] and rng.random() < 0.25 and "자동차운전면허(1종)" in refs.licence:
            licences.append(refs.licence["자동차운전면허(1종)"])
        part_time = "senior" in p["groups"] or ("career_break" in p["groups"] and rng.random() < 0.5)
        wage = rng.randrange(800_000, 1_500_000, 50_000) if part_time else rng.randrange(2_100_000, 3_300_000, 50_000)
        while (phone := f"010-{rng.randint(2000, 9999)}-{rng.randint(0, 9999):04d}") in phones:
            pass
        phones.add(phone)
        days_ago = rng.randrange(0, 540)
        needs = (
            [rng.choice([a.value for a in Accessibility])] if "disabled" in p["groups"] and rng.random() < 0.6 else []
        )
        inputs.append(
            SeekerInput(
                desk=desk,
                counselor=rng.choice(counselors.get(desk.pk, [None])),
                name=p["name"],
                birth_date=p["birth"],
                phone=phone,
                sex=p["sex"],
                address=f"{refs.city.region} {refs.city.name} {home.gu} {home.name} (가상 주소)",
                home_dong=home,
                target_groups=[refs.group[g] for g in p["groups"] if g in refs.group],
                desired_job_text=job.title,
                desired_occupations=[job],
                experience=(f"{job.title} 관련 업무 {rng.randint(1, 15)}년" if rng.random() < 0.6 else ""),
                experience_years=rng.choice([0, 0, 1, 2, 3, 5, 8, 12]),
                licences=licences,
                reservation_wage=wage,
                work_hours=Seeker.WorkHours.PART_TIME
                if part_time
                else rng.choice([Seeker.WorkHours.FULL_TIME, Seeker.WorkHours.FULL_TIME, Seeker.WorkHours.ANY]),
                shifts=(
                    ["day"]
                    if part_time or rng.random() < 0.5
                    else rng.choice([["day", "two_shift"], ["day", "night", "two_shift", "three_shift"]])
                ),
                employment_type=(
                    EmploymentType.PART_TIME if part_time else rng.choice([EmploymentType.ANY, EmploymentType.REGULAR])
                ),
                korean_level=p["korean"],
                visa_type=p["visa"],
                nationality=p["nationality"],
                preferred_language=p["language"],
                accessibility_needs=needs,
                registered_on=today - timedelta(days=days_ago),
                is_demo=True,
            )
        )
    seekers = seekers_create(inputs=inputs, actor=actor, purpose="시연 데이터 생성", source="demo")
    for s, d in zip(seekers, inputs, strict=True):
        s.demo_input = d
    return seekers


def _notes(rng: random.Random, seekers: list[Seeker], today: date, actor: Actor) -> int:
    notes = []
    for seeker in seekers:
        data = seeker.demo_input
        for _ in range(rng.choice([1, 1, 2, 2, 3])):
            day = data.registered_on + timedelta(days=rng.randrange(0, max(1, (today - data.registered_on).days + 1)))
            wage = f"희망임금 월 {data.reservation_wage // 10_000}만원." if data.reservation_wage else ""
            text = " ".join(
                [
                    rng.choice(NOTE_OPENINGS),
                    f"희망직종 {data.desired_job_text}.",
                    wage,
                    rng.choice(NOTE_COMMUTES),
                    rng.choice(NOTE_EXTRAS),
                ]
            )
            written = timezone.make_aware(datetime.combine(day, time(rng.randint(9, 17), rng.randrange(0, 60, 5))))
            notes.append(NoteInput(seeker, data.counselor, text, rng.choice(["visit", "visit", "phone"]), written))
    return len(counseling_notes_create(inputs=notes, actor=actor))


def _events(refs: _Refs, today: date) -> None:
    thursday = today - timedelta(days=(today.weekday() - 3) % 7)
    events = [
        HiringEvent(
            name="목요희망잡고",
            kind="weekly",
            date=thursday + timedelta(weeks=w),
            place=refs.city.demo_name("weekly_place", f"{refs.city.center_name}(시청)"),
            starts_at=time(14),
            ends_at=time(16),
            description="매주 목요일 구인업체 현장 면접(시연용)",
        )
        for w in range(-6, 5)
    ]
    events.append(
        HiringEvent(
            name=refs.city.demo_name("fair_name", f"{refs.city.short_name} 채용박람회"),
            kind="fair",
            date=today + timedelta(days=10),
            place=refs.city.demo_name("fair_place", f"{refs.city.short_name} 시민체육관"),
            starts_at=time(10),
            ends_at=time(16),
            description=refs.city.demo_name("fair_description", "지역 기업 채용박람회(시연용)"),
        )
    )
    HiringEvent.objects.bulk_create(events)


def demo_generate(
    *, city: City, size: DemoSize = DemoSize(), seed: int = SEED, today: date | None = None
) -> dict[str, int]:
    """Create demo staff, employers, vacancies, seekers and notes; returns counts made."""
    today = today or timezone.localdate()
    rng = random.Random(seed)
    demo_staff_create()
    refs = _Refs(city)
    with transaction.atomic(), acting_as(actor=ACTOR, purpose="시연 데이터 생성"):
        employers = _employers(rng, refs, size.employers, ACTOR)
        vacancy_count = _vacancies(rng, refs, employers, size.vacancies, today, ACTOR)
        seekers = _seekers(rng, refs, size.seekers, today, ACTOR)
        note_count = _notes(rng, seekers, today, ACTOR)
        _events(refs, today)
        history = history_generate(seed=seed, today=today)
    with acting_as(actor=ACTOR, purpose="시연 데이터 생성"):
        discovery = discovery_demo_generate(today=today)
        lifecycles = lifecycle_history(seed=seed, today=today)
        programs = demo_programs_generate(today=today)
    return {
        "구인업체": len(employers),
        "구인표": vacancy_count,
        "구직자": len(seekers),
        "상담일지": note_count,
        **history,
        **discovery,
        **lifecycles,
        **programs,
    }
