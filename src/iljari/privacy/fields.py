"""Model fields that keep personal data safe on every write path (forms, imports, shell).

Doing it in the field rather than in each service means no code path can store a
registration number or a plain-text name by forgetting a call.
"""

from datetime import date
from typing import Any

from django.db import models

from iljari.core.rrn import mask_rrns
from iljari.privacy import crypto


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
