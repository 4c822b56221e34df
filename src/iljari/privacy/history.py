"""Each record's history of changes, written by the record's own update, and its version.

A versioned record (seekers, employers, vacancies, referrals, visits) carries a ``version`` that
every update raises by one in the same UPDATE. Its queryset's ``update()`` and ``bulk_update()`` — and
so ``save()`` and every service that writes with ``filter(...).update(...)`` — read the rows'
values first, write, and keep one ``RecordChange`` per changed row: who (the staff member of the request, or the
process), when, why, and each field's old → new value. History is not a call a service can forget.

Why not a library: trigger-based history (django-pgtrigger, django-pghistory) needs PostgreSQL
while SQLite is the default; signal-based ones (django-simple-history, django-auditlog,
django-reversion) never see ``QuerySet.update()``, which the referral workflow uses, and
django-simple-history copies every field of the row into its table, personal data included.
Here a personal (encrypted) field is recorded only as "변경됨", never with its value.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any, ClassVar

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import FieldDoesNotExist
from django.db import connections, models, transaction
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from iljari.core.acting import acting, acting_as
from iljari.core.errors import StaleRecord
from iljari.core.versions import data_changed
from iljari.privacy.audit import Action, Actor, audit_record, cli_actor
from iljari.privacy.fields import EncryptedTextField
from iljari.privacy.models import RecordChange

CHANGED = "변경됨"


class HistoryRequestMiddleware:
    """A change made while serving a request is the requesting staff member's (pages and the API),
    unless the service names its actor itself."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        def requester() -> Actor:
            user = getattr(request, "user", None)  # read late: the API's token sets it in the view
            return user if user is not None and user.is_authenticated else f"web:{request.path}"

        with acting_as(actor=requester):
            return self.get_response(request)


def _actor() -> tuple[int | None, str, str]:
    actor, purpose = acting()
    if isinstance(actor, AbstractBaseUser):
        return actor.pk, str(actor), purpose
    return None, actor or cli_actor(), purpose


def record_type(model: type[models.Model]) -> str:
    return model._meta.label_lower


def _tracked(model: type[models.Model]) -> dict[str, models.Field]:
    """The fields whose changes are kept: not the key, the version, timestamps or derived columns."""
    skip = {"version", *getattr(model, "history_exclude", ())}
    fields = [*model._meta.concrete_fields, *model._meta.many_to_many]
    return {
        f.name: f
        for f in fields
        if not f.primary_key
        and f.name not in skip
        and not getattr(f, "auto_now", False)
        and not getattr(f, "auto_now_add", False)
    }


def _is_personal(field: models.Field) -> bool:
    return isinstance(field, EncryptedTextField)


class _Names:
    """Display names of the related rows a batch of changes refers to, fetched once per model."""

    def __init__(self) -> None:
        self.wanted: dict[type[models.Model], set[Any]] = defaultdict(set)
        self.found: dict[type[models.Model], dict[Any, str]] = {}

    def want(self, field: models.Field, value: Any) -> None:
        if field.is_relation and value not in (None, ""):
            self.wanted[field.related_model].update(value if isinstance(value, list | set) else [value])

    def resolve(self) -> None:
        for model, ids in self.wanted.items():
            self.found[model] = {pk: str(obj) for pk, obj in model._base_manager.in_bulk(ids).items()}

    def of(self, field: models.Field, pk: Any) -> str:
        return self.found.get(field.related_model, {}).get(pk, f"#{pk}")


def _text(model: type[models.Model], field: models.Field, value: Any, names: _Names) -> str:
    """A value as a person reads it in the history: labels for codes, names for related rows."""
    if value is None or value == "" or value == [] or value == set():
        return ""
    if field.is_relation:
        ids = sorted(value) if isinstance(value, set | list) else [value]
        return ", ".join(sorted(names.of(field, pk) for pk in ids))
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, list):
        labels = dict(getattr(model, "history_choices", {}).get(field.name, ()))
        return ", ".join(str(labels.get(v, v)) for v in value)
    if isinstance(value, dict):
        labels = dict(getattr(model, "history_choices", {}).get(field.name, ()))
        return ", ".join(f"{labels.get(k, k)} {v}" for k, v in value.items())
    if isinstance(value, bool):
        return "예" if value else "아니오"
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def _lock(qs: models.QuerySet) -> models.QuerySet:
    """Lock the rows on PostgreSQL; SQLite's IMMEDIATE transactions already write one at a time."""
    features = connections[qs.db].features
    if not features.has_select_for_update or qs.query.distinct:
        return qs
    return qs.select_for_update(of=("self",)) if features.has_select_for_update_of else qs.select_for_update()


