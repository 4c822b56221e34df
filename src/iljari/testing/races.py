"""Two clients at once on every write that creates or changes an outcome, with what must still hold.

Each race prepares fresh records, reads the pages as two browsers would (or one page, posted twice:
a double click), lets both threads post at the same moment (a barrier) through the real views on
the real database, and then checks the records: one outcome per referral and a placement exactly
when it is 채용, follow-ups only for a placement that stands, the seeker's and the vacancy's status
following, one seeker per person, no answer 500, and never two people told they succeeded at
things that cannot both be true. ``make test`` runs every race a few rounds on a SQLite file and
on PostgreSQL (``iljari/*/tests/test_races.py``); ``bench/trust/races.py`` runs them longer and
prints the table.

The races speak HTTP and read the records through the models' base managers, so the same code
measures a checkout before the fixes (the "before" column).
"""

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from html.parser import HTMLParser
from typing import Any

from django.contrib.messages import constants
from django.db import close_old_connections, connections
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from iljari.accounts.models import Desk, User
from iljari.accounts.services import staff_create
from iljari.employers.models import Employer
from iljari.employers.services import EmployerInput, employers_create
from iljari.events.models import HiringEvent, Interview
from iljari.events.services import EventInput, booth_add, event_create, registration_create
from iljari.reference.models import Dong
from iljari.referrals.models import FollowUp, Placement, Referral
from iljari.referrals.services import placement_record_direct, referral_create, referral_schedule_interview
from iljari.seekers.models import Seeker
from iljari.seekers.services import SeekerInput, seeker_create
from iljari.vacancies.models import Vacancy
from iljari.vacancies.services import VacancyInput, vacancies_create


