"""Sending text messages, and one-time codes that prove a person holds a phone.

Limits stop a stranger from flooding a phone or guessing a code: a few codes per number and per
address each hour, a pause before a resend, five minutes to use a code and five tries at it. Codes
and numbers are stored only as keyed hashes.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from iljari.core.errors import IljariError
from iljari.core.jobs import enqueue
from iljari.notify import texts
from iljari.notify.models import Message, OneTimeCode, OptOut
from iljari.notify.senders import SendFailed, sender
from iljari.privacy.crypto import keyed_hash
from iljari.reference.selectors import current_city

CODE_MINUTES = 5
CODE_TRIES = 5
RESEND_SECONDS = 60
PER_NUMBER_HOURLY = 5
PER_ADDRESS_HOURLY = 20


class CodeError(IljariError):
    """A code that cannot be sent or accepted; the message says why in Korean, ``code`` names it for a
    page that says it in the reader's language."""


def _language(language: str) -> str:
    return language if language in texts.CODE else "ko"


# What a person may choose not to get. A one-time code is sent only when the person asks for it on
# the page in front of them, so it is never refused (turning it off would lock them out).
OPTIONAL = (Message.Kind.REFERRAL, Message.Kind.INTERVIEW, Message.Kind.EVENT, Message.Kind.PROGRAM)


def message_send(*, phone: str, kind: str, text: str, language: str = "ko") -> Message:
    """Queue one message for the worker (``notify.tasks.message_deliver``) and return its record.

    Kept before it is sent, so a worker stopped midway loses nothing; with the inline backend (tests)
    it is delivered at once and the record returned says how it went.
    """
    from iljari.notify.tasks import message_deliver  # the task module imports this one

    message = Message.objects.create(
        kind=kind, phone=phone, text=text, language=language, backend=settings.ILJARI_SMS_BACKEND
    )
    enqueue(message_deliver, message.pk)
    message.refresh_from_db()
    return message


def message_deliver_now(*, message_id: int) -> str:
    """Send a queued message through the configured sender, unless the person turned its kind off;
    a provider failure is recorded, not raised. A message no longer queued is left alone (the queue
    delivers at least once). Returns the message's status."""
    message = Message.objects.filter(pk=message_id).first()
    if message is None or message.status != Message.Status.QUEUED:
        return message.status if message else ""
    status, provider_id, error = Message.Status.SENT, "", ""
    if message.kind in OPTIONAL and opted_out(phone=message.phone, kind=message.kind):
        status = Message.Status.SKIPPED
    else:
        try:
            provider_id = sender().send(to=message.phone, text=message.text)
        except SendFailed as exc:
            status, error = Message.Status.FAILED, str(exc)[:300]
    Message.objects.filter(pk=message.pk, status=Message.Status.QUEUED).update(
        status=status, provider_id=provider_id, error=error, backend=settings.ILJARI_SMS_BACKEND
    )
    return status


def opted_out(*, phone: str, kind: str) -> bool:
    return OptOut.objects.filter(phone_hash=_phone_key(phone), kind=kind).exists()


def opt_outs(*, phone: str) -> set[str]:
    """The kinds of message this number chose not to get."""
    return set(OptOut.objects.filter(phone_hash=_phone_key(phone)).values_list("kind", flat=True))


def opt_outs_set(*, phone: str, refused: set[str]) -> None:
    """The person's choice: exactly these optional kinds are not sent to them from now on."""
    refused &= set(OPTIONAL)
    key = _phone_key(phone)
    with transaction.atomic():
        OptOut.objects.filter(phone_hash=key).exclude(kind__in=refused).delete()
        for kind in refused:
            OptOut.objects.get_or_create(phone_hash=key, kind=kind)


def opt_outs_forget(*, phone: str) -> None:
    """A person erased: their choices go with them (the hash would still single out their number)."""
    OptOut.objects.filter(phone_hash=_phone_key(phone)).delete()


def text_in(table: dict[str, str], *, language: str, **values: str) -> tuple[str, str]:
    """A message of ``table`` (notify.texts) in the person's language (Korean if theirs is missing),
    signed with the center's name and public number, never a staff member's; and that language."""
    language = language if language in table else "ko"
    city = current_city()
    return table[language].format(center=city.center_name_in(language), phone=city.center_phone, **values), language


