"""Walking every route of the site as every role, against the access table in ``docs/access.csv``.

The table is the specification, written by hand; this module only reads it, builds the URL of
each route for one side of its scope (the user's own record, or another desk's / another user's),
asks the way a browser or a program would, and sorts the answer into the table's words.
"""

import csv
import functools
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, time
from io import BytesIO
from pathlib import Path
from typing import Any

from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from openpyxl import load_workbook

from iljari.accounts.models import Desk, User
from iljari.accounts.services import api_token_create, staff_create
from iljari.discovery.models import Visit
from iljari.employers.models import Employer
from iljari.employers.services import EmployerInput, employers_create
from iljari.events.models import Booth, HiringEvent, Interview, Registration
from iljari.events.services import EventInput, booth_add, event_create, registration_create
from iljari.front.api import api
from iljari.privacy.models import AuditEvent
from iljari.reference.models import Dong, Occupation
from iljari.referrals.models import FollowUp, Referral
from iljari.referrals.services import placement_record_direct, referral_create
from iljari.safety.models import Incident, Measure
from iljari.safety.services import IncidentInput, incident_report
from iljari.seekers.models import Seeker
from iljari.seekers.selectors import seekers_visible_to
from iljari.seekers.services import SeekerInput, seeker_create
from iljari.training.models import Enrollment, ProgramSession, TrainingProgram
from iljari.training.rules import Declared
from iljari.training.services import ProgramInput, SessionInput, enrollment_create, program_create
from iljari.transfer.models import ImportJob
from iljari.vacancies.models import Vacancy
from iljari.vacancies.services import VacancyInput, vacancies_create

TABLE = Path(__file__).resolve().parents[4] / "docs" / "access.csv"
ROLES = ["anonymous", *User.Role.values]
CELLS = {"ok", "403", "404", "login", "ok/404"}
SCOPES = {"", "seeker", "event", "import", "incident", "staff"}
ALLOWED = {200, 201, 204, 302, 400, 409, 422}  # 400/409/422: a form or a request the role may send, sent empty


@dataclass(frozen=True)
class Row:
    route: str
    scope: str
    cells: dict[str, str]
    why: str


def access_table() -> dict[str, Row]:
    """The table, checked for its own grammar: every cell one of the known words, every row a why."""
    rows = {}
    with TABLE.open(encoding="utf-8", newline="") as fh:
        for record in csv.DictReader(fh):
            row = Row(record["route"], record["scope"], {r: record[r] for r in ROLES}, record["why"])
            assert row.route not in rows, f"{row.route} is listed twice"
            assert row.scope in SCOPES, f"{row.route}: unknown scope {row.scope!r}"
            assert set(row.cells.values()) <= CELLS, f"{row.route}: {row.cells}"
            assert ("ok/404" in row.cells.values()) <= bool(row.scope), f"{row.route}: ok/404 needs a scope"
            assert row.why.strip(), f"{row.route}: say why"
            rows[row.route] = row
    return rows


def url_routes(resolver: URLResolver | None = None, namespace: str = "") -> Iterator[tuple[str, URLPattern]]:
    """Every named route of the URL configuration, with its namespace."""
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            yield from url_routes(pattern, f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace)
        elif pattern.name:
            yield namespace + pattern.name, pattern


def row_for(table: dict[str, Row], route: str) -> Row | None:
    """A route's row: its own, or a ``prefix:*`` row (Django's admin has one row for all its pages)."""
    return table.get(route) or table.get(route.split(":")[0] + ":*")


@functools.cache
def api_methods() -> dict[str, str]:
    """The HTTP method of each API operation, by its route name (GET and POST share a path)."""
    return {
        f"api:{getattr(operation, 'url_name', None) or operation.view_func.__name__}": operation.methods[0]
        for _prefix, router in api._routers
        for path_view in router.path_operations.values()
        for operation in path_view.operations
    }


# ---------------------------------------------------------------------------------------------
# The world: a desk of our own (와동) and another desk (원곡동), each with a seeker in mid-story.


SEEKER_NAMES = {"in": "한별빛", "out": "도하늘"}
CONTACT = "윤담당자"


@dataclass
class Side:
    """The records one scope points at, on one side: ``in`` the user's, ``out`` another desk's."""

    seeker: Seeker
    referral: Referral
    follow_up: FollowUp
    event: HiringEvent
    booth: Booth
    registration: Registration
    incident: Incident  # an abusive contact by this seeker, reported by their counselor, with a measure
    measure: Measure


