# SPDX-License-Identifier: EUPL-1.2
"""The import's reasons for rejecting a row, in one place, so the row-wise checks
(rijcontroles, rijsoorten) and the set-wise checks (tabelcontroles) say the same.

Each message is a function, so it is translated in the language of the moment it is used (the
request's or the worker's), never at import time. The msgids are English; the Dutch is in the
catalogue. `melding()` fills a message's placeholders per row in a polars expression."""

from __future__ import annotations

import re
from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _

import polars as pl

from binnenboord.kern.kalender import GeenLesdag

_SENTINEL = re.compile("\x00(\\w+)\x00")


def melding(sjabloon: str, **waarden: pl.Expr | str | int) -> pl.Expr:
    """A translated message with %(name)s placeholders as a polars expression, each placeholder
    filled from an expression (per row) or a constant."""
    tekst = sjabloon % {naam: f"\x00{naam}\x00" for naam in waarden}
    delen = _SENTINEL.split(tekst)
    stukken: list[pl.Expr] = []
    for i, deel in enumerate(delen):
        if i % 2 == 0:
            if deel:
                stukken.append(pl.lit(deel))
            continue
        waarde = waarden[deel]
        if isinstance(waarde, pl.Expr):
            stukken.append(waarde.cast(pl.String).fill_null(""))
        else:
            stukken.append(pl.lit(str(waarde)))
    return pl.concat_str(stukken) if stukken else pl.lit("")


# --- why a row is rejected ------------------------------------------------------------------


def m_verplicht() -> str:
    return _("%(veld)s is required.")


def m_bsn() -> str:
    return _("%(waarde)s is not a valid BSN (eleven test).")


def m_onderwijsnummer() -> str:
    return _("%(waarde)s is not a valid education number.")


def m_bsn_of_onderwijsnummer() -> str:
    return _("Fill in the BSN or the education number.")


def m_datum() -> str:
    return _("%(waarde)s is not a valid date; use YYYY-MM-DD or DD-MM-YYYY.")


def m_onbekende_leerling() -> str:
    return _("No pupil with %(veld)s %(waarde)s is known; import the pupil first.")


def m_onbekende_school() -> str:
    return _("No school with BRIN %(brin)s and branch %(vestiging)s is known.")


def m_niet_eigen_school() -> str:
    return _(
        "%(school)s is not a school of your organisation; you may only import for your own school."
    )


def m_geen_lesdag() -> str:
    return _("%(datum)s: %(waarom)s.")


def waarom_geen_lesdag(reden: GeenLesdag | None, dag: date) -> str:
    """ "zaterdag is geen lesdag", "Tweede kerstdag is geen lesdag", "Herfstvakantie, geen
    lesdag" or "een vrije dag van de school, geen lesdag": why `dag` is no lesdag, in words."""
    if reden is None:
        return ""
    if reden.soort == "weekend":
        return _("%(dag)s is not a school day") % {"dag": date_format(dag, "l")}
    if reden.soort == "feestdag" and reden.naam:
        return _("%(dag)s is not a school day") % {"dag": reden.naam}
    if reden.soort == "vakantie" and reden.naam:
        return _("%(vakantie)s, not a school day") % {"vakantie": reden.naam}
    if reden.soort == "vrije_dag":
        return _("a free day of the school, not a school day")
    return _("not a school day")


def m_niet_ingeschreven() -> str:
    return _("The pupil was not enrolled at %(school)s on %(datum)s.")


def m_geen_getal() -> str:
    return _("%(waarde)s is not a whole number of minutes.")


def m_negatief() -> str:
    return _("Minutes cannot be negative (%(waarde)s).")


def m_te_veel_minuten() -> str:
    return _("%(waarde)s minutes is more than 720 (12 hours) for one row.")


def m_verzuimsoort() -> str:
    return _(
        "%(waarde)s is not a kind of absence; use ongeoorloofd, luxe, te_laat, ziek or geoorloofd."
    )


def m_ja_nee() -> str:
    return _("%(waarde)s is not ja or nee.")


def m_te_lang() -> str:
    return _("%(veld)s is longer than %(max)s characters.")


