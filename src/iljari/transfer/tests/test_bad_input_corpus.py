"""The bad-input corpus (``iljari.testing.corpus``) through imports (the CLI's service and the web
upload), every form, the API, the columns that store free text and the export writer.

Each test prints a table of case → held and then fails listing what did not hold, so a run shows
what was tried even when everything holds. Slow cases (a real 4.8 GB zip bomb, a 20 MB workbook
read to its end) are in ``bench/trust/``.
"""

import inspect
import stat
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, models
from django.test import Client
from django.urls import reverse

from iljari.accounts.services import api_token_create
from iljari.core import cells
from iljari.core.fields import SafeCharField, SafeTextField
from iljari.core.forms import RrnRefusingForm
from iljari.core.rrn import RRN_REFUSAL, contains_rrn
from iljari.employers.services import EmployerInput, employers_create
from iljari.privacy import crypto
from iljari.privacy.audit import audit_record, audit_verify
from iljari.privacy.fields import EncryptedDateField, EncryptedTextField
from iljari.privacy.models import AuditEvent
from iljari.reference.models import Dong
from iljari.seekers.models import Seeker
from iljari.testing.corpus import (
    BIG_NUMBERS,
    CONTROLS,
    FILE_CASES,
    FORMULAS,
    NOT_RRNS,
    RRN_VARIANTS,
    SCRIPTS,
    SEPARATORS,
    FileCase,
)
from iljari.transfer.models import ImportJob
from iljari.transfer.services import ImportRejected, export_file, import_file
from iljari.transfer.tables import table_read
from iljari.vacancies.services import VacancyInput, vacancies_create


@dataclass
class Tried:
    area: str
    case: str
    expected: str
    outcome: str
    held: bool
    tries: int = 1  # inputs behind this row (a form row stands for every field × variant it tried)
    holds: int | None = None  # of them, how many held (all or none when not given)

    @property
    def held_tries(self) -> int:
        return self.holds if self.holds is not None else self.tries * self.held


def _report(rows: list[Tried], capsys) -> None:
    """Print the table (even under capture) and fail with every case that did not hold."""
    width = max(len(r.case) for r in rows)
    with capsys.disabled():
        print(f"\n{'area':<10} {'case':<{width}}  {'expected':<8}  held  outcome")
        for r in rows:
            print(f"{r.area:<10} {r.case:<{width}}  {r.expected:<8}  {'yes ' if r.held else 'NO  '}  {r.outcome[:90]}")
        tried, held = Counter(), Counter()
        for r in rows:
            tried[r.area] += r.tries
            held[r.area] += r.held_tries
        for area in tried:
            print(f"{area}: {tried[area]} tried, {held[area]} held")
    failed = [f"{r.area} {r.case}: {r.outcome}" for r in rows if not r.held]
    assert not failed, "\n".join(failed)


def _no_control_characters(text: str | None) -> bool:
    return not any(ord(c) < 32 and c not in "\t\n\r" for c in text or "")


# ── imports ──────────────────────────────────────────────────────────────────────────────────────


def _import_case(case: FileCase, folder: Path, desk) -> Tried:
    path = folder / case.name
    path.write_bytes(case.make())
    before = Seeker.objects.count()
    try:
        result = import_file(kind="seekers", path=path, actor="corpus", desk=desk)
    except ImportRejected as rejected:
        reasons = " / ".join(m.reason for m in rejected.result.errors)
        held = case.expect == "refused" and case.reason in reasons and Seeker.objects.count() == before
        return Tried("import", case.name, case.expect, f"refused: {reasons}", held)
    except Exception as exc:  # anything else is a defect: a 500 on the web, a traceback on the CLI
        return Tried("import", case.name, case.expect, f"crashed: {exc!r}", False)
    created = Seeker.objects.count() - before
    held = case.expect == "saved" and result.created == created == case.rows
    return Tried("import", case.name, case.expect, f"saved {created} of {result.rows} rows", held)


@pytest.mark.django_db
def test_every_bad_file_is_imported_whole_or_refused_with_a_korean_reason(tmp_path, desk, capsys):
    rows = [_import_case(case, tmp_path, desk) for case in FILE_CASES]
    stored = list(Seeker.objects.all())
    rows.append(
        Tried(
            "import",
            "stored: no control characters",
            "clean",
            f"{len(stored)} seekers",
            all(_no_control_characters(s.name) and _no_control_characters(s.remarks) for s in stored),
        )
    )
    kept = {s.remarks for s in stored} | {s.desired_job_text for s in stored}
    rows.append(Tried("import", "stored: formulas kept as typed", "as typed", "", {"=1+2", "+1+2", "@SUM(A1)"} <= kept))
    rows.append(
        Tried("import", "stored: no registration number", "none", "", not any(contains_rrn(t or "") for t in kept))
    )
    _report(rows, capsys)