@dataclass
class World:
    desk: Desk
    other_desk: Desk
    users: dict[str, User]
    other_user: User
    employer: Employer
    vacancy: Vacancy
    visit: Visit
    sides: dict[str, Side]
    program: TrainingProgram | None = None
    session: ProgramSession | None = None  # one already held
    enrollment: Enrollment | None = None  # our seeker's application to the program
    tokens: dict[int, str] = field(default_factory=dict)

    @property
    def seekers(self) -> list[Seeker]:
        return [s.seeker for s in self.sides.values()]

    def token(self, user: User) -> str:
        if user.pk not in self.tokens:
            self.tokens[user.pk] = api_token_create(user=user, name="walk", actor="test")
        return self.tokens[user.pk]


def _staff(username: str, role: str, desk: Desk | None) -> User:
    return staff_create(username=username, full_name=username, role=role, desk=desk, password=None, actor="test")


def _event(name: str, desk: Desk, actor: User) -> HiringEvent:
    data = EventInput(
        name=name, kind="weekly", date=date.today(), place="시청", starts_at=time(9), ends_at=time(12), desk=desk
    )
    return event_create(data=data, actor=actor)


def _incident(reporter: User, seeker: Seeker | None = None) -> Incident:
    data = IncidentInput(
        kind="verbal",
        channel="desk",
        occurred_at=timezone.now(),
        what_happened="욕설",
        seeker=seeker,
        measures=["two_person"] if seeker else [],
    )
    return incident_report(data=data, reporter=reporter)


def build_world(desk: Desk, other_desk: Desk) -> World:
    """Staff of every role at our desk, a seeker at each desk with a referral, a placement and a place
    at a hiring event of each desk; our desk's event also has the other desk's seeker registered (an
    event takes seekers of every desk: the event-day rule)."""
    users = {role: _staff(f"w-{role}", role, None if role in ("manager", "admin") else desk) for role in ROLES[1:]}
    other_user = _staff("w-other-counselor", User.Role.COUNSELOR, other_desk)
    dong = Dong.objects.get(name="초지동")
    [employer] = employers_create(
        inputs=[EmployerInput(name="세원테크", dong=dong, contact_name=CONTACT, contact_phone="031-481-2222")],
        actor="t",
    )
    [vacancy] = vacancies_create(
        inputs=[
            VacancyInput(
                employer=employer,
                title="아크용접원",
                occupation=Occupation.objects.filter(title="아크용접원").first(),
                wage_type="monthly",
                wage_amount=2_600_000,
                hours_start=time(8, 30),
                hours_end=time(17, 30),
                weekly_hours=40,
                dong=dong,
            )
        ],
        actor="t",
    )
    sides = {}
    for side, (at, counselor) in {"in": (desk, users["counselor"]), "out": (other_desk, other_user)}.items():
        seeker = seeker_create(
            data=SeekerInput(
                desk=at,
                name=SEEKER_NAMES[side],
                birth_date=date(1984, 5, 6 if side == "in" else 7),
                phone=f"010-4242-{1000 if side == 'in' else 2000}",
                home_dong=Dong.objects.get(name="와동"),
                desired_job_text="아크용접원",
            ),
            actor=counselor,
        )
        referral = referral_create(seeker=seeker, vacancy=vacancy, counselor=counselor)
        placement = placement_record_direct(
            seeker=seeker, employer_name="동네 식당", started_on=date(2026, 9, 1), actor=counselor
        )
        # That job ended and they look again, so they are among a vacancy's candidates too.
        Seeker.objects.filter(pk=seeker.pk).update(status=Seeker.Status.ACTIVE)
        event = _event(f"채용의 날 {side}", at, users["manager"])
        booth = booth_add(event=event, employer=employer, vacancies=[vacancy], actor="t")
        registration = registration_create(event=event, seeker=seeker, source="counselor", actor=counselor)
        incident = _incident(counselor, seeker)
        sides[side] = Side(
            seeker,
            referral,
            placement.follow_ups.first(),
            event,
            booth,
            registration,
            incident,
            incident.measures.get(),
        )
    # Our event takes the other desk's seeker too: its staff see them masked, never in full.
    registration_create(event=sides["in"].event, seeker=sides["out"].seeker, source="counselor", actor=other_user)
    visit = Visit.objects.create(
        employer=employer, staff=users["discovery"], team="smart_hub", visited_on=date.today(), note="사출 2명 월 230"
    )
    today = timezone.localdate()
    program = program_create(
        data=ProgramInput(
            name="지게차운전기능사 과정", provider="직업전문학교", starts_on=today, ends_on=today, capacity=5
        ),
        sessions=[SessionInput(today, time(9), time(12), "실습장")],
        actor="test",
    )
    enrollment = enrollment_create(
        program=program,
        seeker=sides["in"].seeker,
        declared=Declared(),
        consent_method="paper",
        consent_given_on=today,
        actor=users["counselor"],
    )
    world = World(desk, other_desk, users, other_user, employer, vacancy, visit, sides)
    world.program, world.session, world.enrollment = program, program.sessions.get(), enrollment
    return world