def m_dagtotaal() -> str:
    return _(
        "The rows of this pupil for %(datum)s add up to %(totaal)s minutes, more than a day (1440)."
    )


def m_meerdere_scholen() -> str:
    return _("The rows of this pupil for %(datum)s name different schools.")


def m_begin_na_eind() -> str:
    return _("The start date %(begin)s is after the end date %(eind)s.")


def m_dubbel() -> str:
    return _("Duplicate of row %(rij)s; the row was imported once.")


def m_zelfde_sleutel() -> str:
    return _("Row %(rij)s has the same %(sleutel)s with other values; fix one of the two.")


def m_onverwacht() -> str:
    return _(
        "Unexpected error in this row; nothing of it was stored. Check the values, or ask the "
        "functional administrator."
    )


def m_onderwijsnummer_bezet() -> str:
    return _("Education number %(waarde)s already belongs to another pupil.")


def m_eerder_afgewezen() -> str:
    return _(
        "Leerplicht rejected this enrolment on %(datum)s: %(toelichting)s Contact Leerplicht "
        "before you send it again."
    )


def m_verhuizing_afgewezen() -> str:
    return _(
        "The municipality where the pupil lives rejected this move on %(datum)s: "
        "%(toelichting)s Contact that municipality before you send it again."
    )


def m_gemeente_buiten_bereik() -> str:
    return _("%(gemeente)s is not a municipality that your organisation serves.")


def m_vestiging() -> str:
    return _("%(waarde)s is not a valid branch number (two digits).")


def m_brin() -> str:
    return _("%(waarde)s is not a valid BRIN (4 characters).")


def m_schoolsoort() -> str:
    return _("%(waarde)s is not a kind of school; use PO, SO, VO, VSO or MBO.")


def m_regio() -> str:
    return _("%(waarde)s is not a holiday region; use noord, midden or zuid.")


def m_artikel() -> str:
    return _("%(waarde)s is not an article; use 5a, 5b, 5c, 5a_trekkend or 15.")


def m_postcode() -> str:
    return _("%(waarde)s is not a valid postcode.")


def m_email() -> str:
    return _("%(waarde)s is not a valid e-mail address.")


def m_onbekende_gemeente() -> str:
    return _("No municipality with CBS code or name %(waarde)s is known.")


def m_school_buiten_bereik() -> str:
    return _(
        "%(school)s lies in %(gemeente)s, a municipality your organisation does not serve; you "
        "cannot change it."
    )


# --- what must be unique within a file (the %(sleutel)s of m_zelfde_sleutel) ---------------


def sleutel_school() -> str:
    return _("BRIN and branch")


def sleutel_inschrijving() -> str:
    return _("pupil, school and start date")


def sleutel_vrijstelling() -> str:
    return _("pupil, article and start date")


def sleutel_onderwijsnummer() -> str:
    return _("education number")


def sleutel_verzuimcode() -> str:
    return _("school and code")


# --- absence per lesson and the school's own codes ------------------------------------------


def m_onbekende_code() -> str:
    return _(
        "Unknown absence code '%(code)s' for school %(school)s in row %(rij)s; record the code "
        "with the import verzuimcodes."
    )


def m_lesuur() -> str:
    return _("%(waarde)s is not a lesson number (a whole number from 0 to 24).")


def m_lesuur_dubbel() -> str:
    return _(
        "Lesson %(lesuur)s of this pupil on %(datum)s is already in row %(rij)s; one row per "
        "lesson."
    )


def m_geoorloofd_tegen_soort() -> str:
    return _(
        "geoorloofd %(waarde)s does not fit the kind %(soort)s: ziek and geoorloofd are "
        "authorised, ongeoorloofd, luxe and te_laat are not."
    )


def m_soort_of_geoorloofd() -> str:
    return _("Fill in soort or geoorloofd.")


def m_minuten_bereik() -> str:
    return _("%(veld)s must be a whole number of minutes from %(min)s to %(max)s (%(waarde)s).")


def m_code_buiten_bereik() -> str:
    return _(
        "%(school)s is not a school of your organisation; you may only set the codes of your "
        "own school."
    )
