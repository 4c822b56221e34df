"""Model fields that keep personal data safe on every write path (forms, imports, shell).

Doing it in the field rather than in each service means no code path can store a
registration number or a plain-text name by forgetting a call.
"""

from datetime import date
from typing import Any

from django.db import models

from iljari.core.rrn import mask_rrns
from iljari.privacy import crypto


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


class EncryptedTextField(models.TextField):
    """Personal text encrypted with the key file; registration numbers masked first."""

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> str | None:
        return None if value is None else crypto.decrypt(value)

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return crypto.encrypt(mask_rrns(str(value)))

    def get_lookup(self, lookup_name: str) -> Any:
        # Ciphertexts differ on every write, so only "is it empty" can be asked of the column.
        if lookup_name not in ("isnull", "exact"):
            return None
        return super().get_lookup(lookup_name)


class EncryptedDateField(EncryptedTextField):
    """A date (생년월일) stored encrypted as ISO text and returned as ``date``."""

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> date | None:
        text = super().from_db_value(value, expression, connection)
        return date.fromisoformat(text) if text else None

    def to_python(self, value: Any) -> date | None:
        if value in (None, "") or isinstance(value, date):
            return value or None
        return date.fromisoformat(str(value))

    def get_prep_value(self, value: Any) -> Any:
        if isinstance(value, date):
            value = value.isoformat()
        return super().get_prep_value(value)
