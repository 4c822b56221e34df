"""Text messages from the portal's work: to a seeker about their 알선 신청, to a company about its
request. In the person's language, through the job queue, never naming a staff member (the center's
name and public number instead). A referral made from a request tells the seeker itself (referrals).
"""

from iljari.employers.models import Employer
from iljari.notify import texts
from iljari.notify.models import Message
from iljari.notify.services import message_send, text_in
from iljari.portal.models import EmployerAccount
from iljari.privacy.audit import Actor
from iljari.seekers.messages import seeker_text
from iljari.seekers.models import Seeker


def tell_seeker(*, seeker: Seeker, actor: Actor) -> bool:
    """Tell a seeker their 알선 신청 moved (what moved stays on the portal); whether sent."""
    return seeker_text(
        seeker_id=seeker.pk,
        kind=Message.Kind.REFERRAL,
        table=texts.REFERRAL,
        actor=actor,
        purpose="알선 진행 안내 문자",
    )


def tell_company(*, employer: Employer) -> bool:
    account = EmployerAccount.objects.filter(employer=employer).first()
    if account is None:
        return False
    text, language = text_in(texts.COMPANY, language=account.language)
    message_send(phone=account.phone, kind=Message.Kind.COMPANY, text=text, language=language)
    return True
