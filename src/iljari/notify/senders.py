"""Where text messages go: the console or a file in development, a Korean SMS provider in production.

``ILJARI_SMS_BACKEND`` chooses: ``console`` (the default: the server log), ``file`` (one JSON line per
message in ``VAR_DIR/outbox/messages.jsonl``, readable only by the service account) or ``solapi``
(SOLAPI, CoolSMS's platform: ``ILJARI_SOLAPI_KEY``, ``ILJARI_SOLAPI_SECRET``, ``ILJARI_SMS_FROM``, the
center's registered sender number).
"""

import json
import logging
import os
from pathlib import Path
from typing import Protocol

from django.conf import settings
from django.utils import timezone

log = logging.getLogger(__name__)


class SendFailed(Exception):
    """The provider refused or could not be reached; the message says why."""


class Sender(Protocol):
    name: str

    def send(self, *, to: str, text: str) -> str:
        """Send ``text`` to the mobile number ``to``; returns the provider's message id."""


class ConsoleSender:
    name = "console"

    def send(self, *, to: str, text: str) -> str:
        log.info("SMS to %s****: %s", to[:-4], text)
        return ""


class FileSender:
    name = "file"

    def __init__(self, folder: Path) -> None:
        self.path = folder / "messages.jsonl"

    def send(self, *, to: str, text: str) -> str:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as fh:
            fh.write(json.dumps({"at": timezone.now().isoformat(), "to": to, "text": text}, ensure_ascii=False) + "\n")
        return ""


class SolapiSender:
    name = "solapi"

    def __init__(self, key: str, secret: str, sender: str) -> None:
        if not (key and secret and sender):
            raise SendFailed("SOLAPI 설정(ILJARI_SOLAPI_KEY, ILJARI_SOLAPI_SECRET, ILJARI_SMS_FROM)이 없습니다.")
        from solapi import SolapiMessageService

        self.service, self.sender = SolapiMessageService(key, secret), sender

    def send(self, *, to: str, text: str) -> str:
        from solapi.model import RequestMessage

        try:
            response = self.service.send(RequestMessage(from_=self.sender, to=to.replace("-", ""), text=text))
        except Exception as exc:  # the SDK raises its own and httpx's errors
            raise SendFailed(str(exc)[:300]) from exc
        return str(response.group_info.group_id)


def sender() -> Sender:
    backend = settings.ILJARI_SMS_BACKEND
    if backend == "file":
        return FileSender(Path(settings.VAR_DIR) / "outbox")
    if backend == "solapi":
        return SolapiSender(settings.ILJARI_SOLAPI_KEY, settings.ILJARI_SOLAPI_SECRET, settings.ILJARI_SMS_FROM)
    return ConsoleSender()