def _web_case(client: Client, case: FileCase) -> Tried:
    before = Seeker.objects.count()
    folder = Path(settings.VAR_DIR) / "uploads" / "imports"
    files_before = set(folder.iterdir()) if folder.exists() else set()
    upload = SimpleUploadedFile(case.name, case.make())
    response = client.post(reverse("transfer:start"), {"kind": "seekers", "file": upload})
    if response.status_code == 200:  # refused by the form itself (its name, its size)
        page = response.content.decode()
        held = case.expect == "refused" and case.reason in page and Seeker.objects.count() == before
        return Tried("web", case.name, case.expect, "refused by the form", held)
    if response.status_code != 302:
        return Tried("web", case.name, case.expect, f"HTTP {response.status_code}", False)
    job = ImportJob.objects.latest("pk")
    if job.status == ImportJob.Status.READY:
        client.post(reverse("transfer:confirm", args=[job.pk]))
        job.refresh_from_db()
    reasons = " / ".join(m["reason"] for m in job.messages if m["level"] == "오류")
    if case.expect == "saved":
        held = job.status == ImportJob.Status.SAVED and job.created == case.rows == Seeker.objects.count() - before
    else:
        held = job.status == ImportJob.Status.REJECTED and case.reason in reasons and Seeker.objects.count() == before
    held = held and job.stored_path == "" and set(folder.iterdir()) == files_before  # nothing of it kept
    return Tried("web", case.name, case.expect, f"{job.get_status_display()}: {reasons or job.created}", held)


# Every refused file, and saved ones of each kind: the web saves through the same service as above.
WEB_SAVED = {"utf8.csv", "cp949.csv", "utf16-le-bom-excel-unicode-text.csv", "xlsx-renamed.csv", "formulas.xlsx"}


@pytest.mark.django_db
def test_every_bad_file_uploaded_on_the_web_ends_saved_or_rejected_and_leaves_no_file(client, counselor, capsys):
    client.force_login(counselor)
    rows = [_web_case(client, case) for case in FILE_CASES if case.expect == "refused" or case.name in WEB_SAVED]
    statuses = set(ImportJob.objects.values_list("status", flat=True))
    rows.append(
        Tried(
            "web", "no job left 검사 중", "none", ", ".join(sorted(statuses)), ImportJob.Status.CHECKING not in statuses
        )
    )
    _report(rows, capsys)


# ── forms ────────────────────────────────────────────────────────────────────────────────────────


def _all_forms() -> list[type[RrnRefusingForm]]:
    for app in apps.get_app_configs():
        if app.name.startswith("iljari."):
            try:
                __import__(f"{app.name}.forms")
            except ModuleNotFoundError:
                continue
    found, todo = [], [RrnRefusingForm]
    while todo:
        for sub in todo.pop().__subclasses__():
            found.append(sub)
            todo.append(sub)
    return sorted(set(found), key=lambda f: f.__qualname__)


def _bound(form_class: type[RrnRefusingForm], data: dict, user) -> RrnRefusingForm:
    """The form as its view builds it; a form needing an argument not known here fails to build (and so
    the test names it, to be added)."""
    known = {
        "user": user,
        "reporter": user,
        "event": None,
        "about_record": False,
        "about_seeker": False,
        "counselors": type(user).objects.all(),
    }
    parameters = inspect.signature(form_class.__init__).parameters
    return form_class(data, **{name: value for name, value in known.items() if name in parameters})