def _chunks(items: Sequence[Any], size: int = 500) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _relation_ids(model: type[models.Model], name: str, pks: Sequence[Any]) -> dict[Any, set[Any]]:
    field = model._meta.get_field(name)
    through = field.remote_field.through
    source, target = field.m2m_column_name(), field.m2m_reverse_name()
    found: dict[Any, set[Any]] = {pk: set() for pk in pks}
    for chunk in _chunks(list(pks)):
        for pk, other in through.objects.filter(**{f"{source}__in": chunk}).values_list(source, target):
            found[pk].add(other)
    return found


def _rows(qs: models.QuerySet, pks: Sequence[Any], attnames: Sequence[str]) -> dict[Any, dict[str, Any]]:
    """The rows' version and ``attnames`` by key, read in chunks (SQLite limits a query's parameters)."""
    found: dict[Any, dict[str, Any]] = {}
    for chunk in _chunks(list(pks)):
        found.update((row["pk"], row) for row in qs.filter(pk__in=chunk).values("pk", "version", *attnames))
    return found


def _watched(model: type[models.Model], names: Iterable[str]) -> list[models.Field]:
    tracked = _tracked(model)
    names = {model._meta.get_field(name).name for name in names}
    return [field for name, field in tracked.items() if name in names and not field.many_to_many]


class HistoryQuerySet(models.QuerySet):
    """A queryset whose updates raise each row's version and keep what changed."""

    def update(self, **values: Any) -> int:
        return self.revise(values=values)

    def revise(
        self,
        *,
        values: Mapping[str, Any],
        relations: Mapping[str, Iterable[Any]] | None = None,
        related: Sequence[Mapping[str, str]] = (),
    ) -> int:
        """Update the rows with ``values`` and set their many-to-many ``relations`` (field → ids).

        ``related`` are changes to records that belong to these (a program's sessions), each
        ``{"field": reverse name, "old": text, "new": text}``: kept in the rows' history and raising
        their version, so a save made on the version before is refused.
        Returns how many rows matched; for each row that really changed, a ``RecordChange``.
        """
        model = self.model
        relations = {name: set(ids) for name, ids in (relations or {}).items()}
        watched = _watched(model, values)
        attnames = [f.attname for f in watched]
        values = dict(values)
        values.setdefault("version", F("version") + 1)
        for field in model._meta.concrete_fields:
            if getattr(field, "auto_now", False):
                values.setdefault(field.name, timezone.now())
        with transaction.atomic(using=self.db):
            before = {row["pk"]: row for row in _lock(self).values("pk", *attnames)}
            if not before:
                return 0
            pks = list(before)
            old_sets = {name: _relation_ids(model, name, pks) for name in relations}
            count = super().update(**values)
            after = _rows(model._base_manager.using(self.db), pks, attnames)
            for name, ids in relations.items():
                for pk in pks:
                    getattr(model(pk=pk), name).set(ids)
            _write(model, watched, before, after, old_sets, relations, related)
        return count

    def bulk_update(self, objs: Iterable[models.Model], fields: Sequence[str], batch_size: int | None = None) -> int:
        """Django's bulk update, with each row's version raised and its history kept."""
        objs = list(objs)
        model = self.model
        watched = _watched(model, fields)
        attnames = [f.attname for f in watched]
        stamped = [f.name for f in model._meta.concrete_fields if getattr(f, "auto_now", False)]
        now = timezone.now()
        with transaction.atomic(using=self.db):
            before = _rows(_lock(model._base_manager.using(self.db)), [o.pk for o in objs], attnames)
            for obj in objs:
                if obj.pk in before:
                    obj.version = before[obj.pk]["version"] + 1
                for name in stamped:
                    setattr(obj, name, now)
            count = super().bulk_update(objs, [*fields, "version", *stamped], batch_size=batch_size)
            _write(model, watched, before, _rows(model._base_manager.using(self.db), list(before), attnames), {}, {})
        return count


