"""A normalizer over part of the catalogue, so the suite embeds hundreds of occupations, not 6,313."""

import pytest

from iljari.matching.catalogue import OccupationNormalizer, use_normalizer
from iljari.matching.indexes import forget_indexes
from iljari.reference.models import Occupation

# The occupation groups these tests use: welding, plastics, care, packing, cleaning, forklifts...
TEST_KECO = ["8241", "8522", "5501", "8900", "5611", "6230", "8859", "5420", "3075", "8360"]


@pytest.fixture(scope="session")
def small_normalizer(django_db_setup, django_db_blocker) -> OccupationNormalizer:
    with django_db_blocker.unblock():
        return OccupationNormalizer(list(Occupation.objects.filter(keco_code__in=TEST_KECO).order_by("pk")))


@pytest.fixture
def matching(db, small_normalizer):
    use_normalizer(small_normalizer)
    forget_indexes()
    yield
    forget_indexes()
    use_normalizer(None)
