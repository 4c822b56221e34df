"""Free-text model fields that never store a 주민등록번호, whatever path writes them (forms,
imports, the shell): the masking is in the field, so no caller can forget it."""

from typing import Any

from django.db import models

from iljari.core.rrn import mask_rrns


class _RrnMasking:
    """Any 주민등록번호 in the value is masked before it reaches the database.

    The column is a plain text column and masking happens in Python, so the field deconstructs as
    Django's own field: putting it on a model (or taking it off) needs no migration.
    """

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)  # type: ignore[misc]
        return mask_rrns(value) if isinstance(value, str) else value

    def deconstruct(self) -> tuple[str, str, list, dict]:
        name, _, args, kwargs = super().deconstruct()  # type: ignore[misc]
        plain = next(c for c in type(self).__mro__ if c.__module__.startswith("django.db.models"))
        return name, f"django.db.models.{plain.__name__}", args, kwargs


class SafeTextField(_RrnMasking, models.TextField):
    """Free text (a note, duties, an address) kept in the clear, registration numbers masked."""


class SafeCharField(_RrnMasking, models.CharField):
    """A short free-text value (a title, a company or event name) kept in the clear, numbers masked."""