# ---------------------------------------------------------------------------------------------
# Asking: the URL of a route for one side of its scope, the request, the answer in the table's words.

# What a route's ``pk`` is, by namespace (a route name wins over its namespace).
PK_OBJECT = {
    "matching:vacancy_candidates": "vacancy",
    "matching": "seeker",
    "seekers": "seeker",
    "referrals": "seeker",
    "events": "event",
    "transfer": "job",
    "employers": "employer",
    "vacancies": "vacancy",
    "reference": "occupation",
    "discovery": "visit",
    "safety:measure_lift": "measure",
    "safety": "incident",
    "public": "vacancy",
    "training:attendance": "session",
    "training:seeker_programs": "seeker",
    "training:seeker_enroll": "seeker",
    "training": "program",
    "portal_staff": "vacancy",  # no portal request has this number: the decision is refused with 404
}
# The records that follow a row's scope to the other side (the rest stay on ours).
FAMILY = {
    "seeker": {"seeker", "referral", "follow_up", "measure"},
    "event": {"event", "booth", "interview", "registration"},
}


def _interview(booth: Booth, registration: Registration) -> Interview:
    """A live interview at the booth (building a timetable, an earlier route, replaces them)."""
    current = Interview.objects.filter(booth=booth).exclude(status="cancelled").first()
    return current or Interview.objects.create(
        registration=registration,
        booth=booth,
        vacancy=booth.vacancies.first(),
        slot=0,
        starts_at=booth.event.slot_start(0),
    )


def _job(user: User | None, world: World, side: str) -> int:
    """An import job: the user's own, or one of another member of staff."""
    owner = world.other_user if side == "out" or user is None else user
    return ImportJob.objects.create(
        kind="employers", file_name="x.xlsx", stored_path="/nonexistent", created_by=owner, status="rejected"
    ).pk


class Pointed:
    """The records a request points at, looked up as a URL needs them: those of the row's scope from
    ``side``, the rest from our side."""

    def __init__(self, world: World, scope: str, side: str, user: User | None) -> None:
        self.world, self.scope, self.side, self.user = world, scope, side, user

    def _side(self, key: str) -> Side:
        return self.world.sides[self.side if key in FAMILY.get(self.scope, ()) else "in"]

    def __getitem__(self, key: str) -> Any:
        if key == "interview":
            side = self._side(key)
            return _interview(side.booth, side.registration)
        if key == "job":
            return _job(self.user, self.world, self.side if self.scope == "import" else "in")
        if key == "incident":
            return self._incident()
        if key == "user":  # a counselor: of our desk, or of the other
            return (
                self.world.other_user if self.scope == "staff" and self.side == "out" else self.world.users["counselor"]
            )
        if key == "occupation":
            return Occupation.objects.order_by("pk").first()
        if key in FAMILY["seeker"] | FAMILY["event"]:
            return getattr(self._side(key), key)
        return getattr(self.world, key)

    def _incident(self) -> Incident:
        """One the user reported themselves (a record only its reporter, their desk lead and managers
        read), or the other desk's."""
        if self.scope == "incident" and self.side == "out":
            return self.world.sides["out"].incident
        if self.user is None or self.user.desk_id is None:
            return self.world.sides["in"].incident
        return _incident(self.user)


def route_kwargs(route: str, pattern: URLPattern, objects: Pointed) -> dict[str, Any]:
    namespace = route.split(":")[0]
    kwargs = {}
    for key in pattern.pattern.converters:
        if key == "pk":
            value = objects[PK_OBJECT.get(route) or PK_OBJECT[namespace]]
        elif key == "name":
            value = "desk"  # a report section
        elif key == "kind":
            value = "employers"  # an import template (the seekers one is for caseworkers only)
        elif key == "code":
            value = objects["event"].public_code
        elif key == "ticket":
            value = objects["registration"].ticket
        else:
            value = objects[key.removesuffix("_id")]
        kwargs[key] = value if isinstance(value, int | str) else value.pk
    return kwargs


def api_payload(route: str, objects: Pointed) -> dict[str, Any]:
    """A request body each API write accepts, so a refused role is refused for its role, not its input."""
    payloads = {
        "api:create_seeker": {"name": "신규등록", "birth_date": "1991-02-03", "home_dong": "와동", "consent": True},
        "api:create_employer": {"name": "새한정밀", "dong": "초지동"},
        "api:create_vacancy": {"employer_id": objects["employer"].pk, "title": "포장원", "wage_amount": 2_400_000},
        "api:create_referral": {"seeker_id": objects["seeker"].pk, "vacancy_id": objects["vacancy"].pk},
        # Moves sent without their reason (422) or not allowed from the current status (409): nothing changes.
        "api:close_vacancy": {},
        "api:reopen_vacancy": {},
        "api:change_seeker_status": {},
        "api:record_outcome": {"hired": False},  # no 불채용 사유: 422
        "api:correct_outcome": {"to": "hired"},  # no reason, and a referral still 진행 중: refused
        "api:undo_outcome": {},  # nothing recorded to undo: 409
    }
    return payloads[route]


