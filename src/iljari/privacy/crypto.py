"""Encryption of personal fields at rest and keyed hashes for exact look-ups.

The key lives in a file outside the database (created by ``iljari init``, mode 0600), so a
copy of the database alone reveals no names, phones or birth dates. Two sub-keys are derived
from it: one for AES-GCM, one for HMAC, so a leaked hash key cannot decrypt anything.
"""

import base64
import functools
import hashlib
import hmac
import os
import secrets
import unicodedata
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from iljari.core.errors import IljariError

TOKEN_PREFIX = "v1:"


class PrivacyError(IljariError):
    """A personal-data rule stopped the operation."""


def create_key_file(path: Path) -> bool:
    """Write a new random key unless one exists; returns whether it wrote one."""
    if path.exists():
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(base64.b64encode(secrets.token_bytes(32)).decode() + "\n")
    return True


def _derive(master: bytes, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose).derive(master)


@functools.cache
def _keys() -> tuple[AESGCM, bytes, bytes]:
    from django.conf import settings

    path = Path(settings.ILJARI_KEY_FILE)
    if not path.exists():
        raise PrivacyError(f"개인정보 암호화 키 파일이 없습니다({path}). 먼저 'iljari init'을 실행해 주십시오.")
    master = base64.b64decode(path.read_text().strip())
    return (
        AESGCM(_derive(master, b"iljari field encryption")),
        _derive(master, b"iljari lookup"),
        _derive(master, b"iljari audit chain"),
    )


def reset_keys() -> None:
    """Forget the loaded key (after a key file is created or replaced)."""
    _keys.cache_clear()


def encrypt(text: str) -> str:
    aes = _keys()[0]
    nonce = secrets.token_bytes(12)
    sealed = aes.encrypt(nonce, text.encode(), None)
    return TOKEN_PREFIX + base64.b64encode(nonce + sealed).decode()


def decrypt(token: str) -> str:
    if not token.startswith(TOKEN_PREFIX):
        raise PrivacyError("암호화되지 않은 개인정보 값이 저장되어 있습니다.")
    aes = _keys()[0]
    raw = base64.b64decode(token[len(TOKEN_PREFIX) :])
    return aes.decrypt(raw[:12], raw[12:], None).decode()


def normalize_for_lookup(value: str) -> str:
    """The form of a value that two people typing it would agree on (width, case, spaces)."""
    return "".join(unicodedata.normalize("NFKC", value).split()).casefold()


def keyed_hash(*parts: str) -> str:
    """HMAC of the normalized parts: equal inputs give equal hashes, nothing can be reversed."""
    key = _keys()[1]
    message = "\x1f".join(normalize_for_lookup(p) for p in parts).encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def seal(text: str) -> str:
    """A MAC that only the key holder can produce: the audit chain's seal."""
    return hmac.new(_keys()[2], text.encode(), hashlib.sha256).hexdigest()


def key_fingerprint() -> str:
    """A short name for the key in use (a MAC of a fixed text): tells two keys apart, reveals nothing."""
    return seal("iljari key fingerprint")[:16]
