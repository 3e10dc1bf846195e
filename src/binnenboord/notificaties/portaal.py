# SPDX-License-Identifier: EUPL-1.2
"""E-mail to a parent or pupil who uses the portal (docs/relatie.md): only when they opted in
(Portaalgebruiker.email_meldingen) and gave an address, after the commit of the write that
caused it, by a background task (`mail_portaal`, run by `binnenboord db_worker`), never in the
web request.

A message carries no pupil's details and no text anyone typed: one fixed sentence saying that
something new is waiting (a message, a plan version, a meeting invitation) and a link to the
portal, where the log-in and the access rules decide what is shown. It is in the default
language (settings.LANGUAGE_CODE), like every message Binnenboord sends.

The invitation e-mail with its one-time code (`mail_uitnodiging`) is a task too; its readable
code (the database keeps only its hash) and address travel sealed in the task's arguments, so
the task queue's table shows neither."""

from __future__ import annotations

import base64
import json
from datetime import datetime
from functools import partial
from urllib.parse import urlencode

from django.conf import settings
from django.core import mail
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import formats, timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

import structlog
from cryptography.fernet import Fernet, InvalidToken
from django_tasks import task  # Django 6: from django.tasks import task

from binnenboord.toegang.models import Portaalgebruiker

log = structlog.get_logger(__name__)

# what a portal e-mail can say (the kinds a service passes)
BERICHT = "bericht"
PLAN = "plan"
OVERLEG = "overleg"
CORRECTIE = "correctie"
SOORTEN = (BERICHT, PLAN, OVERLEG, CORRECTIE)


def _zin(soort: str) -> str:
    if soort == BERICHT:
        return _("There is a new message for you in the Binnenboord portal.")
    if soort == PLAN:
        return _("There is a new version of the plan in the Binnenboord portal.")
    if soort == OVERLEG:
        return _("You are invited to a meeting. Look in the Binnenboord portal.")
    if soort == CORRECTIE:
        return _("There is an answer to your request for a correction in the Binnenboord portal.")
    return _("There is something new for you in the Binnenboord portal.")


def _basis() -> str:
    return str(settings.SITE_URL).rstrip("/")


def _pad(naam: str, *args: object) -> str:
    """The portal page `naam` (a URL name of the portal); the start page when that page is not
    there."""
    try:
        return reverse(naam, args=args)
    except NoReverseMatch:
        return reverse("portaal:start")


def wil_mail(gebruiker: Portaalgebruiker | None) -> bool:
    return bool(
        gebruiker is not None
        and gebruiker.is_actief
        and gebruiker.email_meldingen
        and gebruiker.email
    )


def meld(gebruiker: Portaalgebruiker | None, soort: str, *, toegang_id: int | None = None) -> bool:
    """Queue an e-mail of `soort` for `gebruiker` when they opted in, after the caller's
    transaction commits; the link leads to the case's page of the access `toegang_id` (the
    portal's start page without it). Returns whether a mail was queued."""
    if soort not in SOORTEN:
        raise ValueError(f"Onbekende soort portaalmail {soort!r}.")
    if not wil_mail(gebruiker):
        return False
    assert gebruiker is not None
    pad = _pad("portaal:casus", toegang_id) if toegang_id else reverse("portaal:start")
    transaction.on_commit(partial(mail_portaal.enqueue, gebruiker.pk, soort, pad))
    return True


