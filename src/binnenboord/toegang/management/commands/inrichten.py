# SPDX-License-Identifier: EUPL-1.2
"""`binnenboord inrichten`: sets up a municipality's Leerplicht organisation (docs/inrichten.md).

For one or more municipalities (CBS code or name) it creates or updates, in one transaction:

- the Leerplicht organisation (Organisatie of kind gemeente) serving them: from then on their
  residents are somebody's pupils, so absolute absence is signalled for them;
- each municipality's holiday region (Gemeente.regio) and model of a new case
  (Gemeente.aanpak, a code of the declared models);
- the first functioneel beheerder of that organisation, without a password;

and prints a one-time log-in link for the beheerder (toegang.uitnodigen). Every value comes
from a flag or, when a flag is missing and the command runs in a terminal, from a question;
with --no-input a missing flag is an error. Running it again for the same organisation (the
same --naam) updates region and model and never duplicates the organisation or the beheerder;
--nieuwe-link prints a fresh link."""

from __future__ import annotations

import difflib
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from binnenboord.kern.aanpak import AANPAKKEN
from binnenboord.toegang.gemeenten import Gemeenteregister, m_gemeente_gesplitst, naamsleutel
from binnenboord.toegang.models import Gemeente, Medewerker, Organisatie, Regio, Rol
from binnenboord.toegang.uitnodigen import inloglink

REGIO_S = tuple(Regio.values)


@dataclass
class Inrichting:
    """What the command was asked to set up, every value checked."""

    gemeenten: list[Gemeente]
    naam: str
    regio: str
    aanpak: str
    gebruikersnaam: str
    email: str
    voornaam: str
    achternaam: str


@dataclass
class Uitkomst:
    organisatie: Organisatie
    organisatie_nieuw: bool
    beheerder: Medewerker
    beheerder_nieuw: bool


