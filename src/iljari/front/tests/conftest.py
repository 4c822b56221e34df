"""The walk over every route as every role, shared by the access-matrix and audit-walk tests."""

import pytest

from iljari.front.tests.walk import Walk, build_world, walked_once


@pytest.fixture
def walked(client, desk, other_desk, matching) -> Walk:
    """Built in a fresh world the first time a test asks; the answers are plain records."""
    return walked_once(client, lambda: build_world(desk, other_desk))
