"""Staff accounts, API tokens and the city's desks."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from iljari.accounts.models import ApiToken, Desk, User
from iljari.core.errors import IljariError
from iljari.privacy.audit import Action, Actor, audit_record
from iljari.reference.models import Dong
from iljari.reference.services import City, ReferenceDataError, read_csv, upsert


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


def token_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class TokenError(IljariError):
    """An API token operation that cannot be done."""


def api_token_create(*, user: User, name: str, actor: Actor, days: int | None = None) -> str:
    """A new API token for ``user``, valid for ``days`` (the site's default when not given); the key
    is returned once and only its hash is kept."""
    days = settings.ILJARI_API_TOKEN_DAYS if days is None else days
    if not 1 <= days <= 366:
        raise TokenError("토큰 유효 기간은 1일에서 366일 사이로 정해 주십시오.")
    key = "ilj_" + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user, name=name, key_hash=token_hash(key), expires_at=timezone.now() + timedelta(days=days)
        )
        audit_record(
            actor=actor,
            action=Action.CREATE,
            object_type="api_token",
            object_id=token.pk,
            purpose="API 토큰 발급",
            detail={"user": user.pk},
        )
    return key


def api_token_revoke(*, token_id: int, actor: Actor) -> ApiToken:
    """Stop a token working at once; the record stays so the audit log still names it."""
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().filter(pk=token_id).first()
        if token is None:
            raise TokenError(f"토큰 #{token_id}을(를) 찾을 수 없습니다.")
        if token.revoked_at is not None:
            raise TokenError(f"토큰 #{token_id}은(는) 이미 폐기되었습니다.")
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(
            actor=actor, action=Action.UPDATE, object_type="api_token", object_id=token.pk, purpose="API 토큰 폐기"
        )
    return token


def api_token_user(key: str) -> User | None:
    """The active staff member a live token belongs to (not revoked, not expired), noting when it was used."""
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=token_hash(key), revoked_at__isnull=True, user__is_active=True)
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=timezone.now()))
        .first()
    )
    if token is None:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user


def desks_load(city: City) -> int:
    """The city's desks from ``desks.csv``; each 동 named must be in the city's 동 list."""
    rows = read_csv(city.folder / "desks.csv", ["code", "name", "kind", "dong"])
    dongs = {d.name: d for d in Dong.objects.all()}
    kinds = set(Desk.Kind.values)
    records = []
    for r in rows:
        if r["kind"] not in kinds:
            raise ReferenceDataError(f"desks.csv: 창구 구분 '{r['kind']}'을(를) 알 수 없습니다.")
        if r["dong"] and r["dong"] not in dongs:
            raise ReferenceDataError(f"desks.csv: 행정동 '{r['dong']}'이(가) 동 목록에 없습니다.")
        records.append(
            {
                "code": r["code"],
                "name": r["name"],
                "kind": r["kind"],
                "dong": dongs.get(r["dong"]),
                "address": r.get("address", ""),
            }
        )
    return upsert(Desk, "code", records)
