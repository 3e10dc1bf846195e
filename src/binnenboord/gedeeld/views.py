# SPDX-License-Identifier: EUPL-1.2
"""The one access check of the views, the same in every app:

- an object outside the user's scope answers 404, exactly like a missing one (`haal_of_404`
  on a scoped queryset), so nobody can probe which objects exist;
- an action the user may not do on an object the user may see answers 403 (`vereis`): the
  object's existence is no secret to someone who sees it, and "forbidden" tells the truth.

Views fetch a child's object through the per-kind readers that also write the access log
(verantwoording.inzage); those are built on these two."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db.models import Model, QuerySet
from django.http import Http404

if TYPE_CHECKING:
    from binnenboord.toegang.models import Medewerker

M = TypeVar("M", bound=Model)


def haal_of_404[M: Model](zichtbaar: QuerySet[M], pk: Any) -> M:
    """The object `pk` of the scoped queryset `zichtbaar`, or 404 for "missing", "not yours"
    and "not an id" alike."""
    try:
        return zichtbaar.get(pk=pk)
    except (ValueError, TypeError, ValidationError, ObjectDoesNotExist):
        raise Http404 from None


def vereis(gebruiker: Medewerker, permissie: str, obj: Any = None) -> None:
    """403 unless `gebruiker` has `permissie` (on `obj`, an object the user may see)."""
    if not gebruiker.has_perm(permissie, obj):
        raise PermissionDenied