@pytest.mark.django_db
def test_every_form_refuses_every_way_of_writing_a_registration_number_and_nothing_else(manager, capsys):
    rows = []
    variants = [v.text for v in RRN_VARIANTS]
    turn = 0
    for form_class in _all_forms():
        try:
            fields = list(_bound(form_class, {}, manager).fields)
        except Exception as exc:
            rows.append(Tried("forms", form_class.__qualname__, "built", f"cannot build: {exc!r}", False))
            continue
        text_fields = [n for n, f in _bound(form_class, {}, manager).fields.items() if type(f) is forms.CharField]
        # every field once with a variant, and every variant in the form's first free-text field
        tries = [(name, variants[(turn := turn + 1) % len(variants)]) for name in fields]
        tries += [(text_fields[0], v) for v in variants] if text_fields else []
        refused = 0
        refusal = str(getattr(form_class, "rrn_refusal", RRN_REFUSAL))  # a public form says it in its reader's language
        for name, value in tries:
            form = _bound(form_class, {name: value}, manager)
            form.is_valid()
            refused += refusal in form.errors.get(name, []) and not contains_rrn(str(form.data.get(name)))
        case = f"{form_class.__qualname__}: RRN variants in {len(fields)} fields"
        rows.append(
            Tried(
                "forms",
                case,
                "refused",
                f"{refused} of {len(tries)} refused",
                refused == len(tries),
                len(tries),
                refused,
            )
        )
        if text_fields:
            wrongly = [v for v in NOT_RRNS if refusal in _errors(form_class, text_fields[0], v, manager)]
            case = f"{form_class.__qualname__}: dates, phones, numbers"
            outcome = f"flagged: {', '.join(wrongly)}" if wrongly else "none flagged"
            rows.append(
                Tried("forms", case, "accepted", outcome, not wrongly, len(NOT_RRNS), len(NOT_RRNS) - len(wrongly))
            )
    _report(rows, capsys)


def _errors(form_class, name: str, value: str, user) -> list[str]:
    form = _bound(form_class, {name: value}, user)
    form.is_valid()
    return form.errors.get(name, [])


# ── API ──────────────────────────────────────────────────────────────────────────────────────────


@pytest.fixture
def api(counselor) -> Client:
    key = api_token_create(user=counselor, name="corpus", actor="test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}", raise_request_exception=False)


def _payloads(db_objects: dict) -> dict[str, dict]:
    return {
        "/api/seekers/": {
            "name": "박코퍼스",
            "birth_date": "1990-02-03",
            "home_dong": "와동",
            "desired_job_text": "용접",
            "address": "안산시 단원구",
            "remarks": "오전 희망",
            "licences": ["지게차운전기능사"],
            "consent": True,
        },
        "/api/employers/": {"name": "코퍼스정밀", "dong": "초지동", "address": "원시동 1", "industry_name": "제조업"},
        "/api/vacancies/": {
            "employer_id": db_objects["employer"].pk,
            "title": "포장원",
            "duties": "포장",
            "wage_amount": 2_500_000,
        },
        "/api/referrals/": {
            "seeker_id": db_objects["seeker"].pk,
            "vacancy_id": db_objects["vacancy"].pk,
            "note": "메모",
        },
    }


@pytest.mark.django_db
def test_the_api_refuses_registration_numbers_and_huge_numbers_and_stores_the_rest_clean(api, make_seeker, capsys):
    employer = employers_create(
        inputs=[EmployerInput(name="세원테크", dong=Dong.objects.get(name="초지동"))], actor="t"
    )[0]
    vacancy = vacancies_create(
        inputs=[VacancyInput(employer=employer, title="포장원", wage_type="monthly", wage_amount=2_400_000)], actor="t"
    )[0]
    payloads = _payloads({"employer": employer, "vacancy": vacancy, "seeker": make_seeker()})
    rows = []
    phone = iter(range(1000, 9999))
    for url, good in payloads.items():
        text_fields = [k for k, v in good.items() if isinstance(v, str) and k != "birth_date"]
        for i, (sep_name, sep) in enumerate(SEPARATORS.items()):
            field = text_fields[i % len(text_fields)]
            response = api.post(url, {**good, field: f"번호 900101{sep}1234567"}, content_type="application/json")
            detail = response.json().get("detail")
            msg = detail[0]["msg"] if isinstance(detail, list) else str(detail)
            rows.append(
                Tried(
                    "api",
                    f"{url} {field} RRN {sep_name}",
                    "422",
                    f"{response.status_code} {msg}",
                    response.status_code == 422 and "주민등록번호" in msg,
                )
            )
        int_fields = [k for k, v in good.items() if isinstance(v, int) and not isinstance(v, bool)] or []
        for field in int_fields:
            for number in BIG_NUMBERS:
                response = api.post(url, {**good, field: number}, content_type="application/json")
                rows.append(
                    Tried(
                        "api", f"{url} {field}={number}", "422", f"{response.status_code}", response.status_code == 422
                    )
                )
        if url == "/api/seekers/":
            for n, value in enumerate([*CONTROLS, *FORMULAS, *SCRIPTS]):
                body = {**good, "phone": f"010-4444-{next(phone):04d}", "name": f"코퍼스{n}", "remarks": value}
                response = api.post(url, body, content_type="application/json")
                stored = (
                    Seeker.objects.filter(pk=response.json().get("id")).first() if response.status_code == 201 else None
                )
                held = stored is not None and _no_control_characters(stored.remarks)
                rows.append(
                    Tried(
                        "api",
                        f"{url} remarks {value!r}",
                        "201 clean",
                        f"{response.status_code} {stored and stored.remarks!r}",
                        held,
                    )
                )
        for number in (2**63, 2**70):
            response = api.get(f"{url}{number}") if url != "/api/referrals/" else api.get(url, {"seeker_id": number})
            rows.append(
                Tried(
                    "api",
                    f"GET {url}{{id={number}}}",
                    "404/422",
                    f"{response.status_code}",
                    response.status_code in (404, 422),
                )
            )
    _report(rows, capsys)


