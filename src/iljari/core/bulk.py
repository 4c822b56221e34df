"""Bulk writing helpers shared by the services that create many records at once."""

from collections.abc import Sequence
from typing import Any

from django.db.models import Model


def bulk_link(owners: Sequence[Model], inputs: Sequence[Any], relations: dict[str, Any]) -> None:
    """Write many-to-many links of freshly bulk-created ``owners`` in one insert per relation.

    ``relations`` maps the attribute of each input holding the targets to the model's
    many-to-many descriptor (e.g. ``{"licences": Seeker.licences}``).
    """
    for attr, descriptor in relations.items():
        through = descriptor.through
        source = descriptor.field.m2m_field_name() + "_id"
        target = descriptor.field.m2m_reverse_field_name() + "_id"
        links = [
            through(**{source: owner.pk, target: obj.pk})
            for owner, data in zip(owners, inputs, strict=True)
            for obj in dict.fromkeys(getattr(data, attr))
        ]
        through.objects.bulk_create(links, batch_size=1000)
