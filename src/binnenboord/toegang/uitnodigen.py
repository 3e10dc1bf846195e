# SPDX-License-Identifier: EUPL-1.2
"""The one-time log-in link of a Medewerker (docs/inrichten.md, "De eenmalige inloglink").

`binnenboord inrichten` prints one for the first functioneel beheerder, and an invitation by
e-mail carries one. The link opens a page where the person chooses a password and then sets
up two-step verification. It is Django's password-reset token with a salt of its own (a reset
token is no log-in link and the other way round), so:

- the hash covers the password hash and the last log-in: choosing a password or logging in
  once makes every link given before it worthless;
- it expires after settings.EENMALIGE_LINK_DAGEN days (default 7);
- only an active Medewerker whose role fits its organisation, and that does not log in with its
  own organisation, gets a link that works.

Nothing here logs the link or the token."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.urls import reverse
from django.utils.crypto import constant_time_compare
from django.utils.encoding import force_bytes, force_str
from django.utils.http import base36_to_int, urlsafe_base64_decode, urlsafe_base64_encode

from .models import TECHNISCH_ACCOUNT, Medewerker

# The URL name of the page the link opens (binnenboord.web: the one-time log-in page).
URL_NAAM = "eenmalig_inloggen"


def geldigheid_in_seconden() -> int:
    """How long a link works: settings.EENMALIGE_LINK_DAGEN days (default 7)."""
    dagen = getattr(settings, "EENMALIGE_LINK_DAGEN", 7)
    return int(dagen) * 24 * 60 * 60


class EenmaligeLinkToken(PasswordResetTokenGenerator):
    """A password-reset token with its own salt and its own lifetime."""

    key_salt = "binnenboord.toegang.uitnodigen.EenmaligeLinkToken"

    def check_token(self, user: Medewerker | None, token: str | None) -> bool:
        """As Django's, with EENMALIGE_LINK_DAGEN instead of PASSWORD_RESET_TIMEOUT."""
        if not (user and token):
            return False
        try:
            ts_b36, _hash = token.split("-")
            ts = base36_to_int(ts_b36)
        except ValueError:
            return False
        for secret in [self.secret, *self.secret_fallbacks]:
            if constant_time_compare(self._make_token_with_timestamp(user, ts, secret), token):
                break
        else:
            return False
        return (self._num_seconds(self._now()) - ts) <= geldigheid_in_seconden()


token_maker = EenmaligeLinkToken()


def mag_link_krijgen(medewerker: Medewerker) -> bool:
    """Whether a link for `medewerker` works: active, with a role that fits its organisation,
    and not an account that logs in with its own organisation (toegang/oidc.py): a local
    password would outlive the provider switching it off. Never a superuser or a technical API
    account: no invitation is meant for them, so a link for one is a mistake or an attack."""
    return (
        medewerker.heeft_passende_rol
        and medewerker.inlogkoppeling_id is None
        and not medewerker.is_superuser
        and not Medewerker.objects.filter(TECHNISCH_ACCOUNT, pk=medewerker.pk).exists()
    )


def inlogpad(medewerker: Medewerker) -> str:
    """The path (without host) of a fresh one-time log-in link for `medewerker`."""
    uidb64 = urlsafe_base64_encode(force_bytes(medewerker.pk))
    token = token_maker.make_token(medewerker)
    return reverse(URL_NAAM, kwargs={"uidb64": uidb64, "token": token})


def inloglink(medewerker: Medewerker) -> str:
    """An absolute one-time log-in link for `medewerker` (settings.SITE_URL + the path). Its
    token is only valid while `medewerker` may log in (mag_link_krijgen); the link stops working
    once the password is chosen, after a log-in, or after EENMALIGE_LINK_DAGEN days."""
    return settings.SITE_URL.rstrip("/") + inlogpad(medewerker)


def medewerker_van_link(uidb64: str, token: str) -> Medewerker | None:
    """The Medewerker a link names, when the link is still valid and the person may log in;
    None for a used, expired, forged or unknown link."""
    try:
        pk = int(force_str(urlsafe_base64_decode(uidb64)))
    except (TypeError, ValueError, OverflowError, UnicodeDecodeError):
        return None
    medewerker = Medewerker.objects.select_related("organisatie").filter(pk=pk).first()
    if medewerker is None or not mag_link_krijgen(medewerker):
        return None
    if not token_maker.check_token(medewerker, token):
        return None
    return medewerker
