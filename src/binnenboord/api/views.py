# SPDX-License-Identifier: EUPL-1.2
"""The read endpoints and the bulk uploads. Every queryset starts from toegang's scopes (the
same as the pages), so an object outside the caller's scope is 404 like a missing one; every
read of pupil data is written to the access log (Inzage) like a page view."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import Model, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import exceptions, pagination, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from binnenboord.regie.models import Casus
from binnenboord.regie.rules import casus_scope
from binnenboord.registratie.importeren.services import importeer_rijen, zet_rijen_in_wachtrij
from binnenboord.registratie.importeren.tabel import EERSTE_RIJ
from binnenboord.registratie.models import Afwijzing, Import, Inschrijving, School, Vrijstelling
from binnenboord.registratie.selectors import zichtbare_imports, zichtbare_leerlingen
from binnenboord.registratie.views.importeren import genoemde_leerlingen
from binnenboord.signalering.models import Melding, Signaal
from binnenboord.signalering.rules import melding_scope, signaal_scope
from binnenboord.toegang.models import Medewerker
from binnenboord.verantwoording.models import Inzage
from binnenboord.verantwoording.services import log_inzage

from . import filters as f
from . import serializers as s
from .auth import HeeftScope, medewerker, token_van
from .filters import geheel_getal
from .models import Scope
from .services import lees_einddatum, mag_inschrijving_wijzigen, wijzig_inschrijving
from .voorwaarden import controleer_if_match


def _geheel_getal(waarde: str, parameter: str) -> int:
    """An id or page number from a query parameter (filters.geheel_getal), or a 400 that
    names the parameter."""
    try:
        return geheel_getal(waarde)
    except DjangoValidationError as fout:
        raise exceptions.ValidationError({parameter: fout.messages}) from None


class Paginering(pagination.PageNumberPagination):
    """`pagina` and `per_pagina` that are not a whole number from 1 are a 400 (DRF would
    answer 404 or ignore them); a page after the last stays 404, and `per_pagina` above the
    maximum is the maximum."""

    page_query_param = "pagina"
    page_size = 50
    page_size_query_param = "per_pagina"
    max_page_size = 500

    def get_page_number(self, request: Any, paginator: Any) -> Any:
        waarde = request.query_params.get(self.page_query_param) or "1"
        if waarde in self.last_page_strings:
            return waarde
        return _geheel_getal(waarde, self.page_query_param)

    def get_page_size(self, request: Any) -> int:
        waarde = request.query_params.get(self.page_size_query_param)
        if waarde in (None, ""):
            return self.page_size
        return min(_geheel_getal(waarde, self.page_size_query_param), self.max_page_size)


class _Pk:
    """What log_inzage needs of a pupil: its pk."""

    __slots__ = ("pk",)

    def __init__(self, pk: int) -> None:
        self.pk = pk


def _pupils(ids: Iterable[int | None]) -> list[_Pk]:
    return [_Pk(pk) for pk in dict.fromkeys(i for i in ids if i is not None)]


def etag(data: Any) -> str:
    inhoud = json.dumps(data, sort_keys=True, default=str).encode()
    return '"' + hashlib.sha256(inhoud).hexdigest()[:32] + '"'


class ApiView(APIView):
    """Our views do their own authentication, so the site-wide LoginRequiredMiddleware lets
    them through (Django 5.1+)."""

    @classmethod
    def as_view(cls, **initkwargs: Any) -> Callable[..., Any]:  # type: ignore[override]
        view = super().as_view(**initkwargs)
        view.login_required = False  # type: ignore[attr-defined]
        return view


class LeesViewSet(viewsets.ReadOnlyModelViewSet[Any]):
    """List and detail of one kind, with access logging: a list logs the pupils on the page
    (handeling "zoeken"), a detail its pupil ("bekijken"); `bron` is `api:<kind>`."""

    pagination_class = Paginering
    # the query filters: each view's filterset_class (filters.py)
    filter_backends = [DjangoFilterBackend]
    soort: ClassVar[str]
    persoonsgegevens = True

    @classmethod
    def as_view(  # type: ignore[override]
        cls, actions: Any = None, **initkwargs: Any
    ) -> Callable[..., Any]:
        view = super().as_view(actions, **initkwargs)
        view.login_required = False  # type: ignore[attr-defined]
        return view

    def basis(self) -> QuerySet[Any]:
        raise NotImplementedError

    def get_queryset(self) -> QuerySet[Any]:
        return self.basis().order_by("pk")

    def leerling_ids(self, objecten: list[Any]) -> list[int | None]:
        return [o.leerling_id for o in objecten]

    def log(self, objecten: list[Any], handeling: str) -> None:
        if not self.persoonsgegevens:
            return
        log_inzage(
            gebruiker=self.request.user,
            handeling=handeling,
            bron=f"api:{self.soort}",
            leerlingen=_pupils(self.leerling_ids(objecten)),
            request=self.request._request,
            aantal=len(objecten),
        )

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        pagina = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        assert pagina is not None
        objecten = list(pagina)
        data = self.get_serializer(objecten, many=True).data
        self.log(objecten, Inzage.Handeling.ZOEKEN)
        return self.get_paginated_response(data)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        try:
            _geheel_getal(kwargs["pk"], "id")
        except exceptions.ValidationError:
            # no object has this id: the same answer as a missing one
            raise exceptions.NotFound from None
        obj = self.get_object()
        data = self.get_serializer(obj).data
        self.log([obj], Inzage.Handeling.BEKIJKEN)
        return Response(data, headers={"ETag": etag(data)})


class SchoolViewSet(LeesViewSet):
    """Schools are no personal data: every signed-in professional and every token with
    `lezen` sees them, without access-log entries."""

    serializer_class = s.SchoolSerializer
    soort = "scholen"
    filterset_class = f.SchoolFilters
    persoonsgegevens = False

    def basis(self) -> QuerySet[Any]:
        return School.objects.select_related("gemeente")


class LeerlingViewSet(LeesViewSet):
    serializer_class = s.LeerlingSerializer
    soort = "leerlingen"
    filterset_class = f.LeerlingFilters

    def basis(self) -> QuerySet[Any]:
        return zichtbare_leerlingen(self.request.user).select_related("woongemeente")

    def leerling_ids(self, objecten: list[Any]) -> list[int | None]:
        return [o.pk for o in objecten]


def _van_zichtbare_leerlingen(
    model: type[Model], user: Medewerker | AnonymousUser
) -> QuerySet[Any]:
    return model._default_manager.filter(leerling__in=zichtbare_leerlingen(user).values("pk"))


IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=True,
    description="The ETag of your last GET of this object (strong, as GET returns it), or `*`. "
    "Missing: 428; not the current ETag: 412 and nothing changes.",
)
NIEUWE_ETAG = OpenApiParameter(
    "ETag",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    response=[200],
    description="The ETag of the changed object, for the next If-Match.",
)


def _bijwerken_schema(samenvatting: str, body: Any) -> Any:
    return extend_schema(
        request=body,
        responses={
            200: s.InschrijvingSerializer,
            409: OpenApiResponse(
                description="The change would need Leerplicht's confirmation (it reopens an "
                "enrolment that ended more than 30 days ago, or overlaps an ongoing enrolment "
                "at another school); nothing changed. Send it through the upload instead."
            ),
        },
        parameters=[IF_MATCH, NIEUWE_ETAG],
        summary=samenvatting,
        description="Change the end date of an enrolment of your own school (token scope "
        "`inschrijvingen:schrijven`, or a school staff session). Optimistic concurrency: "
        "If-Match is required. See docs/api.md.",
    )


@extend_schema_view(
    update=_bijwerken_schema("Replace an enrolment", s.InschrijvingBijwerkenSerializer),
    partial_update=_bijwerken_schema("Change an enrolment", s.InschrijvingBijwerkenSerializer),
)
class InschrijvingViewSet(LeesViewSet):
    serializer_class = s.InschrijvingSerializer
    soort = "inschrijvingen"
    filterset_class = f.InschrijvingFilters
    schrijfscope = Scope.INSCHRIJVINGEN_SCHRIJVEN

    def basis(self) -> QuerySet[Any]:
        return _van_zichtbare_leerlingen(Inschrijving, self.request.user)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self._bijwerken(request, kwargs["pk"], gedeeltelijk=False)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self._bijwerken(request, kwargs["pk"], gedeeltelijk=True)

    def _bijwerken(self, request: Request, pk: str, *, gedeeltelijk: bool) -> Response:
        """404 when the caller cannot see it, 403 when it can see but not write, then the
        precondition (428/412) on the locked row, then the body (400): RFC 9110 13.2.1 checks
        preconditions before the content. Lock, check, write and access log: one transaction,
        so of two writers with the same ETag the second waits and then gets 412."""
        try:
            sleutel = int(pk)
        except ValueError:
            raise exceptions.NotFound from None
        with transaction.atomic():
            inschrijving = (
                self.basis()
                .select_for_update(of=("self",))
                .select_related("school")
                .filter(pk=sleutel)
                .first()
            )
            if inschrijving is None:
                raise exceptions.NotFound
            if not mag_inschrijving_wijzigen(medewerker(request), inschrijving):
                raise exceptions.PermissionDenied
            voor = self.get_serializer(inschrijving).data
            controleer_if_match(request, etag(voor))
            body = s.InschrijvingBijwerkenSerializer(data=request.data, partial=gedeeltelijk)
            body.is_valid(raise_exception=True)
            _ongewijzigd(inschrijving, body.validated_data)
            if "einddatum" in body.validated_data:
                token = token_van(request)
                wijzig_inschrijving(
                    inschrijving=inschrijving,
                    einddatum=lees_einddatum(inschrijving, body.validated_data["einddatum"]),
                    door=medewerker(request),
                    bron=f"api:{self.soort}",
                    token=token.prefix if token else None,
                )
            data = self.get_serializer(inschrijving).data
            # a write that changed nothing was a read
            gewijzigd = data != voor
            self.log(
                [inschrijving],
                Inzage.Handeling.WIJZIGEN if gewijzigd else Inzage.Handeling.BEKIJKEN,
            )
        return Response(data, headers={"ETag": etag(data)})


def _ongewijzigd(inschrijving: Inschrijving, waarden: dict[str, Any]) -> None:
    """The key fields may be sent back (a PUT of what GET returned), but not changed."""
    huidig = {
        "id": inschrijving.pk,
        "leerling": inschrijving.leerling_id,
        "school": inschrijving.school_id,
        "begindatum": inschrijving.begindatum,
    }
    fouten = {
        veld: [_("This field cannot be changed; only einddatum can.")]
        for veld, waarde in huidig.items()
        if veld in waarden and waarden[veld] != waarde
    }
    if fouten:
        raise exceptions.ValidationError(fouten)


class VrijstellingViewSet(LeesViewSet):
    serializer_class = s.VrijstellingSerializer
    soort = "vrijstellingen"
    filterset_class = f.VrijstellingFilters

    def basis(self) -> QuerySet[Any]:
        return _van_zichtbare_leerlingen(Vrijstelling, self.request.user)


class SignaalViewSet(LeesViewSet):
    serializer_class = s.SignaalSerializer
    soort = "signalen"
    filterset_class = f.SignaalEnMeldingFilters

    def basis(self) -> QuerySet[Any]:
        return Signaal.objects.filter(signaal_scope(self.request.user))


class MeldingViewSet(LeesViewSet):
    serializer_class = s.MeldingSerializer
    soort = "meldingen"
    filterset_class = f.SignaalEnMeldingFilters

    def basis(self) -> QuerySet[Any]:
        return Melding.objects.filter(melding_scope(self.request.user))


class CasusViewSet(LeesViewSet):
    serializer_class = s.CasusSerializer
    soort = "casussen"
    filterset_class = f.CasusFilters

    def basis(self) -> QuerySet[Any]:
        return Casus.objects.filter(casus_scope(self.request.user))


# --- bulk uploads through the file importer ------------------------------------------------


def _rapport(import_: Import) -> dict[str, Any]:
    afwijzingen = Afwijzing.objects.filter(bestandsimport=import_).order_by("rij", "pk")
    return {
        "import_id": import_.pk,
        "status": import_.status,
        "melding": import_.melding,
        "aantal_rijen": import_.aantal_rijen,
        "aantal_nieuw": import_.aantal_nieuw,
        "aantal_bijgewerkt": import_.aantal_bijgewerkt,
        "aantal_ongewijzigd": import_.aantal_ongewijzigd,
        "aantal_afgewezen": import_.aantal_afgewezen,
        "aantal_wachtend": import_.aantal_wachtend,
        # the importer's first row (EERSTE_RIJ, as under a header) is the request's row 1
        "afwijzingen": [
            {"rij": a.rij - EERSTE_RIJ + 1, "veld": a.veld, "waarde": a.waarde, "reden": a.reden}
            for a in afwijzingen
        ],
    }


def _wachtrij_antwoord(request: Request, import_: Import) -> Response:
    url = request.build_absolute_uri(reverse("api:import", args=[import_.pk]))
    return Response(
        {"import_id": import_.pk, "status": import_.status, "status_url": url},
        status=status.HTTP_202_ACCEPTED,
        headers={"Location": url},
    )


class _Upload(ApiView):
    """POST a JSON list of rows; the rows go through the same importer as a file (same checks,
    same rejection report, same rights: a school only its own school's pupils). Up to
    IMPORT_API_DIRECT_RIJEN rows are imported within the request (200/422 with the report);
    more are queued for the background worker (202 with the URL of ImportStatus), so no web
    worker waits for thousands of rows."""

    importsoort: ClassVar[str]
    rij_serializer: ClassVar[type[Any]]

    def post(self, request: Request) -> Response:
        if not isinstance(request.data, list):
            raise exceptions.ValidationError({"non_field_errors": [_("Send a JSON list of rows.")]})
        rijen = self.rij_serializer(
            data=request.data, many=True, min_length=1, max_length=s.MAX_RIJEN
        )
        rijen.is_valid(raise_exception=True)
        bron = f"api-{self.importsoort}.json"
        if len(rijen.validated_data) > settings.IMPORT_API_DIRECT_RIJEN:
            try:
                import_ = zet_rijen_in_wachtrij(
                    soort=self.importsoort,
                    rijen=rijen.validated_data,
                    bron=bron,
                    door=medewerker(request),
                )
            except PermissionDenied:
                raise exceptions.PermissionDenied from None
            return _wachtrij_antwoord(request, import_)
        try:
            import_ = importeer_rijen(
                soort=self.importsoort,
                rijen=rijen.validated_data,
                bron=bron,
                door=medewerker(request),
            )
        except PermissionDenied:
            raise exceptions.PermissionDenied from None
        klaar = import_.status == Import.Status.KLAAR
        code = status.HTTP_200_OK if klaar else status.HTTP_422_UNPROCESSABLE_ENTITY
        return Response(_rapport(import_), status=code)


UPLOADANTWOORDEN = {
    200: s.ImportRapportSerializer,
    202: s.ImportWachtrijSerializer,
    422: s.ImportRapportSerializer,
}


class MagImportVolgen(HeeftScope):
    """Following an upload's import needs a token that may read or may upload."""

    def has_permission(self, request: Request, view: Any) -> bool:
        token = token_van(request)
        if token is None or not (request.user and request.user.is_authenticated):
            return super().has_permission(request, view)
        return any(
            token.mag(scope)
            for scope in (Scope.LEZEN, Scope.VERZUIM_SCHRIJVEN, Scope.INSCHRIJVINGEN_SCHRIJVEN)
        )


class ImportStatus(ApiView):
    """The state of an upload's import: while it waits or runs `status` is "wachtrij" or
    "bezig" and `verwerkt` counts the rows done; then the same report as a direct upload. Only
    for whoever may see the import (registratie.selectors.zichtbare_imports); a read of its
    rejected rows is written to the access log of the pupils they name."""

    permission_classes = [MagImportVolgen]

    @extend_schema(responses={200: s.ImportStatusSerializer}, summary="State of an import")
    def get(self, request: Request, pk: int) -> Response:
        import_ = zichtbare_imports(request.user).filter(pk=pk).first()
        if import_ is None:
            raise exceptions.NotFound
        rapport = _rapport(import_)
        afwijzingen = list(Afwijzing.objects.filter(bestandsimport=import_))
        if afwijzingen:
            log_inzage(
                gebruiker=request.user,
                handeling=Inzage.Handeling.BEKIJKEN,
                bron="api:import",
                leerlingen=genoemde_leerlingen(afwijzingen),
                request=request,
                aantal=len(afwijzingen),
                reden=f"afgewezen rijen van import {import_.pk}",
            )
        return Response({**rapport, "verwerkt": import_.verwerkt})


class VerzuimUpload(_Upload):
    schrijfscope = Scope.VERZUIM_SCHRIJVEN
    importsoort = "verzuim"
    rij_serializer = s.VerzuimRijSerializer

    @extend_schema(
        request=s.VerzuimRijSerializer(many=True, min_length=1, max_length=s.MAX_RIJEN),  # type: ignore[call-arg]
        responses=UPLOADANTWOORDEN,
        summary="Upload absence (a day or a period)",
    )
    def post(self, request: Request) -> Response:
        return super().post(request)


class InschrijvingUpload(_Upload):
    schrijfscope = Scope.INSCHRIJVINGEN_SCHRIJVEN
    importsoort = "inschrijvingen"
    rij_serializer = s.InschrijvingRijSerializer

    @extend_schema(
        request=s.InschrijvingRijSerializer(many=True, min_length=1, max_length=s.MAX_RIJEN),  # type: ignore[call-arg]
        responses=UPLOADANTWOORDEN,
        summary="Upload enrolments",
    )
    def post(self, request: Request) -> Response:
        return super().post(request)
