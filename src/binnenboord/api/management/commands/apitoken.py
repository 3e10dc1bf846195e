# SPDX-License-Identifier: EUPL-1.2
"""`binnenboord apitoken maak|intrekken|lijst`: API tokens for the systems of an organisation
(docs/api.md). The key is printed once; only its hash is stored."""

from __future__ import annotations

import argparse
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from binnenboord.api.models import ApiToken, Scope
from binnenboord.api.tokens import OngeldigToken, maak_token, trek_in
from binnenboord.toegang.models import Medewerker, Organisatie


class Command(BaseCommand):
    help = "Maak, toon of trek API-tokens in."

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="actie", required=True)
        maak = sub.add_parser("maak", help="Maak een token; de sleutel verschijnt één keer.")
        maak.add_argument("--organisatie", required=True, help="id of exacte naam")
        maak.add_argument("--naam", required=True, help="bijv. de naam van het schoolsysteem")
        maak.add_argument(
            "--scope", action="append", required=True, choices=Scope.values, dest="scopes"
        )
        maak.add_argument("--door", help="gebruikersnaam van wie het token aanmaakt")
        intrekken = sub.add_parser("intrekken", help="Trek een token in (direct).")
        intrekken.add_argument("prefix")
        sub.add_parser("lijst", help="Toon alle tokens (zonder sleutel).")

    def handle(self, *args: Any, **opties: Any) -> None:
        getattr(self, f"_{opties['actie']}")(**opties)

    def _maak(self, **opties: Any) -> None:
        waarde = opties["organisatie"]
        filter_ = {"pk": int(waarde)} if waarde.isdigit() else {"naam": waarde}
        organisatie = Organisatie.objects.filter(**filter_).first()
        if organisatie is None:
            raise CommandError(f"Organisatie {waarde!r} bestaat niet.")
        door = None
        if opties.get("door"):
            door = Medewerker.objects.filter(username=opties["door"]).first()
            if door is None:
                raise CommandError(f"Medewerker {opties['door']!r} bestaat niet.")
        try:
            token, sleutel = maak_token(
                organisatie=organisatie, naam=opties["naam"], scopes=opties["scopes"], door=door
            )
        except OngeldigToken as fout:
            raise CommandError(str(fout)) from None
        self.stdout.write(f"Token {token.prefix} voor {organisatie} ({', '.join(token.scopes)}).")
        self.stdout.write("Sleutel (wordt niet nog eens getoond):")
        self.stdout.write(sleutel)

    def _intrekken(self, **opties: Any) -> None:
        token = ApiToken.objects.filter(prefix=opties["prefix"]).first()
        if token is None:
            raise CommandError(f"Token {opties['prefix']!r} bestaat niet.")
        trek_in(token=token)
        self.stdout.write(
            f"Token {token.prefix} ingetrokken op {token.ingetrokken_op:%Y-%m-%d %H:%M}."
        )

    def _lijst(self, **opties: Any) -> None:
        for token in ApiToken.objects.select_related("organisatie"):
            status = "ingetrokken" if token.ingetrokken_op else "actief"
            gebruikt = (
                f"{token.laatst_gebruikt_op:%Y-%m-%d %H:%M}" if token.laatst_gebruikt_op else "-"
            )
            self.stdout.write(
                f"{token.prefix}\t{token.organisatie}\t{token.naam}\t{','.join(token.scopes)}"
                f"\t{status}\tlaatst gebruikt {gebruikt}"
            )
