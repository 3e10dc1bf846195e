# SPDX-License-Identifier: EUPL-1.2
"""The portal's pages of a case (docs/relatie.md, "Wat ouders en leerling zien en doen"): what
a parent and the pupil see on each page, what they never see (another family's rows, the other
parent's letters, invitations, address and contact details, a shielded address, notes for
professionals only, medical content), who gets no access at all (404), the access-log line of
every read, and every form: a good POST saves through the service and redirects, a wrong POST
shows the page again with a plain Dutch error and the input kept."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import Any

from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from binnenboord.portaal.sessie import SESSIE_SLEUTEL
from binnenboord.regie import services
from binnenboord.regie.models import (
    Actie,
    Bericht,
    Brief,
    Casus,
    Contactmoment,
    MedischeInhoud,
    Overleg,
    Overleguitnodiging,
    Planreactie,
    Portaaltoegang,
    Verhaal,
)
from binnenboord.registratie.models import Ouder
from binnenboord.toegang.models import Medewerker, Portaalgebruiker, Rol
from binnenboord.verantwoording.models import Inzage
from tests.factories import MedewerkerFactory, OuderFactory, PortaaltoegangFactory
from tests.regie.factories import open_casus
from tests.wereld import Wereld

# the pages of one case without a second object, as (URL name, who opens it)
LEESPAGINAS = ("casus", "mensen", "plan", "verhaal", "overleggen", "brieven", "berichten")
GEHEIM = (
    "Alleen-voor-professionals-notitie",
    "Medische-diagnose-geheim",
    "Geheimstraat",  # the other parent's address
    "Schuilweg",  # the pupil's shielded address
    "06-11112222",  # the other parent's phone
    "vader@example.invalid",  # the other parent's e-mail
    "Vaders-brief-inhoud",
    "Vaders-verhaal",
    "Vaders-reactie",
    "Vaders-bericht",
    "Ander-gezin",
)


def _geboren(jaren: int) -> date:
    vandaag = timezone.localdate()
    return (
        date(vandaag.year - jaren, 1, 1)
        if vandaag.month > 1
        else date(vandaag.year - jaren - 1, 1, 1)
    )


@dataclass
class Gezin:
    casus: Casus
    regisseur: Medewerker
    moeder: Ouder
    vader: Ouder
    t_moeder: Portaaltoegang
    t_vader: Portaaltoegang
    t_leerling: Portaaltoegang
    overleg: Overleg
    uitnodiging_moeder: Overleguitnodiging
    uitnodiging_vader: Overleguitnodiging
    brief_moeder: Brief
    brief_vader: Brief
    brief_leerling: Brief
    vreemd: Portaaltoegang  # a parent of another family
    vreemde_uitnodiging: Overleguitnodiging
    vreemde_brief: Brief


def _brief(casus: Casus, door: Medewerker, tekst: str, **kwargs: Any) -> Brief:
    return Brief.objects.create(
        casus=casus,
        sjabloon=Brief.Sjabloon.UITNODIGING_GESPREK,
        aan="Aan u",
        tekst=f"<html><body><p>{tekst}</p></body></html>",
        datum=timezone.localdate(),
        door=door,
        **kwargs,
    )


def _bouw_gezin(wereld: Wereld, jaren: int = 14) -> Gezin:
    lpa = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    lpa.email = "regisseur@leerplicht.example"
    lpa.save()
    leerling = wereld.leerlingen["demodam_school1"]
    leerling.geboortedatum = _geboren(jaren)
    leerling.voornamen = "Sanne"
    leerling.straat, leerling.huisnummer, leerling.adres_afgeschermd = "Schuilweg", "3", True
    leerling.save()
    casus = open_casus(leerling, lpa)
    moeder = OuderFactory(leerling=leerling, voornamen="Mirjam", gezag=True)
    vader = OuderFactory(
        leerling=leerling,
        relatie=Ouder.Relatie.VADER,
        voornamen="Vincent",
        gezag=True,
        telefoon="06-11112222",
        email="vader@example.invalid",
        straat="Geheimstraat",
        huisnummer="9",
        adres_afgeschermd=True,
    )
    t_moeder = PortaaltoegangFactory(casus=casus, ouder=moeder)
    t_vader = PortaaltoegangFactory(casus=casus, ouder=vader)
    t_leerling = PortaaltoegangFactory(casus=casus, ouder=None)
    # participants: a professional, an external person, and the father as a participant
    services.voeg_deelnemer_toe(
        casus=casus, door=lpa, soort="professional", medewerker=wereld.medewerkers[Rol.GEZINSWERKER]
    )
    services.voeg_deelnemer_toe(
        casus=casus,
        door=lpa,
        soort="extern",
        naam="Karel Coach",
        organisatie="Sportclub",
        rol="coach",
    )
    services.voeg_deelnemer_toe(casus=casus, door=lpa, soort="ouder", ouder=vader)
    # the plan and its actions: one of the mother, one of the pupil, one of the father, one of
    # the regisseur
    services.sla_plan_op(
        casus=casus,
        door=lpa,
        basis_versie=0,
        doel="Sanne gaat weer naar school",
        afspraken="Elke week bellen",
    )
    morgen = timezone.localdate() + timedelta(days=7)
    for wat, extra in (
        ("Moeder belt de school", {"ouder": moeder, "wie_naam": "Moeder"}),
        ("Sanne maakt een rooster", {"leerling_zelf": True, "wie_naam": "Sanne"}),
        ("Vader haalt de boeken", {"ouder": vader, "wie_naam": "Vader"}),
        ("De regisseur zoekt een mentor", {"wie": lpa}),
    ):
        Actie.objects.create(casus=casus, wat=wat, uiterlijk=morgen, aangemaakt_door=lpa, **extra)
    # what the family never sees: a professionals-only note and medical content
    contact = services.registreer_contactmoment(
        casus=casus,
        door=lpa,
        soort="gesprek",
        datum=timezone.localdate(),
        verslag="Alleen-voor-professionals-notitie",
    )
    Contactmoment.objects.filter(pk=contact.pk).update(alleen_professionals=True)
    # a youth doctor's notes are kept as MedischeInhoud
    services.registreer_contactmoment(
        casus=casus,
        door=wereld.medewerkers[Rol.JEUGDARTS],
        soort="gesprek",
        datum=timezone.localdate(),
        verslag="Medische-diagnose-geheim",
    )
    assert MedischeInhoud.objects.filter(casus=casus, tekst="Medische-diagnose-geheim").exists()
    # the father's own words in the portal
    plan = casus.planversies.get()
    Planreactie.objects.create(
        casus=casus, plan=plan, toegang=t_vader, eens=False, toelichting="Vaders-reactie"
    )
    Verhaal.objects.create(casus=casus, toegang=t_vader, wat_speelt="Vaders-verhaal")
    Bericht.objects.create(toegang=t_vader, casus=casus, tekst="Vaders-bericht")
    # a meeting both parents are invited to
    overleg = Overleg.objects.create(
        soort="uvo",
        organisatie=lpa.organisatie,
        datum=timezone.localdate() + timedelta(days=10),
        aanvang=time(14, 30),
        locatie="Stadhuis",
        aangemaakt_door=lpa,
    )
    uitnodiging_moeder = Overleguitnodiging.objects.create(
        overleg=overleg, casus=casus, toegang=t_moeder, uitgenodigd_door=lpa
    )
    uitnodiging_vader = Overleguitnodiging.objects.create(
        overleg=overleg, casus=casus, toegang=t_vader, uitgenodigd_door=lpa
    )
    # letters: to the mother, to the father, to the pupil
    brief_moeder = _brief(casus, lpa, "Moeders-brief-inhoud", ouder=moeder)
    brief_vader = _brief(casus, lpa, "Vaders-brief-inhoud", ouder=vader)
    brief_leerling = _brief(casus, lpa, "Leerlings-brief-inhoud", aan_leerling=True)
    # another family, with a parent's access, an invitation and a letter
    ander: Medewerker = MedewerkerFactory(
        rol=Rol.LEERPLICHTAMBTENAAR, organisatie=lpa.organisatie, first_name="Ander-gezin"
    )
    vreemde_casus = open_casus(wereld.leerlingen["buurdorp_school1"], ander)
    vreemde_ouder = OuderFactory(leerling=vreemde_casus.leerling, gezag=True)
    vreemd = PortaaltoegangFactory(casus=vreemde_casus, ouder=vreemde_ouder)
    vreemde_uitnodiging = Overleguitnodiging.objects.create(
        overleg=overleg, casus=vreemde_casus, toegang=vreemd, uitgenodigd_door=ander
    )
    vreemde_brief = _brief(vreemde_casus, ander, "Ander-gezin", ouder=vreemde_ouder)
    return Gezin(
        casus=casus,
        regisseur=lpa,
        moeder=moeder,
        vader=vader,
        t_moeder=t_moeder,
        t_vader=t_vader,
        t_leerling=t_leerling,
        overleg=overleg,
        uitnodiging_moeder=uitnodiging_moeder,
        uitnodiging_vader=uitnodiging_vader,
        brief_moeder=brief_moeder,
        brief_vader=brief_vader,
        brief_leerling=brief_leerling,
        vreemd=vreemd,
        vreemde_uitnodiging=vreemde_uitnodiging,
        vreemde_brief=vreemde_brief,
    )


@pytest.fixture
def gezin(wereld: Wereld) -> Gezin:
    return _bouw_gezin(wereld)


def als(gebruiker: Portaalgebruiker | None) -> Client:
    """A browser with a portal session of `gebruiker`."""
    client = Client()
    assert gebruiker is not None
    sessie = client.session
    sessie[SESSIE_SLEUTEL] = gebruiker.pk
    sessie.save()
    return client


def _url(naam: str, toegang: Portaaltoegang, *rest: Any) -> str:
    return reverse(f"portaal:{naam}", args=[toegang.pk, *rest])


def _html(client: Client, url: str) -> str:
    antwoord = client.get(url)
    assert antwoord.status_code == 200, (url, antwoord.status_code)
    return antwoord.content.decode()


# --- what each page shows -------------------------------------------------------------------


def test_het_overzicht_toont_regisseur_overleg_eigen_acties_en_nieuwe_berichten(
    gezin: Gezin,
) -> None:
    Bericht.objects.create(
        toegang=gezin.t_moeder, casus=gezin.casus, door=gezin.regisseur, tekst="Hallo"
    )
    html = _html(als(gezin.t_moeder.gebruiker), _url("casus", gezin.t_moeder))
    assert str(gezin.regisseur) in html
    assert "Leerplicht Demodam" in html
    assert gezin.overleg.datum.strftime("%Y") in html and "14:30" in html
    assert "Moeder belt de school" in html
    # only her own open actions: not the pupil's, the father's or the regisseur's
    assert "Sanne maakt een rooster" not in html
    assert "Vader haalt de boeken" not in html
    assert "De regisseur zoekt een mentor" not in html
    assert "1 nieuw bericht" in html


def test_het_overzicht_van_de_leerling_toont_haar_eigen_acties(gezin: Gezin) -> None:
    html = _html(als(gezin.t_leerling.gebruiker), _url("casus", gezin.t_leerling))
    assert "Sanne maakt een rooster" in html
    assert "Moeder belt de school" not in html
    assert "Je hebt geen nieuwe berichten" in html or "geen nieuwe berichten" in html
    # the pupil is not invited to the meeting
    assert "Er is nu geen overleg voor u." in html or "geen overleg" in html


def test_het_overzicht_wijst_naar_een_open_vragenlijst(gezin: Gezin) -> None:
    url = _url("casus", gezin.t_moeder)
    client = als(gezin.t_moeder.gebruiker)
    vragen = reverse("portaal:vragenlijst", args=[gezin.t_moeder.pk, "na_uvo"])
    assert vragen not in _html(client, url)
    # the UVO she was invited to took place yesterday: the questionnaire after the UVO opens
    Overleg.objects.filter(pk=gezin.overleg.pk).update(
        datum=timezone.localdate() - timedelta(days=1)
    )
    html = _html(client, url)
    assert vragen in html
    assert "Er is nu geen overleg voor u." in html
    # a meeting that is over takes no answer any more
    overleggen = _html(client, _url("overleggen", gezin.t_moeder))
    assert "Dit overleg is voorbij." in overleggen
    assert f'name="u{gezin.uitnodiging_moeder.pk}-antwoord"' not in overleggen


def test_mensen_toont_regisseur_en_professionals_nooit_de_andere_ouder(gezin: Gezin) -> None:
    html = _html(als(gezin.t_moeder.gebruiker), _url("mensen", gezin.t_moeder))
    assert str(gezin.regisseur) in html
    assert "regisseur@leerplicht.example" in html
    assert "Leerplichtambtenaar" in html
    gezinswerker = gezin.casus.deelnemers.get(soort="professional").medewerker
    assert str(gezinswerker) in html and "Wijkteam Noord" in html
    assert "Karel Coach" in html and "Sportclub" in html and "coach" in html
    # the father takes part, but the portal lists professionals and external persons only
    assert "Vincent" not in html
    assert "06-11112222" not in html and "vader@example.invalid" not in html


def test_het_plan_toont_doel_afspraken_en_wie_wat_doet_met_de_eigen_acties_gemarkeerd(
    gezin: Gezin,
) -> None:
    html = _html(als(gezin.t_moeder.gebruiker), _url("plan", gezin.t_moeder))
    assert "Sanne gaat weer naar school" in html
    assert "Elke week bellen" in html
    for wat in ("Moeder belt de school", "Sanne maakt een rooster", "Vader haalt de boeken"):
        assert wat in html
    assert html.count("Dit doet u") == 1
    # the father's action names him by his relation to the child only
    assert "Vincent" not in html
    assert "Vaders-reactie" not in html
    # a real radio group
    assert 'type="radio" name="eens" value="ja"' in html
    assert 'type="radio" name="eens" value="nee"' in html

    leerling = _html(als(gezin.t_leerling.gebruiker), _url("plan", gezin.t_leerling))
    assert leerling.count("Dit doe jij") == 1
    assert "Dit doet u" not in leerling


def test_een_reactie_op_het_plan_wordt_bewaard_en_getoond(gezin: Gezin) -> None:
    client = als(gezin.t_moeder.gebruiker)
    url = _url("plan", gezin.t_moeder)
    antwoord = client.post(url, {"eens": "nee", "toelichting": "Te snel, want Sanne is moe."})
    assert antwoord.status_code == 302 and antwoord["Location"] == url
    reactie = Planreactie.objects.get(toegang=gezin.t_moeder)
    assert reactie.eens is False and reactie.toelichting == "Te snel, want Sanne is moe."
    assert reactie.door is None and reactie.plan == gezin.casus.planversies.get()
    html = _html(client, url)
    assert "Ik ben het niet eens" in html and "Te snel, want Sanne is moe." in html

    assert client.post(url, {"eens": "ja"}).status_code == 302
    assert "zei u: Ik ben het eens" in _html(client, url)


def test_niet_eens_zonder_reden_geeft_een_nederlandse_fout_en_houdt_de_keuze(
    gezin: Gezin,
) -> None:
    client = als(gezin.t_moeder.gebruiker)
    antwoord = client.post(_url("plan", gezin.t_moeder), {"eens": "nee", "toelichting": " "})
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert "Schrijf op waarom u het niet eens bent." in html
    assert re.search(r'<input type="radio" name="eens" value="nee"[^>]*checked', html)
    assert not Planreactie.objects.filter(toegang=gezin.t_moeder).exists()

    geen_keuze = client.post(_url("plan", gezin.t_moeder), {"toelichting": "Bewaard"})
    tekst = geen_keuze.content.decode()
    assert "Kies of u het eens bent met het plan." in tekst
    assert "Bewaard" in tekst


def test_mijn_verhaal_schrijven_en_eerdere_versies_met_datum(gezin: Gezin) -> None:
    client = als(gezin.t_moeder.gebruiker)
    url = _url("verhaal", gezin.t_moeder)
    html = _html(client, url)
    assert "Vaders-verhaal" not in html
    antwoord = client.post(
        url,
        {"wat_speelt": "Ze is bang", "wat_wil_ik": "Rust", "wat_heb_ik_nodig": "Hulp thuis"},
    )
    assert antwoord.status_code == 302
    verhaal = Verhaal.objects.get(toegang=gezin.t_moeder)
    assert (verhaal.wat_speelt, verhaal.wat_wil_ik, verhaal.wat_heb_ik_nodig) == (
        "Ze is bang",
        "Rust",
        "Hulp thuis",
    )
    assert client.post(url, {"wat_speelt": "Het gaat beter"}).status_code == 302
    html = _html(client, url)
    assert "Ze is bang" in html and "Het gaat beter" in html
    assert timezone.localtime(verhaal.geschreven_op).strftime("%Y") in html
    assert "Vaders-verhaal" not in html


def test_een_leeg_verhaal_geeft_een_nederlandse_fout(gezin: Gezin) -> None:
    antwoord = als(gezin.t_leerling.gebruiker).post(
        _url("verhaal", gezin.t_leerling), {"wat_speelt": "  ", "wat_wil_ik": ""}
    )
    assert antwoord.status_code == 200
    assert "Beantwoord minstens één vraag." in antwoord.content.decode()
    assert not Verhaal.objects.filter(casus=gezin.casus, toegang=gezin.t_leerling).exists()


def test_de_leerling_schrijft_haar_eigen_verhaal(gezin: Gezin) -> None:
    client = als(gezin.t_leerling.gebruiker)
    antwoord = client.post(_url("verhaal", gezin.t_leerling), {"wat_wil_ik": "Andere klas"})
    assert antwoord.status_code == 302
    assert Verhaal.objects.get(toegang=gezin.t_leerling).wat_wil_ik == "Andere klas"
    # the mother does not see the pupil's story on her page
    assert "Andere klas" not in _html(
        als(gezin.t_moeder.gebruiker), _url("verhaal", gezin.t_moeder)
    )


def test_overleggen_toont_de_eigen_uitnodiging_en_het_antwoord_wordt_bewaard(
    gezin: Gezin,
) -> None:
    client = als(gezin.t_moeder.gebruiker)
    html = _html(client, _url("overleggen", gezin.t_moeder))
    assert "14:30" in html and "Stadhuis" in html
    assert f'name="u{gezin.uitnodiging_moeder.pk}-antwoord"' in html
    assert f'name="u{gezin.uitnodiging_vader.pk}-antwoord"' not in html
    for waarde in ("komt", "kan_niet", "meegeven"):
        assert f'value="{waarde}"' in html
    url = _url("overleg_antwoord", gezin.t_moeder, gezin.uitnodiging_moeder.pk)
    prefix = f"u{gezin.uitnodiging_moeder.pk}"
    antwoord = client.post(url, {f"{prefix}-antwoord": "meegeven", f"{prefix}-tekst": "Na 15 uur"})
    assert antwoord.status_code == 302
    gezin.uitnodiging_moeder.refresh_from_db()
    assert gezin.uitnodiging_moeder.antwoord == "meegeven"
    assert gezin.uitnodiging_moeder.antwoord_tekst == "Na 15 uur"
    assert "Na 15 uur" in _html(client, _url("overleggen", gezin.t_moeder))


def test_meegeven_zonder_tekst_geeft_een_nederlandse_fout(gezin: Gezin) -> None:
    client = als(gezin.t_moeder.gebruiker)
    prefix = f"u{gezin.uitnodiging_moeder.pk}"
    antwoord = client.post(
        _url("overleg_antwoord", gezin.t_moeder, gezin.uitnodiging_moeder.pk),
        {f"{prefix}-antwoord": "meegeven", f"{prefix}-tekst": ""},
    )
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert "Schrijf op wat u wilt meegeven." in html
    assert re.search(r'<input type="radio" name="u\d+-antwoord" value="meegeven"[^>]*checked', html)
    gezin.uitnodiging_moeder.refresh_from_db()
    assert gezin.uitnodiging_moeder.antwoord == ""


def test_een_uitnodiging_van_een_ander_is_niet_gevonden(gezin: Gezin) -> None:
    client = als(gezin.t_moeder.gebruiker)
    for uitnodiging in (gezin.uitnodiging_vader, gezin.vreemde_uitnodiging):
        prefix = f"u{uitnodiging.pk}"
        antwoord = client.post(
            _url("overleg_antwoord", gezin.t_moeder, uitnodiging.pk),
            {f"{prefix}-antwoord": "komt"},
        )
        assert antwoord.status_code == 404
        uitnodiging.refresh_from_db()
        assert uitnodiging.antwoord == ""


def test_brieven_alleen_de_eigen_brieven_als_pdf(gezin: Gezin) -> None:
    moeder = als(gezin.t_moeder.gebruiker)
    html = _html(moeder, _url("brieven", gezin.t_moeder))
    assert _url("brief_pdf", gezin.t_moeder, gezin.brief_moeder.pk) in html
    assert f"/brieven/{gezin.brief_vader.pk}/" not in html
    assert f"/brieven/{gezin.brief_leerling.pk}/" not in html
    pdf = moeder.get(_url("brief_pdf", gezin.t_moeder, gezin.brief_moeder.pk))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    for vreemd in (gezin.brief_vader, gezin.brief_leerling, gezin.vreemde_brief):
        assert moeder.get(_url("brief_pdf", gezin.t_moeder, vreemd.pk)).status_code == 404

    leerling = als(gezin.t_leerling.gebruiker)
    html = _html(leerling, _url("brieven", gezin.t_leerling))
    assert f"/brieven/{gezin.brief_leerling.pk}/" in html
    assert f"/brieven/{gezin.brief_moeder.pk}/" not in html
    assert (
        leerling.get(_url("brief_pdf", gezin.t_leerling, gezin.brief_moeder.pk)).status_code == 404
    )


def test_berichten_de_draad_met_de_regisseur_gelezen_en_versturen(gezin: Gezin) -> None:
    van_regisseur = Bericht.objects.create(
        toegang=gezin.t_moeder, casus=gezin.casus, door=gezin.regisseur, tekst="Kunt u bellen?"
    )
    client = als(gezin.t_moeder.gebruiker)
    url = _url("berichten", gezin.t_moeder)
    html = _html(client, url)
    assert "Kunt u bellen?" in html and str(gezin.regisseur) in html
    assert "Vaders-bericht" not in html
    van_regisseur.refresh_from_db()
    assert van_regisseur.gelezen_op is not None
    antwoord = client.post(url, {"tekst": "Ja, morgen om 10 uur."})
    assert antwoord.status_code == 302
    eigen = Bericht.objects.get(toegang=gezin.t_moeder, door__isnull=True)
    assert eigen.tekst == "Ja, morgen om 10 uur." and eigen.casus == gezin.casus
    assert "Ja, morgen om 10 uur." in _html(client, url)


def test_een_leeg_bericht_geeft_een_nederlandse_fout(gezin: Gezin) -> None:
    antwoord = als(gezin.t_moeder.gebruiker).post(_url("berichten", gezin.t_moeder), {"tekst": " "})
    assert antwoord.status_code == 200
    assert "Schrijf eerst uw bericht." in antwoord.content.decode()
    assert not Bericht.objects.filter(toegang=gezin.t_moeder).exists()


def test_toestemming_is_er_niet_voor_een_ouder(gezin: Gezin) -> None:
    assert als(gezin.t_moeder.gebruiker).get(_url("toestemming", gezin.t_moeder)).status_code == 404


def test_toestemming_een_leerling_onder_de_leeftijd_leest_de_regel(gezin: Gezin) -> None:
    html = _html(als(gezin.t_leerling.gebruiker), _url("toestemming", gezin.t_leerling))
    assert "Vanaf 16 jaar kies je zelf" in html
    assert 'name="ouder"' not in html
    antwoord = als(gezin.t_leerling.gebruiker).post(
        _url("toestemming", gezin.t_leerling),
        {"ouder": gezin.t_moeder.pk, f"ouder{gezin.t_moeder.pk}-toestemming": "nee"},
    )
    assert antwoord.status_code == 404


def test_toestemming_een_leerling_van_16_geeft_en_trekt_in(wereld: Wereld) -> None:
    gezin = _bouw_gezin(wereld, jaren=16)
    moeder = als(gezin.t_moeder.gebruiker)
    # without consent the mother has no access at all
    assert moeder.get(_url("casus", gezin.t_moeder)).status_code == 404
    leerling = als(gezin.t_leerling.gebruiker)
    url = _url("toestemming", gezin.t_leerling)
    html = _html(leerling, url)
    assert str(gezin.moeder) in html and str(gezin.vader) in html
    prefix = f"ouder{gezin.t_moeder.pk}"
    assert f'name="{prefix}-toestemming"' in html
    antwoord = leerling.post(url, {"ouder": gezin.t_moeder.pk, f"{prefix}-toestemming": "ja"})
    assert antwoord.status_code == 302
    gezin.t_moeder.refresh_from_db()
    assert gezin.t_moeder.toestemming_leerling_op is not None
    assert moeder.get(_url("casus", gezin.t_moeder)).status_code == 200
    # the father still has none
    assert als(gezin.t_vader.gebruiker).get(_url("casus", gezin.t_vader)).status_code == 404
    antwoord = leerling.post(url, {"ouder": gezin.t_moeder.pk, f"{prefix}-toestemming": "nee"})
    assert antwoord.status_code == 302
    assert moeder.get(_url("casus", gezin.t_moeder)).status_code == 404
    # no choice: a Dutch error; another family's access: 404
    fout = leerling.post(url, {"ouder": gezin.t_moeder.pk})
    assert fout.status_code == 200 and "Kies ja of nee." in fout.content.decode()
    vreemd = leerling.post(
        url, {"ouder": gezin.vreemd.pk, f"ouder{gezin.vreemd.pk}-toestemming": "ja"}
    )
    assert vreemd.status_code == 404
    gezin.vreemd.refresh_from_db()
    assert gezin.vreemd.toestemming_leerling_op is None


def test_instellingen_email_en_meldingen(gezin: Gezin) -> None:
    gebruiker = gezin.t_moeder.gebruiker
    assert gebruiker is not None
    client = als(gebruiker)
    url = reverse("portaal:instellingen")
    html = _html(client, url)
    assert "alleen een link" in html and "nooit gegevens over uw kind" in html.lower()
    fout = client.post(url, {"email": "", "email_meldingen": "on"})
    assert fout.status_code == 200
    assert "Schrijf uw e-mailadres op om e-mails te krijgen." in fout.content.decode()
    ongeldig = client.post(url, {"email": "geen-adres", "email_meldingen": "on"})
    assert "geen-adres" in ongeldig.content.decode()
    assert "naam@voorbeeld.nl" in ongeldig.content.decode()
    assert (
        client.post(url, {"email": "mirjam@example.nl", "email_meldingen": "on"}).status_code == 302
    )
    gebruiker.refresh_from_db()
    assert gebruiker.email == "mirjam@example.nl" and gebruiker.email_meldingen is True
    assert client.post(url, {"email": "mirjam@example.nl"}).status_code == 302
    gebruiker.refresh_from_db()
    assert gebruiker.email_meldingen is False


# --- who gets no access ---------------------------------------------------------------------


def _alle_urls(toegang: Portaaltoegang, gezin: Gezin) -> list[str]:
    return [
        *(_url(naam, toegang) for naam in (*LEESPAGINAS, "toestemming")),
        _url("brief_pdf", toegang, gezin.brief_moeder.pk),
        _url("overleg_antwoord", toegang, gezin.uitnodiging_moeder.pk),
    ]


def test_een_ouder_van_een_ander_gezin_krijgt_niet_gevonden(gezin: Gezin) -> None:
    vreemde = als(gezin.vreemd.gebruiker)
    for toegang in (gezin.t_moeder, gezin.t_leerling):
        for url in _alle_urls(toegang, gezin):
            assert vreemde.get(url).status_code == 404, url
            assert vreemde.post(url, {"tekst": "x", "eens": "ja"}).status_code == 404, url
    # nothing was written on the victim's case
    assert (
        not Bericht.objects.filter(casus=gezin.casus, door__isnull=True)
        .exclude(toegang=gezin.t_vader)
        .exists()
    )
    assert not Planreactie.objects.filter(casus=gezin.casus).exclude(toegang=gezin.t_vader).exists()


@pytest.mark.parametrize("geval", ["zonder_gezag", "ontzegd", "beeindigd", "uitgenodigd"])
def test_zonder_geldige_toegang_is_elke_pagina_niet_gevonden(gezin: Gezin, geval: str) -> None:
    toegang = gezin.t_moeder
    gebruiker = toegang.gebruiker
    if geval == "zonder_gezag":
        Ouder.objects.filter(pk=gezin.moeder.pk).update(gezag=False)
    elif geval == "ontzegd":
        Portaaltoegang.objects.filter(pk=toegang.pk).update(
            status="ontzegd", beeindigd_op=timezone.now(), reden="Veilig Thuis"
        )
    elif geval == "beeindigd":
        Portaaltoegang.objects.filter(pk=toegang.pk).update(
            status="beeindigd", beeindigd_op=timezone.now(), reden="Klaar"
        )
    else:
        Portaaltoegang.objects.filter(pk=toegang.pk).update(status="uitgenodigd")
    client = als(gebruiker)
    voor = Inzage.objects.count()
    for url in _alle_urls(toegang, gezin):
        assert client.get(url).status_code == 404, url
    assert Inzage.objects.count() == voor


def test_een_ouder_van_een_leerling_van_17_zonder_toestemming_krijgt_niets(
    wereld: Wereld,
) -> None:
    gezin = _bouw_gezin(wereld, jaren=17)
    client = als(gezin.t_moeder.gebruiker)
    for url in _alle_urls(gezin.t_moeder, gezin):
        assert client.get(url).status_code == 404, url
    # the pupil herself does get in
    assert als(gezin.t_leerling.gebruiker).get(_url("casus", gezin.t_leerling)).status_code == 200


def test_zonder_portaalsessie_naar_inloggen_ook_met_een_medewerker(gezin: Gezin) -> None:
    url = _url("casus", gezin.t_moeder)
    antwoord = Client().get(url)
    assert antwoord.status_code == 302 and antwoord["Location"] == reverse("portaal:inloggen")
    staf = Client()
    staf.force_login(gezin.regisseur)
    antwoord = staf.get(url)
    assert antwoord.status_code == 302 and antwoord["Location"] == reverse("portaal:inloggen")


# --- what never reaches the portal ----------------------------------------------------------


@pytest.mark.parametrize("wie", ["t_moeder", "t_leerling"])
def test_geen_pagina_toont_geheime_gegevens(gezin: Gezin, wie: str) -> None:
    toegang: Portaaltoegang = getattr(gezin, wie)
    client = als(toegang.gebruiker)
    pagina = ""
    for naam in (*LEESPAGINAS, *(("toestemming",) if toegang.is_leerling else ())):
        pagina += _html(client, _url(naam, toegang))
    pagina += _html(client, reverse("portaal:instellingen"))
    assert "Sanne gaat weer naar school" in pagina  # the walk really read the case
    assert [g for g in GEHEIM if g in pagina] == []


# --- the access log -------------------------------------------------------------------------


@pytest.mark.parametrize("wie", ["t_moeder", "t_leerling"])
def test_elke_pagina_schrijft_een_regel_in_het_inzagelog(gezin: Gezin, wie: str) -> None:
    toegang: Portaaltoegang = getattr(gezin, wie)
    client = als(toegang.gebruiker)
    brief = gezin.brief_leerling if toegang.is_leerling else gezin.brief_moeder
    namen = (*LEESPAGINAS, *(("toestemming",) if toegang.is_leerling else ()))
    urls = {f"portaal:{naam}": _url(naam, toegang) for naam in namen}
    urls["portaal:brief_pdf"] = _url("brief_pdf", toegang, brief.pk)
    for bron, url in urls.items():
        voor = set(Inzage.objects.values_list("pk", flat=True))
        assert client.get(url).status_code == 200
        (regel,) = Inzage.objects.exclude(pk__in=voor)
        assert regel.medewerker_id is None
        assert regel.gebruikersnaam == f"portaal:{toegang.gebruiker_id}"
        assert regel.rol == ("leerling" if toegang.is_leerling else "ouder")
        assert regel.organisatie == ""
        assert regel.leerling_id == gezin.casus.leerling_id
        assert regel.casus_id == gezin.casus.pk
        assert regel.bron == bron
        assert regel.handeling == ("exporteren" if bron == "portaal:brief_pdf" else "bekijken")
        assert regel.pad == url


def test_een_geslaagde_schrijfactie_wordt_gelogd_als_aanmaken(gezin: Gezin) -> None:
    client = als(gezin.t_moeder.gebruiker)
    voor = set(Inzage.objects.values_list("pk", flat=True))
    assert client.post(_url("berichten", gezin.t_moeder), {"tekst": "Hallo"}).status_code == 302
    (regel,) = Inzage.objects.exclude(pk__in=voor)
    assert (regel.handeling, regel.bron, regel.medewerker_id) == (
        "aanmaken",
        "portaal:berichten",
        None,
    )


def test_de_paginas_zijn_er_ook_in_het_engels(gezin: Gezin, settings: Any) -> None:
    client = als(gezin.t_moeder.gebruiker)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = _html(client, _url("plan", gezin.t_moeder))
    assert "Who does what, and when" in html and "You do this" in html
    assert "Dit doet u" not in html
    assert "Your contact person" in _html(client, _url("mensen", gezin.t_moeder))
