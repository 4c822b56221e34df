"""Form behaviour every staff form shares."""

from collections.abc import Callable, Mapping
from datetime import date, datetime, time
from typing import Any

from django import forms
from django.db.models import Model
from django.http import QueryDict

from iljari.core.cells import without_controls
from iljari.core.rrn import RRN_REFUSAL, contains_rrn, mask_rrns


def _without_controls(data: Any) -> Any:
    """The submitted data with control characters dropped (they come from pasting, never typing)."""
    if isinstance(data, QueryDict):
        if not any(isinstance(v, str) and v != without_controls(v) for _, values in data.lists() for v in values):
            return data
        cleaned = data.copy()
        for key, values in data.lists():
            cleaned.setlist(key, [without_controls(v) if isinstance(v, str) else v for v in values])
        return cleaned
    if isinstance(data, dict):
        return {k: without_controls(v) if isinstance(v, str) else v for k, v in data.items()}
    return data


class RrnRefusingForm(forms.Form):
    """The base of every staff and public form: refuses a 주민등록번호 typed into any field (the one
    rule of ``core.rrn``), keeping everything else as typed, and drops control characters.

    The offending field is shown again with the number masked, so the counselor sees where
    it was and nothing that was typed elsewhere is lost.
    """

    rrn_refusal = RRN_REFUSAL  # a public form says it in the reader's language

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def _clean_fields(self) -> None:
        self.data = _without_controls(self.data)
        super()._clean_fields()
        masked: dict[str, Any] = {}
        for name in self.fields:
            value = self.data.get(self.add_prefix(name))
            if isinstance(value, str) and contains_rrn(value):
                masked[self.add_prefix(name)] = mask_rrns(value)
                self._errors.pop(name, None)
                self.add_error(name, self.rrn_refusal)
        if masked:
            data = self.data.copy()
            for key, value in masked.items():
                data[key] = value
            self.data = data

    def enable_live_validation(self, url: str) -> None:
        """Ask the server about a field when it changes (HTMX), before the form is sent."""
        for name, field in self.fields.items():
            if isinstance(field.widget, forms.CheckboxSelectMultiple | forms.CheckboxInput):
                continue
            field.widget.attrs.update(
                {
                    "hx-post": f"{url}?field={name}",
                    "hx-trigger": "input changed delay:600ms, change",
                    "hx-target": f"#errors-{name}",
                    "hx-include": "closest form",
                    "hx-swap": "innerHTML",
                    "aria-describedby": f"errors-{name}",
                }
            )

    def field_errors(self, name: str) -> list[str]:
        """Errors of one field for live validation; a blank required field is not yet an error."""
        if not self.data.get(self.add_prefix(name)):
            return []
        return list(self.errors.get(name, []))


def _posted(field: forms.Field, value: Any) -> list[str]:
    """A value as the record holds it, as a browser would post it for ``field`` (absent = [])."""
    if isinstance(field, forms.BooleanField):
        return ["on"] if value else []
    if value is None:
        return [""]
    if isinstance(value, list | tuple | set):
        return [str(v.pk if isinstance(v, Model) else v) for v in value]
    if isinstance(value, Model):
        return [str(value.pk)]
    if isinstance(value, time):
        return [value.strftime("%H:%M")]
    if isinstance(value, date | datetime):
        return [value.isoformat()]
    return [str(value)]


def _same(value: Any) -> Any:
    return value


def _hidden(field: forms.Field, value: Any) -> list[str]:
    """The hidden copy of a value: a checkbox's copy says True or False rather than being absent."""
    return [str(bool(value))] if isinstance(field, forms.BooleanField) else _posted(field, value)


class VersionedForm(RrnRefusingForm):
    """An edit form for a record that carries a version (optimistic locking).

    Each field posts a hidden copy of the value the page was opened with (Django's
    ``show_hidden_initial``), so the save knows which fields this person changed and writes only
    those; ``version`` is the record's version when the page was opened. After a refused stale save,
    ``keep_typing`` shows the record as it is now except where this person typed.
    """

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    # How a cleaned value becomes the update service's (licence names → licences, querysets → lists).
    conversions: Mapping[str, Callable[[Any], Any]] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.show_hidden_initial = name != "version"

    @classmethod
    def posted_data(cls, record: Mapping[str, Any], typed: Mapping[str, Any]) -> QueryDict:
        """What the page would post after someone typed ``typed`` over ``record`` (the API's PATCH);
        ``record`` carries the record's form values and its ``version``."""
        data = QueryDict(mutable=True)
        for name, field in cls.base_fields.items():
            data.setlist(name, _posted(field, typed[name] if name in typed else record.get(name)))
            if name != "version":
                data.setlist(f"initial-{name}", _hidden(field, record.get(name)))
        return data

    def typed_fields(self) -> list[str]:
        """The fields this person changed from what the page showed them."""
        return [name for name in self.changed_data if name != "version"]

    def changes(self) -> dict[str, Any]:
        """What this person changed, in the words of the record's update service."""
        return {name: self.conversions.get(name, _same)(self.cleaned_data[name]) for name in self.typed_fields()}

    def keep_typing(self, *, record: Mapping[str, Any], notes: Mapping[str, str]) -> None:
        """Show ``record`` (with its current version) and what this person typed over it, ready to save again.

        ``notes`` are the fields someone else also changed, each with a line shown under it.
        """
        typed = {name: self.data.getlist(name) for name in self.typed_fields()}
        self.__dict__.pop("changed_data", None)  # cached from the data posted before
        data = self.posted_data(record, {})
        for name, values in typed.items():
            data.setlist(name, values)
        self.data = data
        self._errors = None
        self.full_clean()
        for name, note in notes.items():
            if name in self.fields:
                self.add_error(name, note)