class Command(BaseCommand):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help = _(
            "Set up a municipality's Leerplicht organisation: its municipalities, holiday "
            "region, model and first functional administrator, with a one-time log-in link."
        )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--gemeente",
            action="append",
            default=[],
            dest="gemeenten",
            help=_("A municipality served (CBS code or name); repeat for several."),
        )
        parser.add_argument("--naam", help=_("The organisation's name, e.g. Leerplicht Utrecht."))
        parser.add_argument("--regio", choices=REGIO_S, help=_("The school holiday region."))
        parser.add_argument(
            "--aanpak",
            choices=sorted(AANPAKKEN),
            help=_("The model of a new case for a pupil living in these municipalities."),
        )
        parser.add_argument(
            "--beheerder-gebruikersnaam", help=_("User name of the functional administrator.")
        )
        parser.add_argument("--beheerder-email", help=_("E-mail address of the administrator."))
        parser.add_argument("--beheerder-voornaam", help=_("First name of the administrator."))
        parser.add_argument("--beheerder-achternaam", help=_("Last name of the administrator."))
        parser.add_argument(
            "--nieuwe-link",
            action="store_true",
            help=_("Print a fresh one-time log-in link for an existing administrator."),
        )
        parser.add_argument(
            "--no-input",
            "--noinput",
            action="store_false",
            dest="interactief",
            help=_("Never ask: a missing flag is an error."),
        )

    def handle(self, *args: Any, **opties: Any) -> None:
        vragen = opties["interactief"] and sys.stdin.isatty()
        inrichting = self._lees(opties, vragen)
        uitkomst = richt_in(inrichting)
        self._verslag(inrichting, uitkomst, nieuwe_link=opties["nieuwe_link"])

    # --- reading the values -----------------------------------------------------------------

    def _vraag(self, vraag: str, standaard: str = "") -> str:
        achter = f" [{standaard}]" if standaard else ""
        try:
            antwoord = input(f"{vraag}{achter}: ").strip()
        except EOFError:
            raise CommandError(_("No answer given: stopped.")) from None
        return antwoord or standaard

    def _waarde(
        self,
        opties: dict[str, Any],
        sleutel: str,
        vlag: str,
        vraag: str,
        vragen: bool,
        controle: Callable[[str], str],
        *,
        standaard: str = "",
        verplicht: bool = True,
    ) -> str:
        """The flag's value, or the answer to the question (asked again until it passes
        `controle`); without a terminal or with --no-input a missing flag is an error."""
        gegeven = opties.get(sleutel)
        if gegeven is not None:
            try:
                return controle(gegeven.strip())
            except CommandError as fout:
                raise CommandError(f"{vlag}: {fout}") from None
        if not vragen:
            if not verplicht:
                return standaard
            raise CommandError(
                _("%(vlag)s is missing (with --no-input, or without a terminal, give every flag).")
                % {"vlag": vlag}
            )
        while True:
            antwoord = self._vraag(vraag, standaard)
            if not antwoord and not verplicht:
                return ""
            try:
                return controle(antwoord)
            except CommandError as fout:
                self.stderr.write(str(fout))

    def _lees(self, opties: dict[str, Any], vragen: bool) -> Inrichting:
        register = Gemeenteregister(
            Gemeente.objects.values_list("pk", "code", "naam", "opgeheven_op", "opvolger_id")
        )
        gemeenten: list[Gemeente] = []
        if opties["gemeenten"]:
            for waarde in opties["gemeenten"]:
                gemeenten.append(self._gemeente(register, waarde))
        elif vragen:
            while not gemeenten:
                antwoord = self._vraag(
                    _("Municipalities (CBS codes or names, separated by commas)")
                )
                try:
                    gemeenten = [
                        self._gemeente(register, w) for w in antwoord.split(",") if w.strip()
                    ]
                except CommandError as fout:
                    self.stderr.write(str(fout))
                    gemeenten = []
        else:
            raise CommandError(
                _("%(vlag)s is missing (with --no-input, or without a terminal, give every flag).")
                % {"vlag": "--gemeente"}
            )
        gemeenten = list({g.pk: g for g in gemeenten}.values())

        def tekst(grens: int) -> Callable[[str], str]:
            def controle(waarde: str) -> str:
                if not waarde:
                    raise CommandError(_("A value is required."))
                if len(waarde) > grens:
                    raise CommandError(_("At most %(grens)s characters.") % {"grens": grens})
                return waarde

            return controle

        def keuze(opties_: tuple[str, ...]) -> Callable[[str], str]:
            def controle(waarde: str) -> str:
                if waarde.lower() not in opties_:
                    raise CommandError(
                        _("Choose one of: %(keuzes)s.") % {"keuzes": ", ".join(opties_)}
                    )
                return waarde.lower()

            return controle

        def gebruikersnaam(waarde: str) -> str:
            tekst(150)(waarde)
            try:
                Medewerker.username_validator(waarde)
            except ValidationError as fout:
                raise CommandError(" ".join(fout.messages)) from None
            return waarde

        def email(waarde: str) -> str:
            try:
                validate_email(waarde)
            except ValidationError:
                raise CommandError(
                    _("%(waarde)s is not an e-mail address.") % {"waarde": waarde}
                ) from None
            return waarde

        def vrij(grens: int) -> Callable[[str], str]:
            def controle(waarde: str) -> str:
                return tekst(grens)(waarde) if waarde else ""

            return controle

        eerste = gemeenten[0]
        bestaand = eerste.regio or ""
        # running it again: the organisation that already serves them is the one offered
        bediend = (
            Organisatie.objects.filter(soort=Organisatie.Soort.GEMEENTE, gemeenten__in=gemeenten)
            .order_by("pk")
            .values_list("naam", flat=True)
            .first()
        )
        return Inrichting(
            gemeenten=gemeenten,
            naam=self._waarde(
                opties,
                "naam",
                "--naam",
                _("Name of the Leerplicht organisation"),
                vragen,
                tekst(200),
                standaard=bediend or _("Leerplicht %(gemeente)s") % {"gemeente": eerste.naam},
            ),
            regio=self._waarde(
                opties,
                "regio",
                "--regio",
                _("Holiday region (%(keuzes)s)") % {"keuzes": ", ".join(REGIO_S)},
                vragen,
                keuze(REGIO_S),
                standaard=bestaand,
            ),
            aanpak=self._waarde(
                opties,
                "aanpak",
                "--aanpak",
                _("Model of a new case (%(keuzes)s)") % {"keuzes": ", ".join(sorted(AANPAKKEN))},
                vragen,
                keuze(tuple(sorted(AANPAKKEN))),
                standaard=eerste.aanpak,
            ),
            gebruikersnaam=self._waarde(
                opties,
                "beheerder_gebruikersnaam",
                "--beheerder-gebruikersnaam",
                _("User name of the functional administrator"),
                vragen,
                gebruikersnaam,
            ),
            email=self._waarde(
                opties,
                "beheerder_email",
                "--beheerder-email",
                _("E-mail address of the functional administrator"),
                vragen,
                email,
            ),
            voornaam=self._waarde(
                opties,
                "beheerder_voornaam",
                "--beheerder-voornaam",
                _("First name (may be empty)"),
                vragen,
                vrij(150),
                verplicht=False,
            ),
            achternaam=self._waarde(
                opties,
                "beheerder_achternaam",
                "--beheerder-achternaam",
                _("Last name (may be empty)"),
                vragen,
                vrij(150),
                verplicht=False,
            ),
        )

    def _gemeente(self, register: Gemeenteregister, waarde: str) -> Gemeente:
        """The current municipality `waarde` names (CBS code or name, case-insensitive); an
        ended one is followed to its successor with a notice; unknown: an error listing near
        matches."""
        waarde = waarde.strip()
        vondst = register.zoek(waarde) if waarde else None
        if vondst is None:
            raise CommandError(_onbekend(register, waarde))
        if vondst.pk is None:
            raise CommandError(m_gemeente_gesplitst() % {"gemeente": vondst.gesplitst})
        gemeente = Gemeente.objects.get(pk=vondst.pk)
        if vondst.opgevolgd is not None:
            self.stdout.write(
                _("%(oud)s (%(oudcode)s) merged into %(nieuw)s (%(nieuwcode)s): set up %(nieuw)s.")
                % {
                    "oud": vondst.opgevolgd.oud_naam,
                    "oudcode": vondst.opgevolgd.oud_code,
                    "nieuw": gemeente.naam,
                    "nieuwcode": gemeente.code,
                }
            )
        return gemeente

    # --- the report -------------------------------------------------------------------------

    def _verslag(self, inrichting: Inrichting, uitkomst: Uitkomst, *, nieuwe_link: bool) -> None:
        organisatie, beheerder = uitkomst.organisatie, uitkomst.beheerder
        gemeenten = ", ".join(f"{g.naam} ({g.code})" for g in inrichting.gemeenten)
        if uitkomst.organisatie_nieuw:
            self.stdout.write(
                _("Created organisation %(naam)s for %(gemeenten)s.")
                % {"naam": organisatie.naam, "gemeenten": gemeenten}
            )
        else:
            self.stdout.write(
                _("Updated organisation %(naam)s for %(gemeenten)s.")
                % {"naam": organisatie.naam, "gemeenten": gemeenten}
            )
        self.stdout.write(
            _("Holiday region %(regio)s, model %(aanpak)s.")
            % {"regio": inrichting.regio, "aanpak": AANPAKKEN[inrichting.aanpak].naam}
        )
        if uitkomst.beheerder_nieuw:
            self.stdout.write(
                _("Created functional administrator %(gebruikersnaam)s (%(email)s).")
                % {"gebruikersnaam": beheerder.username, "email": beheerder.email}
            )
        else:
            self.stdout.write(
                _("Functional administrator %(gebruikersnaam)s (%(email)s) already existed.")
                % {"gebruikersnaam": beheerder.username, "email": beheerder.email}
            )
        if uitkomst.beheerder_nieuw or nieuwe_link:
            self.stdout.write(
                _(
                    "One-time log-in link for %(gebruikersnaam)s (works once; give it to this "
                    "person only):"
                )
                % {"gebruikersnaam": beheerder.username}
            )
            self.stdout.write(inloglink(beheerder))
        else:
            self.stdout.write(_("Add --nieuwe-link for a fresh one-time log-in link."))


