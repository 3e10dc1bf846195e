# SPDX-License-Identifier: EUPL-1.2
"""Optimistic concurrency for writes (RFC 9110, 13.1.1 and 8.8.3): a PUT or PATCH must send
`If-Match` with the ETag its client last read. Missing: 428 (RFC 6585); not the current ETag:
412 and nothing changes. Only strong tags can match (strong comparison); `*` matches any
existing representation."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.http import parse_etags
from django.utils.translation import gettext_lazy as _

from rest_framework import exceptions
from rest_framework.request import Request


class VoorwaardeVereist(exceptions.APIException):
    status_code = 428
    default_detail = _(
        "Send the If-Match header with the ETag of your last GET of this object, so that you "
        "do not overwrite someone else's change unnoticed."
    )
    default_code = "precondition_required"


class VoorwaardeMislukt(exceptions.APIException):
    status_code = 412
    default_detail = _(
        "This object was changed after you read it: If-Match does not match its current ETag. "
        "Nothing was changed. Read it again with GET and make your change again."
    )
    default_code = "precondition_failed"


ZWAK = _(
    "A weak ETag (W/...) cannot be used with If-Match. Send the ETag exactly as GET returns "
    "it. Nothing was changed."
)


@dataclass(frozen=True)
class EntityTag:
    zwak: bool
    waarde: str
    """The opaque tag with its quotes, as in the ETag header."""


def lees_if_match(kop: str) -> list[EntityTag] | None:
    """The entity-tags of an If-Match value (Django's own parser, as its `condition`
    decorator uses it), or None for `*`. A value without any entity-tag gives an empty list,
    which matches nothing (412)."""
    tags = parse_etags(kop)
    if tags == ["*"]:
        return None
    return [EntityTag(zwak=tag.startswith("W/"), waarde=tag.removeprefix("W/")) for tag in tags]


def controleer_if_match(request: Request, huidige_etag: str) -> None:
    """Raises 428 without If-Match and 412 when no strong tag in it equals `huidige_etag`
    (the ETag a GET of the object gives now). Called with the object locked, so the check and
    the write see the same version."""
    kop = request.headers.get("If-Match")
    if kop is None or not kop.strip():
        raise VoorwaardeVereist
    tags = lees_if_match(kop)
    if tags is None:
        return  # `*`: the object exists (else the caller answered 404 already)
    if any(not t.zwak and t.waarde == huidige_etag for t in tags):
        return
    if any(t.zwak for t in tags):
        raise VoorwaardeMislukt(ZWAK)
    raise VoorwaardeMislukt