def _write(
    model: type[models.Model],
    watched: list[models.Field],
    before: dict[Any, dict[str, Any]],
    after: dict[Any, dict[str, Any]],
    old_sets: dict[str, dict[Any, set[Any]]],
    new_sets: dict[str, set[Any]],
    related: Sequence[Mapping[str, str]] = (),
) -> None:
    diffs: dict[Any, list[tuple[models.Field, Any, Any]]] = {}
    names = _Names()
    for pk, old_row in before.items():
        new_row = after.get(pk)
        if new_row is None:
            continue
        diff = [
            (f, old_row[f.attname], new_row[f.attname]) for f in watched if old_row[f.attname] != new_row[f.attname]
        ]
        diff += [
            (model._meta.get_field(n), old_sets[n][pk], ids) for n, ids in new_sets.items() if old_sets[n][pk] != ids
        ]
        if diff:
            diffs[pk] = diff
            for field, old, new in diff:
                if not _is_personal(field):
                    names.want(field, old)
                    names.want(field, new)
    for pk in before if related else ():
        if pk in after:
            diffs.setdefault(pk, [])
    if not diffs:
        return
    names.resolve()
    actor_id, actor_name, purpose = _actor()
    now = timezone.now()
    RecordChange.objects.bulk_create(
        [
            RecordChange(
                record_type=record_type(model),
                record_id=pk,
                version=after[pk]["version"],
                at=now,
                actor_id=actor_id,
                actor_name=actor_name[:150],
                purpose=purpose[:200],
                changes=[
                    {"field": f.name, "personal": True}
                    if _is_personal(f)
                    else {"field": f.name, "old": _text(model, f, old, names), "new": _text(model, f, new, names)}
                    for f, old, new in diff
                ]
                + [dict(c) for c in related],
            )
            for pk, diff in diffs.items()
        ],
        batch_size=500,
    )


class VersionedRecord(models.Model):
    """A record with a version and a history of changes (see the module's docstring).

    ``history_exclude`` names derived columns not worth showing (hashes, coordinates);
    ``history_choices`` gives the labels of codes kept in a JSON list.
    """

    version = models.PositiveIntegerField("수정 판", default=1, editable=False)

    objects = HistoryQuerySet.as_manager()

    history_exclude: ClassVar[tuple[str, ...]] = ()
    history_choices: ClassVar[dict[str, Iterable[tuple[str, str]]]] = {}

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        """A new record is inserted; a saved one is written through ``update()``, so it keeps history."""
        if self._state.adding or kwargs.get("force_insert"):
            super().save(*args, **kwargs)
            return
        names = kwargs.get("update_fields") or [f.name for f in self._meta.concrete_fields]
        values = {}
        for name in names:
            field = self._meta.get_field(name)
            if field.primary_key or name == "version" or getattr(field, "auto_now", False):
                continue
            if not getattr(field, "auto_now_add", False):
                values[field.attname] = getattr(self, field.attname)
        type(self)._default_manager.using(kwargs.get("using") or self._state.db).filter(pk=self.pk).update(**values)
        self.version = type(self)._base_manager.filter(pk=self.pk).values_list("version", flat=True).get()


# Correcting a record ------------------------------------------------------------------------


def record_for_update(*, model: type[VersionedRecord], pk: Any, version: int) -> VersionedRecord:
    """The record, locked for a correction made on ``version``; ``StaleRecord`` (with what was
    saved since) when someone else has saved it after that version."""
    current = model._default_manager.select_for_update().get(pk=pk)
    if current.version != version:
        raise StaleRecord(current=current, changes=changes_since(record=current, version=version))
    return current


def changed_values(*, record: models.Model, changes: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, set[Any]]]:
    """The columns and many-to-many sets (ids) of ``changes`` that differ from ``record`` as it is;
    empty text is NULL in a nullable column, as on registration."""
    values: dict[str, Any] = {}
    relations: dict[str, set[Any]] = {}
    for name, value in changes.items():
        field = record._meta.get_field(name)
        if field.many_to_many:
            ids = {item.pk for item in value}
            if ids != set(getattr(record, name).values_list("pk", flat=True)):
                relations[name] = ids
            continue
        now = getattr(record, name)
        if field.null:
            value, now = (None if value == "" else value), (None if now == "" else now)
        if value != now:
            values[name] = value
    return values, relations


