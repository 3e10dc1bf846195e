# SPDX-License-Identifier: EUPL-1.2
"""The invitation e-mail as a background task (django-tasks; queued when the inviting
transaction commits, run by `binnenboord db_worker`, never in the web request). It holds only
the one-time log-in link and the organisation's name: no pupil data."""

from __future__ import annotations

from django.conf import settings
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext as _

from django_tasks import task  # Django 6: from django.tasks import task

from binnenboord.toegang.models import Medewerker
from binnenboord.toegang.uitnodigen import geldigheid_in_seconden, inloglink, mag_link_krijgen


@task()
def stuur_uitnodiging(medewerker_id: int) -> int:
    """Mails `medewerker_id` a fresh one-time log-in link; returns how many e-mails were sent
    (0 for an account that is gone, deactivated or without an e-mail address)."""
    medewerker = Medewerker.objects.select_related("organisatie").filter(pk=medewerker_id).first()
    if medewerker is None or not medewerker.email or not mag_link_krijgen(medewerker):
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        onderwerp = _("Your invitation to Binnenboord")
        tekst = _(
            "You have been invited to Binnenboord for %(organisatie)s.\n\n"
            "Choose your password with this link:\n%(link)s\n\n"
            "The link works once and for %(dagen)s days. Did you not expect this invitation? "
            "Then you can ignore this e-mail."
        ) % {
            "organisatie": medewerker.organisatie,
            "link": inloglink(medewerker),
            "dagen": geldigheid_in_seconden() // 86400,
        }
    return mail.send_mail(onderwerp, tekst, None, [medewerker.email])