# ── storage: every column that keeps free text ───────────────────────────────────────────────────

# Columns that hold no free text a person types about a seeker, employer or vacancy: codes, hashes,
# keys, the public reference catalogue (loaded from files), staff accounts, and the audit log (which
# masks before it seals a row, since a masked column would break its hash chain).
NOT_FREE_TEXT = {
    "accounts.Desk": "*", "accounts.User": "*", "accounts.ApiToken": "*",
    "reference.Dong": "*", "reference.Occupation": "*", "reference.Licence": "*", "reference.TargetGroup": "*",
    "reference.VisaType": "*", "privacy.AuditEvent": "*", "privacy.AuditHead": "*", "training.ProgramType": "*",
    "seekers.Seeker": {"name_hash", "phone_hash", "identity_hash", "nationality", "preferred_language"},
    "employers.Employer": {"business_number", "industry_code"},
    "events.HiringEvent": {"public_code"}, "events.Registration": {"ticket"}, "discovery.Visit": {"client_key"},
    "transfer.ImportJob": {"kind", "stored_path", "stage"},
    "notify.OneTimeCode": "*", "notify.OptOut": "*", "notify.Message": {"language", "backend", "provider_id", "error"},
    "reports.CityKpi": "*", "privacy.Consent": {"version"}, "portal.EmployerAccount": {"phone_hash", "language"},
    "core.StatusChange": {"object_type", "move", "from_state", "to_state", "actor_name"},  # codes; staff name
    "core.Job": {"name", "label", "task_id", "stage"}, "core.Worker": "*", "core.Schedule": "*",  # the queue's own
    "core.Submission": {"key", "scope", "result_type"},  # a form key and the names of what it made
    "matching.OccupationCorrection": {"language"}, "matching.RankerModel": {"booster"},  # a code; a model
    "privacy.RecordChange": {"record_type", "actor_name", "purpose"},  # codes written by the services; staff name  # another city's published figures and its name
}  # fmt: skip


def _free_text_fields() -> list[models.Field]:
    fields = []
    for model in apps.get_models():
        label = model._meta.label
        if not model.__module__.startswith("iljari.") or NOT_FREE_TEXT.get(label) == "*":
            continue
        for field in model._meta.concrete_fields:
            text = isinstance(field, models.CharField | models.TextField) and not field.choices
            text = text and not isinstance(field, EncryptedDateField)  # a date, kept as encrypted ISO text
            if text and field.name not in NOT_FREE_TEXT.get(label, set()):
                fields.append(field)
    return fields


@pytest.mark.django_db
def test_every_free_text_column_stores_no_registration_number(capsys):
    rows = []
    for field in _free_text_fields():
        label = f"{field.model._meta.label}.{field.name}"
        if not isinstance(field, SafeCharField | SafeTextField | EncryptedTextField):
            rows.append(Tried("storage", label, "masked", f"a plain {type(field).__name__}", False))
            continue
        leaked = []
        for variant in RRN_VARIANTS:
            stored = field.get_db_prep_save(variant.text, connection)
            plain = crypto.decrypt(stored) if isinstance(field, EncryptedTextField) else stored
            if contains_rrn(plain) or any(c.isdecimal() for c in plain):
                leaked.append(variant.name)
        masked = len(RRN_VARIANTS) - len(leaked)
        rows.append(
            Tried(
                "storage",
                label,
                "masked",
                f"{masked} of {len(RRN_VARIANTS)} masked",
                not leaked,
                len(RRN_VARIANTS),
                masked,
            )
        )
    for variant in RRN_VARIANTS:  # the append-only log, which can never be corrected afterwards
        audit_record(
            actor="corpus",
            action="import",
            object_type="seekers",
            object_id=f"{variant.text}.xlsx",
            detail={"file": variant.text},
        )
    logged = list(AuditEvent.objects.filter(actor_name="corpus"))
    clean = sum(not any(c.isdecimal() for c in e.object_id + e.detail["file"]) for e in logged)
    rows.append(
        Tried(
            "storage",
            "audit log: file names",
            "masked",
            f"{clean} of {len(logged)} masked",
            clean == len(logged) == len(RRN_VARIANTS),
            len(logged),
            clean,
        )
    )
    checked, problems = audit_verify()
    rows.append(
        Tried(
            "storage",
            "audit log: chain after masking",
            "intact",
            f"{checked} rows, {len(problems)} breaks",
            not problems,
        )
    )
    _report(rows, capsys)


