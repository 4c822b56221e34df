"""Form behaviour every staff form shares."""

from typing import Any

from django import forms

from iljari.core.rrn import RRN_REFUSAL, contains_rrn, mask_rrns


class RrnRefusingForm(forms.Form):
    """Refuses a 주민등록번호 typed into any field, keeping everything else as typed.

    The offending field is shown again with the number masked, so the counselor sees where
    it was and nothing that was typed elsewhere is lost.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def _clean_fields(self) -> None:
        super()._clean_fields()
        masked: dict[str, Any] = {}
        for name in self.fields:
            value = self.data.get(self.add_prefix(name))
            if isinstance(value, str) and contains_rrn(value):
                masked[self.add_prefix(name)] = mask_rrns(value)
                self._errors.pop(name, None)
                self.add_error(name, RRN_REFUSAL)
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