def record_revise(
    *,
    record: VersionedRecord,
    version: int,
    values: Mapping[str, Any],
    relations: Mapping[str, set[Any]],
    actor: Actor,
    purpose: str,
    related: Sequence[Mapping[str, str]] = (),
) -> bool:
    """Write a correction in one UPDATE ... WHERE version = ``version``, with its history, an audit
    row naming the fields (not their values) and a new data stamp; False when nothing differs.
    ``related``: changes to the record's own sub-records, as ``HistoryQuerySet.revise`` takes them."""
    if not values and not relations and not related:
        return False
    model = type(record)
    with acting_as(actor=actor, purpose=purpose):
        saved = model.objects.filter(pk=record.pk, version=version)
        if not saved.revise(values=values, relations=relations, related=related):
            raise StaleRecord(current=record, changes=changes_since(record=record, version=version))
    tracked = _tracked(model)
    fields = sorted({name for name in {*values, *relations} if name in tracked} | {c["field"] for c in related})
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        object_type=model._meta.model_name,
        object_id=record.pk,
        purpose=purpose,
        detail={"fields": fields},
    )
    data_changed()
    return True


# Reading the history ------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldChange:
    """One field's change as a person reads it; a personal field's values are never kept."""

    field: str
    label: str
    old: str
    new: str
    personal: bool
    by: str
    at: datetime


@dataclass(frozen=True)
class HistoryEntry:
    version: int
    at: datetime
    by: str
    purpose: str
    changes: list[FieldChange]


def field_label(model: type[models.Model], name: str) -> str:
    """The field's Korean name as the pages show it."""
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:  # a field removed since the change was made, or a wrong name
        return name
    # A reverse relation (a program's sessions) is named by the related records' Korean name.
    return str(getattr(field, "verbose_name", None) or field.related_model._meta.verbose_name_plural)


def not_editable(model: type[models.Model], names: Iterable[str]) -> str:
    """The Korean refusal of a correction that names fields it may not change."""
    return f"수정할 수 없는 항목입니다: {', '.join(field_label(model, n) for n in sorted(names))}"


def _entry(model: type[models.Model], row: RecordChange) -> HistoryEntry:
    changes = [
        FieldChange(
            field=c["field"],
            label=field_label(model, c["field"]),
            old=c.get("old", ""),
            new=c.get("new", ""),
            personal=bool(c.get("personal")),
            by=row.actor_name,
            at=row.at,
        )
        for c in row.changes
    ]
    return HistoryEntry(row.version, row.at, row.actor_name, row.purpose, changes)


def record_history(*, record: models.Model, limit: int = 50) -> list[HistoryEntry]:
    """The record's changes, newest first. Callers show it only to those who may see the record."""
    return histories_of(records=[record], limit=limit).get(record.pk, [])


def histories_of(*, records: Sequence[models.Model], limit: int = 20) -> dict[Any, list[HistoryEntry]]:
    """The changes of several records of one kind (a seeker's referrals, a company's visits), in one query."""
    if not records:
        return {}
    model = type(records[0])
    found: dict[Any, list[HistoryEntry]] = defaultdict(list)
    rows = RecordChange.objects.filter(record_type=record_type(model), record_id__in=[r.pk for r in records])
    for row in rows.order_by("record_id", "-version", "-pk"):
        if len(found[row.record_id]) < limit:
            found[row.record_id].append(_entry(model, row))
    return dict(found)


def changes_since(*, record: models.Model, version: int) -> list[FieldChange]:
    """What was saved after ``version``, one line per field: its value then → its value now."""
    model = type(record)
    rows = RecordChange.objects.filter(
        record_type=record_type(model), record_id=record.pk, version__gt=version
    ).order_by("version", "pk")
    merged: dict[str, FieldChange] = {}
    for row in rows:
        for change in _entry(model, row).changes:
            first = merged.get(change.field)
            merged[change.field] = FieldChange(
                field=change.field,
                label=change.label,
                old=first.old if first else change.old,
                new=change.new,
                personal=change.personal or bool(first and first.personal),
                by=change.by,
                at=change.at,
            )
    return [c for c in merged.values() if c.personal or c.old != c.new]


def history_forget(*, record_model: type[models.Model], record_id: Any) -> None:
    """Erasure: keep that fields changed, when and by whom, but none of the values they had."""
    rows = list(RecordChange.objects.filter(record_type=record_type(record_model), record_id=record_id))
    for row in rows:
        row.changes = [{"field": c["field"], "personal": True} for c in row.changes]
    RecordChange.objects.bulk_update(rows, ["changes"], batch_size=500)
