# SPDX-License-Identifier: EUPL-1.2
"""`binnenboord demo`: build the deterministic demo city and show how to log in."""

from __future__ import annotations

import time
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from binnenboord.commando import peildatum as peildatum_argument
from binnenboord.demo.bevestigingen import GEBRUIKERSNAAM_BUURDORP, maak_demo_bevestigingen
from binnenboord.demo.casussen import maak_demo_casussen
from binnenboord.demo.generator import DemoStad, bouw_demostad, huidige_demostad
from binnenboord.demo.importpad import DemoImportMislukt
from binnenboord.demo.relatie import inloggegevens as portaal_inloggegevens
from binnenboord.demo.relatie import maak_demo_relatie
from binnenboord.demo.samenwerking import maak_demo_samenwerking
from binnenboord.regie.models import Casus
from binnenboord.registratie.models import Import, Leerling
from binnenboord.signalering.gegevens import Bereik
from binnenboord.signalering.models import Signaal
from binnenboord.signalering.services.signaal import signaleer

URL = "http://127.0.0.1:8000/"  # runserver's default; `make demo HOST=… PORT=…` passes --adres


class Command(BaseCommand):
    url = URL

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Set here, not on the class: argparse cannot format a lazy string.
        self.help = _("Build a deterministic demo city.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--grootte", type=int, default=3000, help=_("Number of pupils."))
        parser.add_argument(
            "--seed",
            type=int,
            default=2026,
            help=_("Seed of the generator: the same seed gives the same city."),
        )
        parser.add_argument(
            "--peildatum",
            type=peildatum_argument,
            default=None,
            help=_("Reference date (YYYY-MM-DD)."),
        )
        parser.add_argument(
            "--adres",
            default=URL,
            help=_("The address the demo server listens on, for the log-in hint."),
        )
        parser.add_argument(
            "--alleen-als-leeg",
            action="store_true",
            help=_("When there are pupils already, add nothing and only show the log-ins."),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        grootte: int = options["grootte"]
        if grootte < 1:
            raise CommandError(_("--grootte must be at least 1."))
        peildatum: date = options["peildatum"] or timezone.localdate()
        self.url = _adres(options["adres"])
        if Leerling.objects.exists():
            if not options["alleen_als_leeg"]:
                raise CommandError(
                    _("The database already holds pupils. Empty it, or use --alleen-als-leeg.")
                )
            self.stdout.write(_("The demo city is already there; nothing was added."))
            self._toon(huidige_demostad())
            return
        begin = time.monotonic()
        try:
            stad = bouw_demostad(
                grootte=grootte,
                seed=options["seed"],
                peildatum=peildatum,
                bij_import=self._toon_import,
            )
        except DemoImportMislukt as fout:
            raise CommandError(str(fout)) from fout
        # the nightly full run, so the inboxes are filled as on a real morning
        signaleer(bereik=Bereik.alles(), peildatum=peildatum)
        self.stdout.write(
            _("Open signals: %(aantal)d.")
            % {"aantal": Signaal.objects.filter(status=Signaal.Status.OPEN).count()}
        )
        regie = maak_demo_casussen(peildatum=peildatum, seed=options["seed"])
        # the meetings and the work that reaches each role (a few more cases among it)
        samenwerking = maak_demo_samenwerking(peildatum=peildatum)
        # the family in the portal: a parent and the pupil with their own log-in
        maak_demo_relatie(peildatum=peildatum)
        self.stdout.write(
            _("Open cases: %(aantal)d.")
            % {"aantal": Casus.objects.filter(status=Casus.Status.OPEN).count()}
        )
        self.stdout.write(
            _("Cases closed with a fitting offer over the past year: %(aantal)d.")
            % {"aantal": regie.gesloten}
        )
        self.stdout.write(
            _(
                "Meetings: %(organen)d series (team managers, Interventieteam, "
                "Doorbraakoverleg, UVO); work assigned, escalated and on agendas reaches each "
                "role's Today."
            )
            % {"organen": samenwerking.organen}
        )
        wachtend = maak_demo_bevestigingen(peildatum=peildatum, seed=options["seed"])
        self.stdout.write(
            _(
                "Waiting for Leerplicht Demodam to confirm: %(verhuizingen)d reported move(s) "
                "from Leerplicht Buurdorp (log-in %(gebruiker)s) and %(inschrijvingen)d "
                "enrolment(s) of the demo school."
            )
            % {
                "verhuizingen": wachtend.verhuizingen,
                "inschrijvingen": wachtend.inschrijvingen,
                "gebruiker": GEBRUIKERSNAAM_BUURDORP,
            }
        )
        self.stdout.write(
            self.style.SUCCESS(
                _("Demo city built in %(seconden).1f s (seed %(seed)d, reference date %(datum)s).")
                % {
                    "seconden": time.monotonic() - begin,
                    "seed": options["seed"],
                    "datum": peildatum.isoformat(),
                }
            )
        )
        self._toon(stad)

    def _toon_import(self, import_: Import) -> None:
        self.stdout.write(
            _("Import %(soort)s: %(rijen)d rows read, %(opgeslagen)d stored.")
            % {
                "soort": import_.get_soort_display(),
                "rijen": import_.aantal_rijen,
                "opgeslagen": import_.aantal_nieuw,
            }
        )

    def _toon(self, stad: DemoStad) -> None:
        self.stdout.write(
            _(
                "%(leerlingen)d pupils, %(ouders)d parents, %(inschrijvingen)d enrolments, "
                "%(verzuim)d days of absence, %(vrijstellingen)d exemptions, %(scholen)d schools, "
                "%(organisaties)d "
                "organisations, %(medewerkers)d staff members."
            )
            % {
                "leerlingen": stad.leerlingen,
                "ouders": stad.ouders,
                "inschrijvingen": stad.inschrijvingen,
                "verzuim": stad.verzuim,
                "vrijstellingen": stad.vrijstellingen,
                "scholen": stad.scholen,
                "organisaties": stad.organisaties,
                "medewerkers": stad.medewerkers,
            }
        )
        rijen = [(_("Role"), _("Username"), _("Password"), _("Organisation"))]
        rijen += [
            (i.rol_naam, i.gebruikersnaam, i.wachtwoord, i.organisatie) for i in stad.inloggegevens
        ]
        breedtes = [max(len(rij[k]) for rij in rijen) for k in range(3)]
        self.stdout.write("")
        for n, rij in enumerate(rijen):
            regel = "  ".join(
                [
                    *(veld.ljust(breedte) for veld, breedte in zip(rij, breedtes, strict=False)),
                    rij[3],
                ]
            )
            self.stdout.write(self.style.MIGRATE_HEADING(regel) if n == 0 else regel)
        self.stdout.write("")
        self.stdout.write(_("Log in at %(url)s") % {"url": self.url})
        self._toon_portaal()

    def _toon_portaal(self) -> None:
        """The demo parent's and pupil's log-in to the portal (code and password)."""
        inloggen = portaal_inloggegevens()
        if not inloggen:
            return
        namen = {"ouder": _("Parent"), "leerling": _("Pupil")}
        rijen = [(_("Portal"), _("Code"), _("Password"))]
        rijen += [(namen[i.wie], i.code, i.wachtwoord) for i in inloggen]
        breedtes = [max(len(rij[k]) for rij in rijen) for k in range(2)]
        self.stdout.write("")
        for n, rij in enumerate(rijen):
            regel = "  ".join(
                [*(veld.ljust(b) for veld, b in zip(rij, breedtes, strict=False)), rij[2]]
            )
            self.stdout.write(self.style.MIGRATE_HEADING(regel) if n == 0 else regel)
        self.stdout.write("")
        self.stdout.write(
            _("Parents and pupils log in at %(url)s") % {"url": f"{self.url}portaal/inloggen/"}
        )


def _adres(adres: str) -> str:
    """ "127.0.0.1:8123", "http://0.0.0.0:8000" or "http://host:8000/" as a URL ending in /."""
    adres = adres.strip()
    if "://" not in adres:
        adres = f"http://{adres}"
    return adres if adres.endswith("/") else f"{adres}/"
