"""Creating staff accounts."""

from django.db import transaction

from iljari.accounts.models import Desk, User
from iljari.privacy.audit import Action, Actor, audit_record


def staff_create(
    *,
    username: str,
    full_name: str,
    role: str,
    desk: Desk | None,
    password: str | None,
    actor: Actor,
    work_phone: str = "",
) -> User:
    """Create a staff account; with no password the account cannot log in until one is set."""
    with transaction.atomic():
        user = User(
            username=username,
            first_name=full_name,
            role=role,
            desk=desk,
            work_phone=work_phone,
            is_staff=role == User.Role.ADMIN,
            is_superuser=role == User.Role.ADMIN,
        )
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
        audit_record(
            actor=actor,
            action=Action.CREATE,
            object_type="staff",
            object_id=user.pk,
            purpose="직원 계정 생성",
            detail={"role": role},
        )
    return user
