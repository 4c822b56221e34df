"""The data version: bumped by the services that change what reports count."""

from django.db.models import F
from django.utils import timezone

from iljari.core.models import DataVersion


def data_changed() -> None:
    """Mark report inputs as changed (call inside the writing transaction)."""
    if not DataVersion.objects.filter(pk=1).update(value=F("value") + 1, changed_at=timezone.now()):
        DataVersion.objects.get_or_create(pk=1, defaults={"value": 1, "changed_at": timezone.now()})


def data_version() -> str:
    """A stamp of the report inputs for cache keys: the counter and when it last moved."""
    row = DataVersion.objects.filter(pk=1).values_list("value", "changed_at").first()
    if row is None:
        return "0"
    value, changed_at = row
    return f"{value}.{changed_at.timestamp():.6f}" if changed_at else str(value)
