"""Token authentication for the JSON API."""

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer

from iljari.accounts.services import api_token_user


class TokenAuth(HttpBearer):
    """`Authorization: Bearer ilj_...` — the token acts as the staff member it was issued to."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = api_token_user(token)
        if user is not None:
            request.user = user
        return user
