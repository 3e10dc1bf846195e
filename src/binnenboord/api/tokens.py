# SPDX-License-Identifier: EUPL-1.2
"""Making, finding and revoking API tokens. A key looks like `bb_<prefix>_<secret>`: the prefix
finds the row, the SHA-256 of the whole key is compared in constant time; the key itself is
never stored and shown only once."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from binnenboord.toegang.models import Medewerker, Organisatie, Rol

from .models import ApiToken, Scope

# The role a token's technical account gets, per kind of organisation: a school's system
# writes the school's absence and enrolments, Leerplicht's system reads its municipalities.
ROL_VAN_SOORT = {
    Organisatie.Soort.SCHOOL: Rol.SCHOOLMEDEWERKER,
    Organisatie.Soort.GEMEENTE: Rol.LEERPLICHTAMBTENAAR,
}
# Writing `laatst_gebruikt_op` on every request would cost a write per call.
GEBRUIK_BIJWERKEN_NA = timedelta(minutes=1)


class OngeldigToken(ValueError):
    pass


def _hash(sleutel: str) -> str:
    return hashlib.sha256(sleutel.encode()).hexdigest()


@transaction.atomic
def maak_token(
    *, organisatie: Organisatie, naam: str, scopes: list[str], door: Medewerker | None
) -> tuple[ApiToken, str]:
    """A new token and its key (returned once, stored only as a hash)."""
    rol = ROL_VAN_SOORT.get(organisatie.soort)  # type: ignore[call-overload]
    if rol is None:
        raise OngeldigToken(f"Een API-token kan alleen voor een school of gemeente: {organisatie}.")
    onbekend = sorted(set(scopes) - set(Scope.values))
    if onbekend or not scopes:
        raise OngeldigToken(f"Onbekende of geen scopes: {', '.join(onbekend) or '-'}.")
    prefix = secrets.token_hex(4)
    sleutel = f"bb_{prefix}_{secrets.token_urlsafe(32)}"
    medewerker = Medewerker(
        username=f"api-{prefix}",
        first_name="API",
        last_name=naam[:150],
        organisatie=organisatie,
        rol=rol,
    )
    medewerker.set_unusable_password()
    medewerker.save()
    token = ApiToken.objects.create(
        organisatie=organisatie,
        naam=naam,
        scopes=sorted(set(scopes)),
        prefix=prefix,
        sleutel_hash=_hash(sleutel),
        medewerker=medewerker,
        aangemaakt_door=door,
    )
    return token, sleutel


def vind_token(sleutel: str) -> ApiToken:
    """The active token of `sleutel`, or OngeldigToken (unknown, malformed or revoked)."""
    delen = sleutel.split("_", 2)
    if len(delen) != 3 or delen[0] != "bb" or not delen[1]:
        raise OngeldigToken("malformed")
    token = (
        ApiToken.objects.select_related("medewerker__organisatie")
        .filter(prefix=delen[1][:12])
        .first()
    )
    if token is None or not hmac.compare_digest(token.sleutel_hash, _hash(sleutel)):
        raise OngeldigToken("unknown")
    if token.ingetrokken_op is not None or not token.medewerker.is_active:
        raise OngeldigToken("revoked")
    nu = timezone.now()
    if token.laatst_gebruikt_op is None or nu - token.laatst_gebruikt_op > GEBRUIK_BIJWERKEN_NA:
        ApiToken.objects.filter(pk=token.pk).update(laatst_gebruikt_op=nu)
        token.laatst_gebruikt_op = nu
    return token


@transaction.atomic
def trek_in(*, token: ApiToken) -> ApiToken:
    """Revokes the token at once; its technical account can no longer do anything."""
    if token.ingetrokken_op is None:
        token.ingetrokken_op = timezone.now()
        token.save(update_fields=["ingetrokken_op"])
        Medewerker.objects.filter(pk=token.medewerker_id).update(is_active=False)
    return token
