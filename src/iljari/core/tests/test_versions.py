"""Cached reports are keyed by the data stamp: it must never repeat for different data."""

from iljari.core.models import DataVersion
from iljari.core.versions import data_changed, data_version


def test_the_stamp_moves_with_each_write_and_differs_after_a_restore_brings_the_counter_back(db):
    data_changed()
    first = data_version()
    data_changed()
    assert data_version() != first
    DataVersion.objects.filter(pk=1).update(value=0)  # a backup from before both writes is restored
    data_changed()
    assert DataVersion.objects.get(pk=1).value == 1 and data_version() != first
