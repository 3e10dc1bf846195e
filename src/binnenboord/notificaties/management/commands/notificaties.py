# SPDX-License-Identifier: EUPL-1.2
"""`binnenboord notificaties --digest`: mail each staff member one message with their
notifications not mailed and not read yet (the daily digest; for who chose "direct" it also
sends what the background task could not). Idempotent: each notification is mailed once.
Meant for a daily timer after `binnenboord termijnen` (docs/beheer.md)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from ...bezorging import verstuur_digest


class Command(BaseCommand):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help = _("Send the daily digest of notifications by e-mail.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--digest",
            action="store_true",
            help=_("Mail every notification not mailed yet, one message per person."),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["digest"]:
            raise CommandError(_("Say what to do: --digest."))
        uitkomst = verstuur_digest()
        self.stdout.write(
            _("Digest: %(mails)d e-mails sent with %(aantal)d notifications.")
            % {"mails": uitkomst.mails, "aantal": uitkomst.notificaties}
        )
        if uitkomst.zonder_adres:
            self.stderr.write(
                _("%(aantal)d people could not be e-mailed: their account has no address.")
                % {"aantal": uitkomst.zonder_adres}
            )
