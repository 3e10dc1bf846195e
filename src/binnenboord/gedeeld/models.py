# SPDX-License-Identifier: EUPL-1.2
"""Abstract models only (this app has no tables of its own):

- `Gebeurtenis`: the append-only history row that signals, meldingen and cases each subclass;
- the created-by/created-at fields: `door_medewerker()` (the staff member who did something,
  PROTECT, no reverse accessor) and `aangemaakt_moment()`, and the two abstract mixins built
  from them, `AangemaaktDoor` (`aangemaakt_door`, `aangemaakt_op`) and `VastgelegdDoor`
  (`door`, `vastgelegd_op`).

The field helpers keep the field names and columns a model already had: applying them changes
no column (at most a state-only migration for a label)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Literal, NoReturn, overload

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise

    from binnenboord.toegang.models import Medewerker


@overload
def door_medewerker(
    verbose_name: _StrOrPromise, *, leeg: Literal[False] = False, **kwargs: Any
) -> models.ForeignKey[Medewerker, Medewerker]: ...


@overload
def door_medewerker(
    verbose_name: _StrOrPromise, *, leeg: Literal[True], **kwargs: Any
) -> models.ForeignKey[Medewerker | None, Medewerker | None]: ...


def door_medewerker(verbose_name: _StrOrPromise, *, leeg: bool = False, **kwargs: Any) -> Any:
    """The staff member who did something: PROTECT (a row keeps its author), no reverse
    accessor. `leeg`: may be empty (the system did it, or nobody yet)."""
    if leeg:
        kwargs.update(null=True, blank=True)
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=verbose_name,
        **kwargs,
    )


def aangemaakt_moment(verbose_name: _StrOrPromise) -> models.DateTimeField[Any, Any]:
    """When the row was made: set once on insert."""
    return models.DateTimeField(verbose_name, auto_now_add=True)


class AangemaaktDoor(models.Model):
    """Who made the row (`aangemaakt_door`) and when (`aangemaakt_op`)."""

    aangemaakt_door = door_medewerker(_("created by"))
    aangemaakt_op = aangemaakt_moment(_("created at"))

    class Meta:
        abstract = True


class VastgelegdDoor(models.Model):
    """Who recorded the row (`door`) and when (`vastgelegd_op`)."""

    door = door_medewerker(_("by"))
    vastgelegd_op = aangemaakt_moment(_("recorded at"))

    class Meta:
        abstract = True


class GebeurtenisNietWijzigbaar(Exception):
    """Raised on any attempt to change a history row (a Gebeurtenis)."""


class GebeurtenisQuerySet(models.QuerySet[Any]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise GebeurtenisNietWijzigbaar(self.model.NIET_WIJZIGBAAR)


class Gebeurtenis(models.Model):
    """An append-only history row: saved once, never updated through the application. A
    subclass adds the object it belongs to, its `soort` choices and NIET_WIJZIGBAAR (the
    message of the refusal)."""

    NIET_WIJZIGBAAR: ClassVar[str]

    wie = door_medewerker(_("by"), leeg=True, help_text=_("Empty when the system did it."))
    wanneer = models.DateTimeField(_("when"), auto_now_add=True)
    toelichting = models.TextField(_("explanation"), blank=True)

    objects = GebeurtenisQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self) -> str:
        soort: Any = self
        return f"{soort.get_soort_display()} {self.wanneer:%Y-%m-%d %H:%M}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise GebeurtenisNietWijzigbaar(self.NIET_WIJZIGBAAR)
        super().save(*args, **kwargs)
