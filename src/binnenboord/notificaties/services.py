# SPDX-License-Identifier: EUPL-1.2
"""Writing notifications: `notificeer` is what every app calls when something reaches a person
(an action assigned, a case escalated to their body, an agenda published, a melding received...).

It stores one row per recipient (idempotent per `sleutel`) in the caller's transaction; an
inactive account, the technical account of an API token or the person who caused it gets
nothing. Delivery by e-mail (at once or as a daily digest, per the recipient's
Notificatievoorkeur) happens after the commit, outside the request: for the recipients who
chose "direct" a background task (tasks.mail_direct, run by `binnenboord db_worker`) is queued
when the transaction commits; the others wait for the daily digest (`binnenboord notificaties
--digest`, bezorging.verstuur_digest).

`gegevens` holds values only: the keys the sentences know are listed in teksten.py (``casus``,
``overleg``, ``melding``, ``datum``...). Never a pupil's name or a text a person typed."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from django.db import transaction
from django.utils import timezone

from binnenboord.toegang.models import TECHNISCH_ACCOUNT, Medewerker

from .models import Notificatie, Notificatievoorkeur


@dataclass(frozen=True)
class Bericht:
    """One thing that happened, for `notificeer_velen`: the same arguments as `notificeer`."""

    ontvangers: tuple[Medewerker | None, ...]
    soort: str
    url: str
    gegevens: Mapping[str, Any] = field(default_factory=dict)
    sleutel: str = ""
    door: Medewerker | None = None


def notificeer(
    ontvangers: Iterable[Medewerker | None],
    soort: str,
    *,
    url: str,
    gegevens: Mapping[str, Any] | None = None,
    sleutel: str = "",
    door: Medewerker | None = None,
) -> list[Notificatie]:
    """Notify each active recipient once (per `sleutel` when given) that `soort` happened, with
    a link to `url` (a path in this application, where access is checked and logged). `gegevens`
    holds values only (numbers, codes, dates), never a pupil's name. `door`, who caused it, is
    not notified of their own act."""
    return notificeer_velen(
        [Bericht(tuple(ontvangers), soort, url, dict(gegevens or {}), sleutel, door)]
    )


def notificeer_velen(berichten: Iterable[Bericht]) -> list[Notificatie]:
    """Many notifications in a fixed number of queries (the daily deadline job): one insert,
    one look-up of who wants e-mail at once."""
    berichten = list(berichten)
    # a technical account has the role and organisation of its owner, so recipient lists by
    # role would find it
    technisch = set(
        Medewerker.objects.filter(
            TECHNISCH_ACCOUNT,
            pk__in={o.pk for b in berichten for o in b.ontvangers if o is not None},
        ).values_list("pk", flat=True)
    )
    rijen = []
    for bericht in berichten:
        if bericht.soort not in Notificatie.Soort.values:
            raise ValueError(f"Onbekende soort notificatie {bericht.soort!r}.")
        if not bericht.url.startswith("/") or bericht.url.startswith("//"):
            raise ValueError(f"Een notificatie linkt naar een pad in Binnenboord: {bericht.url!r}.")
        gezien: set[int] = set()
        for ontvanger in bericht.ontvangers:
            if ontvanger is None or not ontvanger.is_active or ontvanger.pk in gezien | technisch:
                continue
            if bericht.door is not None and ontvanger.pk == bericht.door.pk:
                continue
            gezien.add(ontvanger.pk)
            rijen.append(
                Notificatie(
                    ontvanger=ontvanger,
                    soort=bericht.soort,
                    url=bericht.url[:300],
                    gegevens=dict(bericht.gegevens),
                    sleutel=bericht.sleutel[:100],
                )
            )
    if not rijen:
        return []
    geschreven = Notificatie.objects.bulk_create(rijen, ignore_conflicts=True)
    _mail_direct_na_commit({r.ontvanger_id for r in rijen})
    return geschreven


def _mail_direct_na_commit(ontvanger_ids: set[int]) -> None:
    """Queue one e-mail task, after the commit, for the recipients who chose "direct"."""
    direct = sorted(
        Notificatievoorkeur.objects.filter(
            medewerker_id__in=ontvanger_ids, mail=Notificatievoorkeur.Mail.DIRECT
        ).values_list("medewerker_id", flat=True)
    )
    if direct:
        from .tasks import mail_direct

        transaction.on_commit(partial(mail_direct.enqueue, direct))


def voorkeur_van(medewerker: Medewerker) -> str:
    """The staff member's choice of e-mail (a daily digest when none was made)."""
    voorkeur = Notificatievoorkeur.objects.filter(medewerker=medewerker).first()
    return voorkeur.mail if voorkeur else Notificatievoorkeur.Mail.DAGELIJKS


def kies_voorkeur(*, medewerker: Medewerker, mail: str) -> Notificatievoorkeur:
    if mail not in Notificatievoorkeur.Mail.values:
        raise ValueError(f"Onbekende keuze {mail!r}.")
    voorkeur, _nieuw = Notificatievoorkeur.objects.update_or_create(
        medewerker=medewerker, defaults={"mail": mail}
    )
    return voorkeur


def markeer_gelezen(*, medewerker: Medewerker, pk: int | None = None) -> int:
    """Mark one of the staff member's own notifications read (or all, without `pk`); another
    person's notification is never touched. Returns how many changed."""
    rijen = Notificatie.objects.filter(ontvanger=medewerker, gelezen_op__isnull=True)
    if pk is not None:
        rijen = rijen.filter(pk=pk)
    return rijen.update(gelezen_op=timezone.now())
