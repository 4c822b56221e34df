"""Reading seeker records, always through the access rule written once here."""

from django.db.models import QuerySet

from iljari.accounts.models import User
from iljari.seekers.models import Seeker


def seekers_visible_to(user: User | None) -> QuerySet[Seeker]:
    """The seekers ``user`` may see: their desk and granted desks; everything for managers.

    ``None`` is the operator at the command line, who is trusted like a manager (the
    command still writes the audit rows). Erased seekers are statistics only.
    """
    qs = Seeker.objects.exclude(status=Seeker.Status.ERASED)
    if user is None or user.sees_all_seekers:
        return qs
    if user.role in (User.Role.COUNSELOR, User.Role.DESK_LEAD):
        desks = {user.desk_id, *user.granted_desks.values_list("id", flat=True)} - {None}
        return qs.filter(desk_id__in=desks)
    return qs.none()
