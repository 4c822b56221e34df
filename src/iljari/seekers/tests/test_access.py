"""A counselor sees only their desk's seekers unless granted more; managers see all."""

import pytest
from django.urls import reverse

from iljari.accounts.models import User
from iljari.conftest import _staff
from iljari.core.access import CASEWORK, has_role
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
    for role in (User.Role.DISCOVERY, User.Role.EVENT_STAFF, User.Role.ADMIN):
        assert not seekers_visible_to(_staff(f"u-{role}", role, desk)).exists()


def test_a_superuser_flag_opens_no_seeker_record(client, make_seeker, desk):
    """The system administrator is a Django superuser (for Django's admin); that grants no role."""
    seeker = make_seeker()
    admin = _staff("sysadmin", User.Role.ADMIN, None)
    assert admin.is_superuser and not admin.sees_all_seekers and not has_role(admin, CASEWORK)
    client.force_login(admin)
    assert client.get(reverse("seekers:detail", args=[seeker.pk])).status_code == 403
    assert client.get(reverse("admin:index")).status_code == 200
    counselor_superuser = _staff("root-counselor", User.Role.COUNSELOR, None)
    User.objects.filter(pk=counselor_superuser.pk).update(is_superuser=True, is_staff=True)
    counselor_superuser.refresh_from_db()
    assert not seekers_visible_to(counselor_superuser).exists()
