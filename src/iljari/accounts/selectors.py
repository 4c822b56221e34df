"""Reading desks and staff."""

from django.db.models import Count, Q, QuerySet

from iljari.accounts.models import Desk, User


def desks_with_caseload() -> QuerySet[Desk]:
    """Desks with their counselors and active seekers counted (statistics, no personal data)."""
    return (
        Desk.objects.select_related("dong")
        .annotate(
            counselors=Count("staff", filter=Q(staff__role=User.Role.COUNSELOR), distinct=True),
            active_seekers=Count("seekers", filter=Q(seekers__status="active"), distinct=True),
        )
        .order_by("kind", "name")
    )


def staff_desks(user: User | None) -> set[int] | None:
    """The desks a member of staff works for: their own and those granted to them; ``None`` (every
    desk) for the center's manager and for the operator at the command line."""
    if user is None or user.role == User.Role.MANAGER:
        return None
    return {user.desk_id, *user.granted_desks.values_list("id", flat=True)} - {None}