# ── export ───────────────────────────────────────────────────────────────────────────────────────


@pytest.mark.django_db
@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_hostile_values_export_to_a_file_that_opens_safely_and_imports_back(
    tmp_path, desk, make_seeker, capsys, suffix
):
    values = [*FORMULAS, *SCRIPTS, "#N/A"]
    for n, value in enumerate(values):
        make_seeker(remarks=value, desired_job_text=value[:200], phone=f"010-5555-{n:04d}")
    Seeker.objects.filter(pk=make_seeker(phone="010-5555-9999").pk).update(
        name="제어\u000b문자"
    )  # as stored before the fix
    path = tmp_path / f"out.{suffix}"
    rows = []
    try:
        export_file(kind="seekers", path=path, user=None, actor="corpus")
    except Exception as exc:
        rows.append(Tried("export", f"write {suffix}", "written", repr(exc), False))
        _report(rows, capsys)
    rows.append(
        Tried(
            "export",
            f"{suffix} is 0600",
            "0600",
            oct(stat.S_IMODE(path.stat().st_mode)),
            stat.S_IMODE(path.stat().st_mode) == 0o600,
        )
    )
    table = table_read(path)
    position = {h: i for i, h in enumerate(table.headers)}
    read = [row for _, row in table.rows]
    raw = path.read_bytes().decode("utf-8-sig") if suffix == "csv" else ""
    back = {cells.text(r[position["비고"]]).replace("\r", "\n") for r in read}  # as an import reads a cell
    for value in values:
        rows.append(
            Tried("export", f"{suffix} {value!r} reads back", "as typed", "", value.replace("\r", "\n").strip() in back)
        )
        if suffix == "csv" and value.lstrip(" ")[:1] in "=+-@\t\r":
            rows.append(
                Tried(
                    "export",
                    f"csv {value!r} not a formula",
                    "guarded",
                    "",
                    f",{value}," not in raw and f"\n{value}," not in raw,
                )
            )
    names = {str(r[position["성명"]]) for r in read}
    rows.append(
        Tried(
            "export",
            f"{suffix} control character in a name",
            "stripped",
            ", ".join(n for n in names if "문자" in n),
            "제어문자" in names,
        )
    )
    _report(rows, capsys)


@pytest.mark.django_db
def test_downloads_leave_no_temporary_folder(client, manager, capsys, tmp_path, monkeypatch):
    from iljari.events.models import HiringEvent

    private = tmp_path / "tmp"  # this process's temporary files only (other test runs share /tmp)
    private.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(private))

    def leftovers() -> set[str]:
        return {p.name for p in private.iterdir()}

    before = leftovers()
    client.force_login(manager)
    rows = []
    event = HiringEvent.objects.create(
        name="코퍼스 박람회",
        kind="fair",
        date="2026-11-05",
        starts_at="10:00",
        ends_at="16:00",
        place="=cmd|'/C calc'!A0",
    )
    urls = [
        (reverse("reports:xlsx"), {"month": "2026-10"}),
        (reverse("events:report_xlsx", args=[event.pk]), {}),
        (reverse("discovery:stats_xlsx"), {}),
    ]
    for url, params in urls:
        response = client.get(url, params)
        rows.append(
            Tried(
                "downloads",
                url,
                "200, no file left",
                f"{response.status_code} {response.get('Cache-Control')}",
                response.status_code == 200,
            )
        )
    rows.append(
        Tried(
            "downloads",
            "temporary folders",
            "none",
            ", ".join(sorted(leftovers() - before)),
            not (leftovers() - before),
        )
    )
    _report(rows, capsys)
