# SPDX-License-Identifier: EUPL-1.2
"""What the API shows of each object: plain fields, related objects as their id (or a code).
Free-text fields of meldingen and cases (notes, contact details) stay out: systems get the
facts, the people read the rest in the application."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from binnenboord.regie.models import Casus
from binnenboord.registratie.importeren.kolommen import FORMATEN
from binnenboord.registratie.models import Inschrijving, Leerling, School, Vrijstelling
from binnenboord.signalering.models import Melding, Signaal


class SchoolSerializer(serializers.ModelSerializer[School]):
    gemeente: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )

    class Meta:
        model = School
        fields = ["id", "brin", "vestiging", "naam", "soort", "gemeente", "regio"]


class LeerlingSerializer(serializers.ModelSerializer[Leerling]):
    woongemeente: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )

    class Meta:
        model = Leerling
        fields = [
            "id",
            "bsn",
            "onderwijsnummer",
            "voornamen",
            "tussenvoegsel",
            "achternaam",
            "geboortedatum",
            "woongemeente",
            "straat",
            "huisnummer",
            "postcode",
            "woonplaats",
        ]


class InschrijvingSerializer(serializers.ModelSerializer[Inschrijving]):
    class Meta:
        model = Inschrijving
        fields = ["id", "leerling", "school", "begindatum", "einddatum"]


@extend_schema_field({"type": "string", "format": "date", "nullable": True})
class EinddatumField(serializers.CharField):
    """A date as text: the file importer reads and checks it (api.services.lees_einddatum)."""


class InschrijvingBijwerkenSerializer(serializers.Serializer[dict[str, Any]]):
    """The body of PUT and PATCH on an enrolment. Only `einddatum` can change. The other fields
    of what GET returns may be sent back (a PUT of the whole representation), but must keep
    their value: pupil, school and start date are the enrolment's key. Other fields: 400."""

    id = serializers.IntegerField(required=False, help_text="Must stay the same.")
    leerling = serializers.IntegerField(required=False, help_text="Must stay the same.")
    school = serializers.IntegerField(required=False, help_text="Must stay the same.")
    begindatum = serializers.DateField(required=False, help_text="Must stay the same.")
    einddatum = EinddatumField(
        allow_null=True,
        allow_blank=True,
        max_length=10,
        help_text="The last day of the enrolment: YYYY-MM-DD (DD-MM-YYYY is read too, as in "
        "the file import). Null or empty: open-ended.",
    )

    def to_internal_value(self, data: Any) -> dict[str, Any]:
        if isinstance(data, dict):
            onbekend = sorted(str(k) for k in data if k not in self.fields)
            if onbekend:
                raise serializers.ValidationError(
                    {k: [_("Unknown field; only einddatum can be changed.")] for k in onbekend}
                )
        return super().to_internal_value(data)


class VrijstellingSerializer(serializers.ModelSerializer[Vrijstelling]):
    class Meta:
        model = Vrijstelling
        fields = ["id", "leerling", "artikel", "begindatum", "einddatum"]


class SignaalSerializer(serializers.ModelSerializer[Signaal]):
    class Meta:
        model = Signaal
        fields = [
            "id",
            "leerling",
            "school",
            "soort",
            "begindatum",
            "datum",
            "einddatum",
            "van",
            "tot",
            "minuten",
            "dagen",
            "uitleg",
            "status",
            "afhandeling",
            "aangemaakt_op",
        ]


class MeldingSerializer(serializers.ModelSerializer[Melding]):
    class Meta:
        model = Melding
        fields = [
            "id",
            "soort",
            "leerling",
            "school",
            "signaal",
            "gemeente",
            "samenwerkingsverband",
            "begindatum",
            "einddatum",
            "vermoedelijke_soort",
            "status",
            "aangemaakt_op",
            "verzonden_op",
            "afgesloten_op",
        ]


class CasusSerializer(serializers.ModelSerializer[Casus]):
    class Meta:
        model = Casus
        fields = [
            "id",
            "leerling",
            "aanpak",
            "start",
            "status",
            "regisseur",
            "signaal",
            "melding",
            "passend_aanbod",
            "passend_aanbod_op",
        ]


# --- bulk uploads ----------------------------------------------------------------------------

MAX_RIJEN = 10_000


def _tekst(**kwargs: Any) -> serializers.CharField:
    return serializers.CharField(allow_blank=True, max_length=200, **kwargs)


class VerzuimRijSerializer(serializers.Serializer[dict[str, Any]]):
    """One row with the columns of the verzuim file import (docs/importeren.md). The importer
    checks the values, so a wrong value gives the same Dutch reason as in a file."""

    bsn = _tekst()
    onderwijsnummer = _tekst(required=False)
    brin = _tekst()
    vestiging = _tekst()
    datum = _tekst(help_text="YYYY-MM-DD")
    minuten = serializers.IntegerField(required=False, allow_null=True)
    soort = _tekst(help_text="ongeoorloofd, luxe, te_laat, ziek of geoorloofd")
    hele_dag = serializers.BooleanField(required=False, allow_null=True)
    reden_code = _tekst(required=False)


class InschrijvingRijSerializer(serializers.Serializer[dict[str, Any]]):
    """One row with the columns of the inschrijvingen file import."""

    bsn = _tekst()
    onderwijsnummer = _tekst(required=False)
    brin = _tekst()
    vestiging = _tekst()
    begindatum = _tekst(help_text="YYYY-MM-DD")
    einddatum = _tekst(required=False, help_text="YYYY-MM-DD, or empty for open-ended")


assert set(VerzuimRijSerializer().fields) == set(FORMATEN["verzuim"].kolommen)
assert set(InschrijvingRijSerializer().fields) == set(FORMATEN["inschrijvingen"].kolommen)


class AfwijzingSerializer(serializers.Serializer[dict[str, Any]]):
    rij = serializers.IntegerField(help_text="Position of the row in the request, from 1.")
    veld = serializers.CharField()
    waarde = serializers.CharField()
    reden = serializers.CharField()


class ImportWachtrijSerializer(serializers.Serializer[dict[str, Any]]):
    import_id = serializers.IntegerField()
    status = serializers.CharField()
    status_url = serializers.URLField()


class ImportRapportSerializer(serializers.Serializer[dict[str, Any]]):
    import_id = serializers.IntegerField()
    status = serializers.CharField()
    melding = serializers.CharField()
    aantal_rijen = serializers.IntegerField()
    aantal_nieuw = serializers.IntegerField()
    aantal_bijgewerkt = serializers.IntegerField()
    aantal_ongewijzigd = serializers.IntegerField()
    aantal_afgewezen = serializers.IntegerField()
    aantal_wachtend = serializers.IntegerField(
        help_text="Rows held for Leerplicht of the pupil to confirm (a reported move, or an "
        "enrolment that would open a file); see docs/toegang-en-verantwoording.md."
    )
    afwijzingen = AfwijzingSerializer(many=True)


class ImportStatusSerializer(ImportRapportSerializer):
    verwerkt = serializers.IntegerField()
