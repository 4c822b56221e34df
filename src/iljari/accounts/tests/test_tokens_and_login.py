"""API tokens that can be revoked and expire; a login limit per address across accounts; HTTPS mode."""

import os
import subprocess
import sys
from datetime import timedelta

from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from iljari.accounts.models import ApiToken
from iljari.accounts.services import api_token_create
from iljari.conftest import _staff
from iljari.privacy.models import AuditEvent


def _api(key: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def test_a_revoked_token_stops_working_at_once_and_the_revocation_is_audited(counselor, capsys):
    key = api_token_create(user=counselor, name="batch", actor="test")
    assert _api(key).get("/api/seekers/").status_code == 200
    token = ApiToken.objects.get()
    call_command("token", "revoke", str(token.pk))
    assert _api(key).get("/api/seekers/").status_code == 401
    assert AuditEvent.objects.filter(object_type="api_token", object_id=str(token.pk), purpose="API 토큰 폐기").exists()
    call_command("token", "list", "counselor1")
    assert "폐기" in capsys.readouterr().out


def test_a_token_expires_after_its_days(counselor, capsys):
    key = api_token_create(user=counselor, name="batch", actor="test", days=30)
    token = ApiToken.objects.get()
    assert timedelta(days=29) < token.expires_at - timezone.now() <= timedelta(days=30)
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert _api(key).get("/api/seekers/").status_code == 401
    call_command("token", "list")
    assert "만료" in capsys.readouterr().out


def test_many_failures_from_one_address_across_accounts_stop_even_a_right_password(client, db, desk, settings):
    settings.ILJARI_LOGIN_FAILURES_PER_ADDRESS = 12
    for n in range(4):
        _staff(f"staff{n}", "counselor", desk)
    manager = _staff("boss", "manager", None)
    for n in range(4):  # three wrong passwords per account: no single account is locked
        for _ in range(3):
            client.post("/login/", {"username": f"staff{n}", "password": "wrong-password"})
    refused = client.post("/login/", {"username": "boss", "password": "test-pass-2026"})
    assert "이 주소에서 로그인 실패가 많아" in refused.content.decode()
    assert "_auth_user_id" not in client.session
    elsewhere = Client(REMOTE_ADDR="10.0.0.9")
    assert elsewhere.post("/login/", {"username": "boss", "password": "test-pass-2026"}).status_code == 302
    assert str(manager.pk) == elsewhere.session["_auth_user_id"]


def test_a_few_failures_from_a_shared_desk_address_do_not_lock_the_others(client, db, desk):
    _staff("staff0", "counselor", desk)
    _staff("staff1", "counselor", desk)
    for _ in range(3):
        client.post("/login/", {"username": "staff0", "password": "wrong-password"})
    assert client.post("/login/", {"username": "staff1", "password": "test-pass-2026"}).status_code == 302


def test_https_mode_passes_the_deployment_checks(tmp_path):
    env = {
        **os.environ,
        "ILJARI_HTTPS": "1",
        "ILJARI_ALLOWED_HOSTS": "jobs.example.go.kr",
        "ILJARI_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "iljari.settings",
    }
    for name in ("ILJARI_DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"):  # the browser tests set the latter
        env.pop(name, None)
    env.pop("ILJARI_DATABASE_URL", None)
    run = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "no issues" in run.stdout
    plain = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env={**env, "ILJARI_HTTPS": "0"},
        capture_output=True,
        text=True,
    )
    assert plain.returncode != 0 and "SECURE_SSL_REDIRECT" in plain.stdout + plain.stderr
