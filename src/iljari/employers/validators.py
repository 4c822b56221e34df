"""사업자등록번호 (business registration number) validation."""

import re

from django.core.exceptions import ValidationError

_WEIGHTS = (1, 3, 7, 1, 3, 7, 1, 3, 5)


def normalize_business_number(value: str) -> str:
    """Digits only: '123-45-67890' and '1234567890' are the same number."""
    return re.sub(r"\D", "", value or "")


def business_number_is_valid(value: str) -> bool:
    """Whether the tenth digit is the check digit of the first nine (국세청 rule)."""
    digits = normalize_business_number(value)
    if len(digits) != 10:
        return False
    d = [int(c) for c in digits]
    total = sum(a * w for a, w in zip(d[:9], _WEIGHTS, strict=True)) + (d[8] * 5) // 10
    return (10 - total % 10) % 10 == d[9]


def validate_business_number(value: str) -> None:
    if not business_number_is_valid(value):
        raise ValidationError(
            "사업자등록번호가 올바르지 않습니다. 10자리 숫자와 검증번호를 확인해 주십시오.",
            code="invalid_business_number",
        )


def format_business_number(value: str) -> str:
    d = normalize_business_number(value)
    return f"{d[:3]}-{d[3:5]}-{d[5:]}" if len(d) == 10 else value