@dataclass
class Answer:
    route: str
    role: str
    side: str
    status: int
    outcome: str  # ok, 403, 404, login, or "status N" for anything else
    text: str  # what the user was shown: HTML, JSON (decoded) or a workbook's cells
    audited: set[tuple[str, str]]  # (object_type, object_id) of the rows this request wrote for this user


def _outcome(response: Any, route: str, user: User | None) -> str:
    status = response.status_code
    location = response.get("Location", "")
    if route.startswith("admin:") and status == 302 and location.startswith(reverse("admin:login")):
        return "login" if user is None else "403"  # Django's admin answers both with its own login page
    if (status == 302 and location.startswith(reverse(settings.LOGIN_URL)) and "next=" in location) or status == 401:
        return "login"
    if status in (403, 404):
        return str(status)
    return "ok" if status in ALLOWED else f"status {status}"


def _shown(response: Any) -> str:
    kind = response.get("Content-Type", "")
    if response.streaming or kind.startswith("application/pdf") or "spreadsheetml" in kind:
        content = b"".join(response.streaming_content) if response.streaming else response.content
        if "spreadsheetml" not in kind:
            return ""
        book = load_workbook(BytesIO(content), read_only=True)
        return " ".join(str(c) for ws in book.worksheets for r in ws.iter_rows(values_only=True) for c in r if c)
    text = response.content.decode("utf-8", "replace")
    if kind.startswith("application/json"):
        return json.dumps(json.loads(text or "null"), ensure_ascii=False)
    return text


def ask(client: Client, world: World, route: str, pattern: URLPattern, role: str, side: str, scope: str) -> Answer:
    """One request as ``role`` (already signed in) for ``side`` of the route's scope."""
    user = world.users.get(role)
    objects = Pointed(world, scope, side, user)
    url = reverse(route, kwargs=route_kwargs(route, pattern, objects))
    headers = {}
    if user is not None and route.startswith("api:"):
        headers["HTTP_AUTHORIZATION"] = f"Bearer {world.token(user)}"
    before = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    if api_methods().get(route) == "POST":
        response = client.post(url, api_payload(route, objects), content_type="application/json", **headers)
    else:
        response = client.get(url, **headers)
        if response.status_code == 405:  # a page that only takes a form: post it empty
            response = client.post(url, {}, **headers)
    audited = set()
    if user is not None:
        audited = set(
            AuditEvent.objects.filter(id__gt=before, actor_id=user.pk).values_list("object_type", "object_id")
        )
    return Answer(route, role, side, response.status_code, _outcome(response, route, user), _shown(response), audited)


def sides_to_ask(row: Row, role: str) -> list[tuple[str, str]]:
    """(side, expected outcome): a scoped route is asked for our record and for another's."""
    cell = row.cells[role]
    if not row.scope:
        return [("in", cell)]
    if cell == "ok/404":
        return [("in", "ok"), ("out", "404")]
    return [("in", cell), ("out", cell)]


@dataclass
class Walk:
    """What the walk saw, as plain records that outlive the test database's rollback."""

    answers: list[tuple[Answer, str]]  # each answer with the outcome the table expects
    seekers: dict[int, str]  # the world's seekers: id → name
    employer_id: int
    visible: dict[str, set[int]]  # by role: the seekers whose whole record that role may see


def walk(client: Client, world: World, table: dict[str, Row]) -> Walk:
    """Every route of the URL configuration as each role, signed in once per role."""
    answers = []
    for role in ROLES:
        user = world.users.get(role)
        sign_in = (lambda u=user: client.force_login(u)) if user else client.logout
        sign_in()
        for route, pattern in url_routes():
            row = row_for(table, route)
            if row is None or (route.startswith("admin:") and route != "admin:index"):
                continue  # unlisted routes fail their own test; the admin's pages are one row, asked once
            for side, expected in sides_to_ask(row, role):
                answers.append((ask(client, world, route, pattern, role, side, row.scope), expected))
            if route == "logout":
                sign_in()
    visible = {role: set(seekers_visible_to(user).values_list("pk", flat=True)) for role, user in world.users.items()}
    return Walk(answers, {s.pk: s.name for s in world.seekers}, world.employer.pk, visible)


_walked: list[Walk] = []


def walked_once(client: Client, make_world: Callable[[], World]) -> Walk:
    """The walk, made once per test session and shared by the tests that read it (it asks ~850 times)."""
    if not _walked:
        _walked.append(walk(client, make_world(), access_table()))
    return _walked[0]
