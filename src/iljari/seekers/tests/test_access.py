"""A counselor sees only their desk's seekers unless granted more; managers see all."""

import pytest

from iljari.accounts.models import User
from iljari.conftest import _staff
from iljari.seekers.selectors import seekers_visible_to

pytestmark = pytest.mark.postgres


def test_desk_scoped_visibility(make_seeker, counselor, other_counselor, manager, desk, other_desk):
    mine = make_seeker()
    theirs = make_seeker(desk=other_desk)
    assert set(seekers_visible_to(counselor)) == {mine}
    assert set(seekers_visible_to(other_counselor)) == {theirs}
    assert set(seekers_visible_to(manager)) == {mine, theirs}
    lead = _staff("lead", User.Role.DESK_LEAD, desk)
    assert set(seekers_visible_to(lead)) == {mine}


def test_a_granted_desk_widens_what_a_counselor_sees(make_seeker, counselor, other_desk):
    theirs = make_seeker(desk=other_desk)
    assert theirs not in seekers_visible_to(counselor)
    counselor.granted_desks.add(other_desk)
    assert theirs in seekers_visible_to(counselor)


def test_roles_without_casework_see_no_seekers(make_seeker, desk):
    make_seeker()
    for role in (User.Role.DISCOVERY, User.Role.EVENT_STAFF):
        assert not seekers_visible_to(_staff(f"u-{role}", role, desk)).exists()