@task()
def mail_portaal(gebruiker_id: int, soort: str, pad: str) -> int:
    """Mail one portal user that something of `soort` is waiting at `pad`. Checked again when
    it runs: a user who meanwhile opted out, or was switched off, gets nothing. Returns the
    number of messages sent (0 or 1)."""
    gebruiker = Portaalgebruiker.objects.filter(pk=gebruiker_id).first()
    if not wil_mail(gebruiker) or not pad.startswith("/") or pad.startswith("//"):
        return 0
    assert gebruiker is not None
    with translation.override(settings.LANGUAGE_CODE):
        regels = [
            _("Good day,"),
            "",
            _zin(soort),
            f"{_basis()}{pad}",
            "",
            _("You receive this e-mail because you asked for it. You can turn it off here: %(url)s")
            % {"url": _basis() + _pad("portaal:instellingen")},
            _("This message was sent automatically by Binnenboord."),
        ]
        onderwerp = _("New in the Binnenboord portal")
    verzonden = mail.EmailMessage(
        subject=onderwerp, body="\n".join(regels), to=[gebruiker.email]
    ).send()
    log.info("portaalmail_verzonden", portaalgebruiker_id=gebruiker.pk, soort=soort)
    return int(verzonden or 0)


def uitnodigingslink(code: str) -> str:
    """The full link of an e-mailed invitation: the portal's log-in page with the code."""
    return f"{_basis()}{reverse('portaal:inloggen')}?{urlencode({'code': code})}"


def _sleutel() -> Fernet:
    """The key that seals an invitation in the task table: derived from SECRET_KEY, so a copy
    of the database alone cannot read the code."""
    ruw = salted_hmac("binnenboord.portaaluitnodiging", "", algorithm="sha256").digest()
    return Fernet(base64.urlsafe_b64encode(ruw))


def mail_uitnodiging(*, email: str, code: str, geldig_tot: datetime, toegang_id: int) -> None:
    """Queue the invitation with its one-time code to `email` after the caller's transaction
    commits; the task `mail_uitnodiging_taak` sends it in the worker. The readable code is only
    stored sealed (Fernet, a key derived from SECRET_KEY) in the task's arguments, together with
    the address, so the task table shows neither. The link carries the code: whoever has the
    e-mail can use the invitation, as whoever has the letter can; accepting with DigiD still
    checks the BSN when it is known. A failing mail server does not undo the invitation: it is
    logged and the regisseur makes a new code."""
    inhoud = json.dumps({"email": email, "code": code, "geldig_tot": geldig_tot.isoformat()})
    verzegeld = _sleutel().encrypt(inhoud.encode()).decode()
    transaction.on_commit(partial(mail_uitnodiging_taak.enqueue, toegang_id, verzegeld))


@task()
def mail_uitnodiging_taak(toegang_id: int, verzegeld: str) -> int:
    """Send one sealed invitation (mail_uitnodiging); nothing once its code has expired or when
    the seal does not open (another SECRET_KEY). Returns the number of messages sent."""
    try:
        inhoud = json.loads(_sleutel().decrypt(verzegeld.encode()))
    except InvalidToken:
        log.warning("portaaluitnodiging_niet_te_openen", toegang_id=toegang_id)
        return 0
    email, code = str(inhoud["email"]), str(inhoud["code"])
    geldig_tot = datetime.fromisoformat(inhoud["geldig_tot"])
    if geldig_tot <= timezone.now():
        log.info("portaaluitnodiging_verlopen", toegang_id=toegang_id)
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        tot = formats.date_format(timezone.localtime(geldig_tot), "j F Y")
        regels = [
            _("Good day,"),
            "",
            _(
                "You are invited to the Binnenboord portal. There you can see the plan, "
                "the meetings and the letters, and send a message to the case director."
            ),
            "",
            _("Click this link to log in the first time:"),
            uitnodigingslink(code),
            "",
            _("Your code is %(code)s. It works once, until %(datum)s.")
            % {"code": code, "datum": tot},
            _("Did you not expect this e-mail? Then you can ignore it."),
            _("This message was sent automatically by Binnenboord."),
        ]
        onderwerp = _("Invitation to the Binnenboord portal")
    try:
        verzonden = mail.EmailMessage(subject=onderwerp, body="\n".join(regels), to=[email]).send()
    except Exception:  # the invitation stands; the regisseur can make a new code
        log.exception("portaaluitnodiging_niet_verzonden", toegang_id=toegang_id)
        return 0
    log.info("portaaluitnodiging_verzonden", toegang_id=toegang_id)
    return int(verzonden or 0)