def _phone_key(phone: str) -> str:
    return keyed_hash("otp-phone", phone.replace("-", ""))


def code_send(*, phone: str, purpose: str, address: str, language: str = "ko") -> None:
    """Send a new one-time code to ``phone`` for ``purpose``, within the limits."""
    now = timezone.now()
    phone_key, address_key = _phone_key(phone), keyed_hash("otp-address", address)
    hour_ago = now - timedelta(hours=1)
    with transaction.atomic():
        recent = OneTimeCode.objects.select_for_update().filter(phone_hash=phone_key, created_at__gte=hour_ago)
        last = recent.order_by("-created_at").first()
        if last and (now - last.created_at).total_seconds() < RESEND_SECONDS:
            wait = RESEND_SECONDS - int((now - last.created_at).total_seconds())
            raise CodeError(
                f"인증번호를 방금 보냈습니다. {wait}초 뒤에 다시 요청해 주십시오.",
                code="resend_wait",
                params={"seconds": wait},
            )
        if recent.count() >= PER_NUMBER_HOURLY:
            raise CodeError(
                "이 번호로 인증번호를 너무 많이 요청하셨습니다. 한 시간 뒤에 다시 시도해 주십시오.", code="number_limit"
            )
        if OneTimeCode.objects.filter(address_hash=address_key, created_at__gte=hour_ago).count() >= PER_ADDRESS_HOURLY:
            raise CodeError(
                "이 기기에서 인증번호 요청이 너무 많습니다. 한 시간 뒤에 다시 시도해 주십시오.", code="address_limit"
            )
        code = f"{secrets.randbelow(1_000_000):06d}"
        OneTimeCode.objects.filter(phone_hash=phone_key, purpose=purpose, used_at__isnull=True).update(used_at=now)
        OneTimeCode.objects.create(
            phone_hash=phone_key,
            purpose=purpose,
            code_hash=keyed_hash("otp-code", phone_key, code),
            address_hash=address_key,
            created_at=now,
            expires_at=now + timedelta(minutes=CODE_MINUTES),
        )
    language = _language(language)
    text = texts.CODE[language].format(center=current_city().center_name_in(language), code=code, minutes=CODE_MINUTES)
    message = message_send(phone=phone, kind=Message.Kind.CODE, text=text, language=language)
    if message.status == Message.Status.FAILED:
        raise CodeError("인증번호 문자를 보내지 못했습니다. 잠시 뒤 다시 시도해 주십시오.", code="send_failed")


def code_check(*, phone: str, purpose: str, code: str) -> None:
    """Accept ``code`` once for this phone and purpose, or raise ``CodeError`` saying why not."""
    now = timezone.now()
    phone_key = _phone_key(phone)
    with transaction.atomic():  # a wrong try is counted even though the caller gets an error
        issued = (
            OneTimeCode.objects.select_for_update()
            .filter(phone_hash=phone_key, purpose=purpose, used_at__isnull=True)
            .order_by("-created_at")
            .first()
        )
        if issued is None:
            raise CodeError("유효한 인증번호가 없습니다. 인증번호를 다시 요청해 주십시오.", code="none")
        if issued.expires_at <= now:
            raise CodeError("인증번호의 유효 시간(5분)이 지났습니다. 다시 요청해 주십시오.", code="expired")
        if issued.attempts >= CODE_TRIES:
            raise CodeError("인증번호를 여러 번 틀렸습니다. 인증번호를 다시 요청해 주십시오.", code="too_many_tries")
        right = secrets.compare_digest(issued.code_hash, keyed_hash("otp-code", phone_key, code.strip()))
        if right:
            OneTimeCode.objects.filter(pk=issued.pk).update(used_at=now)
        else:
            OneTimeCode.objects.filter(pk=issued.pk).update(attempts=issued.attempts + 1)
    if not right:
        left = CODE_TRIES - issued.attempts - 1
        raise CodeError(
            f"인증번호가 맞지 않습니다. {left}번 더 입력할 수 있습니다.", code="wrong", params={"left": left}
        )
