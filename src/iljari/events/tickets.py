"""Ticket codes and their QR images, and reading a ticket back from a scan or a typed code."""

import io
import re

import segno
import zxingcpp
from PIL import Image, UnidentifiedImageError

from iljari.events.models import CODE_ALPHABET

# A ticket's QR holds the URL of its own page, so the seeker's phone camera opens their timetable
# and the staff scanner takes the code from the end of it.
TICKET_IN_URL = re.compile(r"/e/t/([0-9A-Za-z]{6,12})/?$")


def qr_svg(data: str, *, scale: int = 6, title: str = "") -> str:
    """An inline SVG QR code (medium error correction, survives a crumpled printout)."""
    return segno.make(data, error="m", micro=False).svg_inline(scale=scale, border=2, title=title or None)


def ticket_code_from(text: str) -> str:
    """The ticket code in a scanned URL or a code typed by hand ("k7m2-q9xd…", spaces and dashes allowed).

    0 and 1 never appear in codes, so a typed O/I for them is read as the letter meant.
    """
    text = text.strip()
    found = TICKET_IN_URL.search(text)
    code = found.group(1) if found else text
    code = re.sub(r"[\s\-]", "", code).upper().replace("0", "O").replace("1", "I")
    return code if code and all(c in CODE_ALPHABET for c in code) else ""


def decode_qr(image_bytes: bytes) -> list[str]:
    """The texts of the QR codes in a camera frame (JPEG or PNG); an empty list when none is readable."""
    try:
        image = Image.open(io.BytesIO(image_bytes))
        image.load()
    except (UnidentifiedImageError, OSError):
        return []
    return [r.text for r in zxingcpp.read_barcodes(image.convert("L"), formats=zxingcpp.BarcodeFormat.QRCode)]