class _Forms(HTMLParser):
    """The hidden inputs of each form on a page, by the form's action: what a browser would post back."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: dict[str, list[dict[str, str]]] = {}
        self._current: dict[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._current = {}
            self.forms.setdefault(a.get("action", ""), []).append(self._current)
        elif tag == "input" and self._current is not None and a.get("type") == "hidden" and a.get("name"):
            self._current[a["name"]] = a.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._current = None


def hidden_fields(html: str, action: str, *, containing: dict[str, str] | None = None, nth: int = 0) -> dict[str, str]:
    """The hidden fields of the ``nth`` form posting to ``action`` among those whose hidden fields
    include ``containing``; empty when the page has no such form."""
    parser = _Forms()
    parser.feed(html)
    found = [f for f in parser.forms.get(action, []) if all(f.get(k) == v for k, v in (containing or {}).items())]
    return found[nth] if len(found) > nth else {}


@dataclass
class Answer:
    """What one client was answered."""

    status: int
    succeeded: bool  # told it worked (a success message, or sent on to the record it made)
    error: str = ""


def _answer(response: Any) -> Answer:
    queued = getattr(getattr(response.wsgi_request, "_messages", None), "_queued_messages", [])
    errors = [m.message for m in queued if m.level >= constants.WARNING]
    successes = [m for m in queued if m.level == constants.SUCCESS]
    succeeded = response.status_code == 302 and bool(successes) and not errors
    return Answer(response.status_code, succeeded, "; ".join(errors))


def current_placements(qs: Any) -> Any:
    """Placements that stand (a checkout without withdrawals has only those)."""
    names = {f.name for f in Placement._meta.concrete_fields}
    return qs.filter(withdrawn_at__isnull=True) if "withdrawn_at" in names else qs


@dataclass
class World:
    """A desk with two counselors, a company, and a hiring event today that the desk hosts."""

    desk: Desk
    dong: Dong
    staff: tuple[User, User]
    employer: Employer
    event: HiringEvent
    clients: tuple[Client, Client] = field(default=None)  # type: ignore[assignment]
    serial: int = 0

    def next(self) -> int:
        self.serial += 1
        return self.serial


def build_world(*, tag: str = "race") -> World:
    desk = Desk.objects.get(name="와동 행정복지센터")
    dong = Dong.objects.get(name="와동")
    staff = tuple(
        staff_create(
            username=f"{tag}-{n}",
            full_name=f"상담사{n}",
            role=User.Role.COUNSELOR,
            desk=desk,
            password=None,
            actor="race",
        )
        for n in ("a", "b")
    )
    [employer] = employers_create(
        inputs=[EmployerInput(name="경합정밀", dong=Dong.objects.get(name="초지동"))], actor="race"
    )
    event = event_create(
        data=EventInput(
            name=f"경합 채용의 날 {tag}",
            kind="weekly",
            date=timezone.localdate(),
            place="시청",
            starts_at=time(0, 0),
            ends_at=time(23, 50),
            slot_minutes=10,
            desk=desk,
        ),
        actor="race",
    )
    world = World(desk, dong, staff, employer, event)  # type: ignore[arg-type]
    world.clients = tuple(_client(u) for u in staff)  # type: ignore[assignment]
    return world


def _client(user: User) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


# ---------------------------------------------------------------------------------------------
# Records for one round


def _seeker(world: World, n: int) -> Seeker:
    return seeker_create(
        data=SeekerInput(
            desk=world.desk,
            name=f"경합{n}",
            birth_date=date(1980, 1, 1) + timedelta(days=n),
            phone=f"010-7{n // 10000:03d}-{n % 10000:04d}",
            home_dong=world.dong,
            counselor=world.staff[0],
        ),
        actor=world.staff[0],
    )


def _vacancy(world: World, n: int, employer: Employer | None = None) -> Vacancy:
    [vacancy] = vacancies_create(
        inputs=[
            VacancyInput(
                employer=employer or world.employer, title=f"포장원 {n}", wage_type="monthly", wage_amount=2_400_000
            )
        ],
        actor="race",
    )
    return vacancy


def _interviewed(world: World, n: int) -> Referral:
    referral = referral_create(seeker=_seeker(world, n), vacancy=_vacancy(world, n), counselor=world.staff[0])
    return referral_schedule_interview(referral=referral, at=timezone.now(), actor=world.staff[0])


def _booth_interview(world: World, n: int) -> Interview:
    # One booth per company at an event: a company of its own for each round.
    [employer] = employers_create(inputs=[EmployerInput(name=f"경합산업 {n}", dong=world.dong)], actor="race")
    seeker, vacancy = _seeker(world, n), _vacancy(world, n, employer)
    booth = booth_add(event=world.event, employer=employer, vacancies=[vacancy], actor="race", label=f"{n}")
    registration = registration_create(event=world.event, seeker=seeker, source="counselor", actor=world.staff[0])
    start = timezone.now().replace(second=0, microsecond=0) - timedelta(minutes=5)
    return Interview.objects.create(
        registration=registration,
        booth=booth,
        vacancy=vacancy,
        slot=max(world.event.slot_of(start), 0),
        starts_at=start,
    )


# ---------------------------------------------------------------------------------------------
# Requests: a page read (the form's hidden fields), then a post


@dataclass
class Post:
    """One client's request: which client, the page it read first (if any), the form's action and what
    the person chose; ``hidden`` filters which form of the page when it has several to that action."""

    client: int
    action: str
    data: dict[str, str]
    page: str = ""
    hidden: dict[str, str] | None = None
    nth: int = 0

    def read(self, world: World) -> dict[str, str]:
        if not self.page:
            return {}
        html = world.clients[self.client].get(self.page).content.decode()
        return hidden_fields(html, self.action, containing=self.hidden, nth=self.nth)

    def send(self, world: World, form: dict[str, str]) -> Answer:
        return _answer(world.clients[self.client].post(self.action, {**form, **self.data}))


@dataclass
class Round:
    posts: tuple[Post, Post]
    check: Callable[[list[Answer]], list[str]]
    same_page: bool = False  # one page read, posted twice (a double click), or each its own


@dataclass
class Race:
    key: str
    label: str
    prepare: Callable[[World, int], Round]
    new: bool = False  # a path the checkout before the fixes does not have


def _seeker_page(seeker_id: int) -> str:
    return reverse("seekers:detail", args=[seeker_id])


def _chain(referral_id: int) -> list[str]:
    """What must hold of a referral, its placement and follow-ups, its seeker and its vacancy."""
    problems = []
    r = Referral.objects.get(pk=referral_id)
    placements = list(current_placements(Placement._base_manager.filter(referral_id=referral_id)))
    if (r.status == Referral.Status.HIRED) != (len(placements) == 1) or len(placements) > 1:
        problems.append(f"알선 {r.get_status_display()}인데 취업 {len(placements)}건")
    for p in placements:
        months = sorted(FollowUp._base_manager.filter(placement=p).values_list("months_after", flat=True))
        if months != [1, 3, 6]:
            problems.append(f"취업 #{p.pk}의 사후관리 {months}")
    problems += _seeker_state(r.seeker_id)
    vacancy = Vacancy.objects.get(pk=r.vacancy_id)
    hires = Referral.objects.filter(vacancy=vacancy, status=Referral.Status.HIRED).count()
    if (hires >= vacancy.openings) != (vacancy.status == Vacancy.Status.FILLED):
        problems.append(f"구인표 {vacancy.get_status_display()}인데 채용 {hires}/{vacancy.openings}")
    return problems


def _seeker_state(seeker_id: int) -> list[str]:
    seeker = Seeker.objects.get(pk=seeker_id)
    placed = current_placements(Placement._base_manager.filter(seeker_id=seeker_id)).exists()
    if placed != (seeker.status == Seeker.Status.PLACED):
        return [f"구직자 '{seeker.get_status_display()}'인데 취업 기록 {'있음' if placed else '없음'}"]
    return []


def _no_500(answers: list[Answer]) -> list[str]:
    return [f"응답 {a.status}" for a in answers if a.status >= 500]


def _one_told(answers: list[Answer]) -> list[str]:
    """Two outcomes that cannot both be true: at most one person told it worked."""
    told = sum(a.succeeded for a in answers)
    return [f"두 사람 모두 성공으로 안내받음 ({told}명)"] if told > 1 else []


def _conflicting(referral_id: int) -> Callable[[list[Answer]], list[str]]:
    return lambda answers: _no_500(answers) + _one_told(answers) + _chain(referral_id)


def _same(referral_id: int) -> Callable[[list[Answer]], list[str]]:
    return lambda answers: _no_500(answers) + _chain(referral_id)


def _outcome(referral: Referral, *, hired: bool) -> dict[str, str]:
    return {"hired": "1"} if hired else {"hired": "0", "reason": Referral.Reason.WAGE}


def hire_vs_reject(world: World, n: int) -> Round:
    r = _interviewed(world, n)
    action, page = reverse("referrals:outcome", args=[r.seeker_id, r.pk]), _seeker_page(r.seeker_id)
    return Round(
        (
            Post(0, action, _outcome(r, hired=True), page, {"hired": "1"}),
            Post(1, action, _outcome(r, hired=False), page, {"hired": "0"}),
        ),
        _conflicting(r.pk),
    )


def hire_twice(world: World, n: int) -> Round:
    r = _interviewed(world, n)
    action, page = reverse("referrals:outcome", args=[r.seeker_id, r.pk]), _seeker_page(r.seeker_id)
    post = [Post(c, action, _outcome(r, hired=True), page, {"hired": "1"}) for c in (0, 1)]
    return Round((post[0], post[1]), _same(r.pk))


def cancel_vs_hire(world: World, n: int) -> Round:
    r = _interviewed(world, n)
    page = _seeker_page(r.seeker_id)
    return Round(
        (
            Post(0, reverse("referrals:cancel", args=[r.seeker_id, r.pk]), {}, page),
            Post(
                1, reverse("referrals:outcome", args=[r.seeker_id, r.pk]), _outcome(r, hired=True), page, {"hired": "1"}
            ),
        ),
        _conflicting(r.pk),
    )


def interview_vs_cancel(world: World, n: int) -> Round:
    r = referral_create(seeker=_seeker(world, n), vacancy=_vacancy(world, n), counselor=world.staff[0])
    page = _seeker_page(r.seeker_id)
    at = timezone.localtime() + timedelta(days=1)

    def check(answers: list[Answer]) -> list[str]:
        """Both may succeed one after the other (an interview set, then the referral cancelled); a
        cancelled referral must never come back to 면접 예정 (the interview written over the cancel)."""
        problems = _no_500(answers) + _chain(r.pk)
        final = Referral.objects.get(pk=r.pk)
        if all(a.succeeded for a in answers) and final.status != Referral.Status.CANCELLED:
            problems.append(f"두 사람 모두 성공으로 안내받았는데 알선 '{final.get_status_display()}'")
        return problems

    return Round(
        (
            Post(
                0,
                reverse("referrals:interview", args=[r.seeker_id, r.pk]),
                {"interview_at": f"{at:%Y-%m-%dT%H:%M}"},
                page,
            ),
            Post(1, reverse("referrals:cancel", args=[r.seeker_id, r.pk]), {}, page),
        ),
        check,
    )


def direct_double(world: World, n: int) -> Round:
    seeker = _seeker(world, n)
    action = reverse("referrals:direct", args=[seeker.pk])
    data = {"employer_name": "동네마트", "started_on": timezone.localdate().isoformat()}
    post = [Post(c, action, data, _seeker_page(seeker.pk)) for c in (0, 0)]

    def check(answers: list[Answer]) -> list[str]:
        count = current_placements(Placement._base_manager.filter(seeker=seeker)).count()
        return _no_500(answers) + ([] if count == 1 else [f"취업 {count}건"]) + _seeker_state(seeker.pk)

    return Round((post[0], post[1]), check, same_page=True)


def register_same_person(world: World, n: int) -> Round:
    phone = f"010-6{n // 10000:03d}-{n % 10000:04d}"
    data = {
        "name": f"동시{n}",
        "birth_date": (date(1975, 1, 1) + timedelta(days=n)).isoformat(),
        "phone": phone,
        "home_dong": str(world.dong.pk),
        "work_hours": "any",
        "employment_type": "any",
        "korean_level": "4",
        "preferred_language": "ko",
        "consent": "on",
    }
    action = reverse("seekers:new")
    post = [Post(c, action, data, action) for c in (0, 1)]

    def check(answers: list[Answer]) -> list[str]:
        from iljari.seekers.selectors import phone_hash

        count = Seeker.objects.exclude(status=Seeker.Status.ERASED).filter(phone_hash=phone_hash(phone)).count()
        return _no_500(answers) + ([] if count == 1 else [f"같은 사람 {count}명 등록"])

    return Round((post[0], post[1]), check)


def follow_up_stale(world: World, n: int) -> Round:
    seeker = _seeker(world, n)
    placement = placement_record_direct(
        seeker=seeker,
        employer_name="동네마트",
        started_on=timezone.localdate() - timedelta(days=40),
        actor=world.staff[0],
    )
    item = placement.follow_ups.get(months_after=1)
    action, page = reverse("referrals:follow_up", args=[seeker.pk, item.pk]), _seeker_page(seeker.pk)
    kept, left = {"still_employed": "1"}, {"still_employed": "0", "reason": "이직"}

    def check(answers: list[Answer]) -> list[str]:
        problems = _no_500(answers) + _one_told(answers)
        stored = FollowUp._base_manager.get(pk=item.pk).still_employed
        told = [want for a, want in zip(answers, (True, False), strict=True) if a.succeeded]
        if told and stored != told[-1] and len(told) == 1:
            problems.append("안내받은 결과와 저장된 결과가 다름")
        return problems

    return Round((Post(0, action, kept, page), Post(1, action, left, page)), check)


def _booth_posts(world: World, i: Interview, results: tuple[dict[str, str], dict[str, str]], *, same: bool) -> tuple:
    action = reverse("events:booth_result", args=[world.event.pk, i.booth_id, i.pk])
    page = reverse("events:booth", args=[world.event.pk, i.booth_id])
    clients = (0, 0) if same else (0, 1)
    # The page's first form has the 합격 buttons, the second the 불합격 reason.
    return tuple(
        Post(c, action, data, page, nth=int(data["result"] == "failed"))
        for c, data in zip(clients, results, strict=True)
    )


def _booth_check(i: Interview, *, conflicting: bool) -> Callable[[list[Answer]], list[str]]:
    def check(answers: list[Answer]) -> list[str]:
        problems = _no_500(answers) + (_one_told(answers) if conflicting else [])
        interview = Interview.objects.get(pk=i.pk)
        referrals = Referral.objects.filter(seeker_id=i.registration.seeker_id, vacancy_id=i.vacancy_id)
        if referrals.count() != 1:
            return [*problems, f"알선 {referrals.count()}건"]
        r = referrals.get()
        wanted = {"passed": Referral.Status.HIRED, "failed": Referral.Status.NOT_HIRED}.get(interview.result)
        if wanted and r.status != wanted:
            problems.append(f"부스 결과 {interview.get_result_display()}인데 알선 {r.get_status_display()}")
        return problems + _chain(r.pk)

    return check


def booth_pass_vs_fail(world: World, n: int) -> Round:
    i = _booth_interview(world, n)
    posts = _booth_posts(world, i, ({"result": "passed"}, {"result": "failed", "reason": "wage"}), same=False)
    return Round(posts, _booth_check(i, conflicting=True))


def booth_pass_double(world: World, n: int) -> Round:
    i = _booth_interview(world, n)
    posts = _booth_posts(world, i, ({"result": "passed"}, {"result": "passed"}), same=True)
    return Round(posts, _booth_check(i, conflicting=False), same_page=True)


def refer_twice(world: World, n: int) -> Round:
    seeker, vacancy = _seeker(world, n), _vacancy(world, n)
    action = reverse("matching:seeker_refer", args=[seeker.pk, vacancy.pk])

    def check(answers: list[Answer]) -> list[str]:
        active = Referral.objects.filter(seeker=seeker, vacancy=vacancy, status__in=("referred", "interview")).count()
        return _no_500(answers) + _one_told(answers) + ([] if active == 1 else [f"진행 중 알선 {active}건"])

    return Round((Post(0, action, {}), Post(1, action, {})), check)


def _hired(world: World, n: int) -> Referral:
    from iljari.referrals.services import referral_record_outcome

    return referral_record_outcome(referral=_interviewed(world, n), hired=True, actor=world.staff[0])


def correct_twice(world: World, n: int) -> Round:
    r = _hired(world, n)
    action, page = reverse("referrals:correct", args=[r.seeker_id, r.pk]), _seeker_page(r.seeker_id)
    data = {"to": "not_hired", "not_hired_reason": "wage", "reason": "면접관이 결과를 잘못 알려 줌"}
    return Round((Post(0, action, data, page), Post(1, action, data, page)), _conflicting(r.pk))


def correct_vs_undo(world: World, n: int) -> Round:
    r = _hired(world, n)
    page = _seeker_page(r.seeker_id)
    return Round(
        (
            Post(0, reverse("referrals:undo", args=[r.seeker_id, r.pk]), {}, page),
            Post(
                1,
                reverse("referrals:correct", args=[r.seeker_id, r.pk]),
                {"to": "not_hired", "not_hired_reason": "wage", "reason": "잘못 기록"},
                page,
            ),
        ),
        _conflicting(r.pk),
    )


RACES = [
    Race("hire_vs_reject", "채용 vs 불채용 (한 알선, 두 상담사)", hire_vs_reject),
    Race("hire_twice", "채용 두 번 (한 알선, 두 상담사)", hire_twice),
    Race("cancel_vs_hire", "알선 취소 vs 채용", cancel_vs_hire),
    Race("interview_vs_cancel", "면접 기록 vs 알선 취소", interview_vs_cancel),
    Race("direct_double", "자체 취업 두 번 전송 (같은 화면)", direct_double),
    Race("register_same_person", "같은 사람 동시 등록 (두 상담사)", register_same_person),
    Race("follow_up_stale", "사후관리 (두 화면, 서로 다른 결과)", follow_up_stale),
    Race("booth_pass_vs_fail", "부스 합격 vs 불합격 (두 휴대전화)", booth_pass_vs_fail),
    Race("booth_pass_double", "부스 합격 두 번 누름 (같은 화면)", booth_pass_double),
    Race("refer_twice", "같은 구인표에 동시 알선", refer_twice),
    Race("correct_twice", "결과 정정 두 번 (두 상담사)", correct_twice, new=True),
    Race("correct_vs_undo", "되돌리기 vs 정정", correct_vs_undo, new=True),
]


@dataclass
class Tally:
    race: Race
    rounds: int = 0
    broken: int = 0  # rounds where something did not hold
    problems: dict[str, int] = field(default_factory=dict)

    def add(self, problems: list[str]) -> None:
        self.rounds += 1
        self.broken += bool(problems)
        for p in problems:
            self.problems[p] = self.problems.get(p, 0) + 1


def run_round(world: World, race: Race) -> list[str]:
    """One round: prepare, read the page(s), both post at once, check."""
    plan = race.prepare(world, world.next())
    first = plan.posts[0].read(world)
    forms = [first, first if plan.same_page else plan.posts[1].read(world)]
    barrier = threading.Barrier(2)
    answers: list[Answer | None] = [None, None]

    def go(index: int) -> None:
        close_old_connections()
        try:
            barrier.wait(timeout=30)
            answers[index] = plan.posts[index].send(world, forms[index])
        except Exception as exc:  # a crash in a thread is an answer like any other
            answers[index] = Answer(599, False, f"{type(exc).__name__}: {exc}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=go, args=(i,)) for i in (0, 1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return plan.check([a for a in answers if a is not None])


def run(world: World, races: list[Race], rounds: int, progress: Callable[[Tally], None] | None = None) -> list[Tally]:
    tallies = []
    for race in races:
        tally = Tally(race)
        for _ in range(rounds):
            tally.add(run_round(world, race))
        tallies.append(tally)
        if progress:
            progress(tally)
    return tallies
