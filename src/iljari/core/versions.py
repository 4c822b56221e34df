"""The data version: bumped by the services that change what reports count."""

from django.db.models import F

from iljari.core.models import DataVersion


def data_changed() -> None:
    """Mark report inputs as changed (call inside the writing transaction)."""
    if not DataVersion.objects.filter(pk=1).update(value=F("value") + 1):
        DataVersion.objects.get_or_create(pk=1, defaults={"value": 1})


def data_version() -> int:
    return DataVersion.objects.filter(pk=1).values_list("value", flat=True).first() or 0
