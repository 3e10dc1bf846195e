# SPDX-License-Identifier: EUPL-1.2
"""Delivering notifications by e-mail: at once for who chose "direct" (tasks.mail_direct, queued
when the notifying transaction commits) and as a daily digest for the others
(`binnenboord notificaties --digest`). Each person gets one message with their notifications
not mailed and not read yet; each notification is mailed once (`gemaild_op`), so running either
again sends nothing new, and two runs at once lock different rows (skip_locked).

A message names no pupil (e-mail is no safe channel for a child's data): it says what happened
(a case or meeting number at most) and links to the page, where access is checked and logged.
It is in the default language (settings.LANGUAGE_CODE), like every message Binnenboord sends.
What a person already read in the application is not mailed any more."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core import mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

import structlog

from binnenboord.toegang.models import Medewerker

from .models import Notificatie, Notificatievoorkeur
from .teksten import zin

log = structlog.get_logger(__name__)
Mail = Notificatievoorkeur.Mail


@dataclass
class Bezorgd:
    """What one delivery run did: messages sent, notifications in them, people without an
    e-mail address (they see their notifications in the application only)."""

    mails: int = 0
    notificaties: int = 0
    zonder_adres: int = 0


def verstuur_direct(ontvanger_ids: Iterable[int], *, nu: datetime | None = None) -> Bezorgd:
    """The e-mail at once: for each of these staff members who chose "direct", one message
    with their notifications not mailed yet."""
    return _bezorg(
        Q(ontvanger_id__in=list(ontvanger_ids), ontvanger__notificatievoorkeur__mail=Mail.DIRECT),
        nu or timezone.now(),
    )


def verstuur_digest(*, nu: datetime | None = None) -> Bezorgd:
    """The daily digest: one message per staff member with everything not mailed yet, for all
    who did not choose "never" (no choice is "daily"; for who chose "direct" this sends what
    the task could not, e.g. while the worker was down)."""
    return _bezorg(~Q(ontvanger__notificatievoorkeur__mail=Mail.NOOIT), nu or timezone.now())


def _bezorg(wie: Q, nu: datetime) -> Bezorgd:
    uitkomst = Bezorgd()
    with transaction.atomic():
        te_mailen = list(
            Notificatie.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(wie, gemaild_op__isnull=True, gelezen_op__isnull=True)
            .filter(ontvanger__is_active=True)
            .select_related("ontvanger")
            .order_by("ontvanger_id", "aangemaakt_op", "pk")
        )
        per_persoon: dict[int, tuple[Medewerker, list[Notificatie]]] = {}
        for notificatie in te_mailen:
            ontvanger = notificatie.ontvanger
            per_persoon.setdefault(ontvanger.pk, (ontvanger, []))[1].append(notificatie)
        berichten, gemaild = [], []
        for ontvanger, notificaties in per_persoon.values():
            if not ontvanger.email:
                uitkomst.zonder_adres += 1
                log.warning("notificaties_geen_adres", medewerker_id=ontvanger.pk)
                continue
            berichten.append(bericht(ontvanger, notificaties))
            gemaild += [n.pk for n in notificaties]
        if berichten:
            uitkomst.mails = mail.get_connection().send_messages(berichten) or 0
            uitkomst.notificaties = len(gemaild)
            Notificatie.objects.filter(pk__in=gemaild).update(gemaild_op=nu)
    log.info("notificaties_gemaild", mails=uitkomst.mails, notificaties=uitkomst.notificaties)
    return uitkomst


def bericht(ontvanger: Medewerker, notificaties: list[Notificatie]) -> mail.EmailMessage:
    """One message with these notifications: each its sentence and its link, nothing more."""
    basis = settings.SITE_URL.rstrip("/")
    with translation.override(settings.LANGUAGE_CODE):
        onderwerp = ngettext(
            "Binnenboord: %(aantal)d new notification",
            "Binnenboord: %(aantal)d new notifications",
            len(notificaties),
        ) % {"aantal": len(notificaties)}
        regels = [
            _("Good day %(naam)s,") % {"naam": ontvanger.get_full_name() or ontvanger.username},
            "",
            _("New in Binnenboord for you:"),
            "",
        ]
        for notificatie in notificaties:
            regels.append(f"- {zin(notificatie.soort, notificatie.gegevens)}")
            regels.append(f"  {basis}{notificatie.url}")
        regels += [
            "",
            _("Whether and when you receive these e-mails, you choose here: %(url)s")
            % {"url": basis + reverse("notificaties:voorkeur")},
            _("This message was sent automatically by Binnenboord."),
        ]
    return mail.EmailMessage(subject=onderwerp, body="\n".join(regels), to=[ontvanger.email])
