"""Text messages from the portal's work: to a seeker about their 알선 신청, to a company about its
request. In the person's language, never naming a staff member (the center's name and public number
instead).

Sent through this one function, so the job queue takes them over here when it lands.
"""

from iljari.employers.models import Employer
from iljari.notify import texts
from iljari.notify.models import Message
from iljari.notify.services import message_send
from iljari.portal.models import EmployerAccount
from iljari.reference.selectors import current_city
from iljari.seekers.models import Seeker


def _text(table: dict[str, str], language: str) -> tuple[str, str]:
    language = language if language in table else "ko"
    city = current_city()
    return table[language].format(center=city.center_name_in(language), phone=city.center_phone), language


def message_later(*, phone: str, kind: str, text: str, language: str) -> None:
    """Send one message (the job queue's entry point once it is on main)."""
    message_send(phone=phone, kind=kind, text=text, language=language)


def tell_seeker(*, seeker: Seeker) -> bool:
    """Tell a seeker their 알선 신청 moved (what moved stays on the portal); whether sent."""
    phone = Seeker.objects.filter(pk=seeker.pk).values_list("phone", flat=True).first()
    if not phone:
        return False
    text, language = _text(texts.REFERRAL, seeker.preferred_language or "ko")
    message_later(phone=phone, kind=Message.Kind.REFERRAL, text=text, language=language)
    return True


def tell_company(*, employer: Employer) -> bool:
    account = EmployerAccount.objects.filter(employer=employer).first()
    if account is None:
        return False
    text, language = _text(texts.COMPANY, account.language)
    message_later(phone=account.phone, kind=Message.Kind.COMPANY, text=text, language=language)
    return True
