# SPDX-License-Identifier: EUPL-1.2
"""Who is calling: a system with `Authorization: Bearer <key>`, or a person with a verified
session (CSRF checked on unsafe methods, as DRF does). A token acts as its technical Medewerker,
so toegang's rules and scopes apply unchanged; the token's scopes narrow what it may do."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions, permissions
from rest_framework.request import Request

from binnenboord.toegang.models import Medewerker

from .models import ApiToken, Scope
from .tokens import OngeldigToken, vind_token


class ApiTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request: Request) -> tuple[Medewerker, ApiToken] | None:
        kop = authentication.get_authorization_header(request).split()
        if not kop or kop[0].lower() != self.keyword.lower().encode():
            return None
        if len(kop) != 2:
            raise exceptions.AuthenticationFailed(_("Invalid token header."))
        try:
            token = vind_token(kop[1].decode("ascii", errors="replace"))
        except OngeldigToken:
            raise exceptions.AuthenticationFailed(_("Invalid or revoked token.")) from None
        return token.medewerker, token

    def authenticate_header(self, request: Request) -> str:
        return f'{self.keyword} realm="api"'


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "binnenboord.api.auth.ApiTokenAuthentication"
    name = "apiToken"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {"type": "http", "scheme": "bearer", "bearerFormat": "bb_<prefix>_<secret>"}


def token_van(request: Request) -> ApiToken | None:
    return request.auth if isinstance(request.auth, ApiToken) else None


def medewerker(request: Request) -> Medewerker:
    """The caller of a view behind HeeftScope: the person, or the token's technical
    Medewerker (HeeftScope lets no anonymous caller through)."""
    gebruiker = request.user
    if not isinstance(gebruiker, Medewerker):
        raise exceptions.NotAuthenticated
    return gebruiker


class HeeftScope(permissions.BasePermission):
    """A token needs `lezen` for reads and the view's `schrijfscope` for writes; a person's
    session has every scope (the access rules decide)."""

    message = _("This API token does not have the scope for this request.")

    def has_permission(self, request: Request, view: Any) -> bool:
        if not (request.user and request.user.is_authenticated):
            return False
        token = token_van(request)
        if token is None:
            return True
        if request.method in permissions.SAFE_METHODS:
            return token.mag(Scope.LEZEN)
        return token.mag(getattr(view, "schrijfscope", ""))
