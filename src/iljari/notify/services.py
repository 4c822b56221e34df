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
from iljari.notify import texts
from iljari.notify.models import Message, OneTimeCode
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


def message_send(*, phone: str, kind: str, text: str, language: str = "ko") -> Message:
    """Send one message now and keep it with its outcome; a provider failure is recorded, not raised."""
    message = Message(kind=kind, phone=phone, text=text, language=language, backend=settings.ILJARI_SMS_BACKEND)
    try:
        backend = sender()
        message.provider_id = backend.send(to=phone, text=text)
        message.status = Message.Status.SENT
    except SendFailed as exc:
        message.status, message.error = Message.Status.FAILED, str(exc)[:300]
    message.save()
    return message


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