def _onbekend(register: Gemeenteregister, waarde: str) -> str:
    """The error of a name or code that is no municipality, with near matches."""
    sleutel = naamsleutel(waarde)
    huidig = {pk: naam for pk, naam in register.naam.items() if register.rij[pk][3] is None}
    per_sleutel = {naamsleutel(naam): naam for naam in huidig.values()}
    dichtbij = difflib.get_close_matches(sleutel, list(per_sleutel), n=5, cutoff=0.75)
    if sleutel:
        dichtbij += sorted(s for s in per_sleutel if s.startswith(sleutel) and s not in dichtbij)
    suggesties = [
        f"{per_sleutel[s]} ({register.rij[register.per_naam[s]][1]})"
        if s in register.per_naam
        else per_sleutel[s]
        for s in dichtbij[:5]
    ]
    bericht = _("No municipality with CBS code or name %(waarde)s is known.") % {
        "waarde": waarde or "''"
    }
    if suggesties:
        bericht += " " + _("Did you mean: %(suggesties)s?") % {"suggesties": ", ".join(suggesties)}
    return bericht


@transaction.atomic
def richt_in(inrichting: Inrichting) -> Uitkomst:
    """Creates or updates the organisation, the municipalities and the beheerder, all or
    nothing."""
    gemeenten = list(
        Gemeente.objects.select_for_update().filter(pk__in=[g.pk for g in inrichting.gemeenten])
    )
    organisatie = (
        Organisatie.objects.filter(soort=Organisatie.Soort.GEMEENTE, naam=inrichting.naam)
        .order_by("pk")
        .first()
    )
    anders = (
        Organisatie.objects.filter(soort=Organisatie.Soort.GEMEENTE, gemeenten__in=gemeenten)
        .prefetch_related("gemeenten")
        .distinct()
    )
    if organisatie is not None:
        anders = anders.exclude(pk=organisatie.pk)
    for andere in anders:
        bezet = sorted(g.naam for g in andere.gemeenten.all() if g in gemeenten)
        raise CommandError(
            _(
                "%(gemeenten)s is already served by the Leerplicht organisation %(organisatie)s. "
                "Give that organisation's name with --naam to update it, or leave the "
                "municipality out."
            )
            % {"gemeenten": ", ".join(bezet), "organisatie": andere.naam}
        )
    organisatie_nieuw = organisatie is None
    if organisatie is None:
        organisatie = Organisatie.objects.create(
            naam=inrichting.naam, soort=Organisatie.Soort.GEMEENTE
        )
    organisatie.gemeenten.add(*gemeenten)
    for gemeente in gemeenten:
        gemeente.regio = inrichting.regio
        gemeente.aanpak = inrichting.aanpak
        gemeente.save(update_fields=["regio", "aanpak"])
    inrichting.gemeenten = gemeenten

    beheerder = Medewerker.objects.filter(username=inrichting.gebruikersnaam).first()
    beheerder_nieuw = beheerder is None
    if beheerder is None:
        beheerder = Medewerker(
            username=inrichting.gebruikersnaam,
            organisatie=organisatie,
            rol=Rol.FUNCTIONEEL_BEHEERDER,
        )
        beheerder.set_unusable_password()
    elif beheerder.organisatie_id != organisatie.pk or beheerder.rol != Rol.FUNCTIONEEL_BEHEERDER:
        raise CommandError(
            _(
                "User name %(gebruikersnaam)s is already taken by someone who is not a "
                "functional administrator of %(organisatie)s; choose another user name."
            )
            % {"gebruikersnaam": inrichting.gebruikersnaam, "organisatie": organisatie.naam}
        )
    beheerder.email = inrichting.email
    if inrichting.voornaam:
        beheerder.first_name = inrichting.voornaam
    if inrichting.achternaam:
        beheerder.last_name = inrichting.achternaam
    beheerder.is_active = True
    try:
        beheerder.full_clean()
    except ValidationError as fout:
        raise CommandError(" ".join(fout.messages)) from None
    beheerder.save()
    return Uitkomst(organisatie, organisatie_nieuw, beheerder, beheerder_nieuw)
