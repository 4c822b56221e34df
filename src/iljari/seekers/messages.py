"""Text messages to a seeker: in the language they chose, to the phone on their record, through the
job queue (notify), each kind sent only if they have not turned it off. The number is read here and
nowhere else for a message, and the read is audited."""

from iljari.notify.services import message_send, text_in
from iljari.privacy.audit import Action, Actor, audit_record
from iljari.seekers.models import Seeker


def seeker_text(*, seeker_id: int, kind: str, table: dict[str, str], actor: Actor, purpose: str, **values: str) -> bool:
    """Queue ``table``'s message (notify.texts) for the seeker; False when no phone is on file."""
    row = (
        Seeker.objects.exclude(status=Seeker.Status.ERASED)
        .filter(pk=seeker_id)
        .values_list("phone", "preferred_language")
        .first()
    )
    if not row or not row[0]:
        return False
    audit_record(actor=actor, action=Action.READ, object_type="seeker", object_id=seeker_id, purpose=purpose)
    text, language = text_in(table, language=row[1] or "ko", **values)
    message_send(phone=row[0], kind=kind, text=text, language=language)
    return True
