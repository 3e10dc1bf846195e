# SPDX-License-Identifier: EUPL-1.2
"""API tokens in the admin: a list to see and revoke; new tokens via `binnenboord apitoken
maak`, because the key must be shown exactly once."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .models import ApiToken
from .tokens import trek_in


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["prefix", "organisatie", "naam", "aangemaakt_op", "laatst_gebruikt_op",
                    "ingetrokken_op"]  # fmt: skip
    list_filter = ["organisatie"]
    readonly_fields = [f.name for f in ApiToken._meta.fields]
    actions = ["intrekken"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description=_("Revoke the selected tokens"))
    def intrekken(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        for token in queryset:
            trek_in(token=token)
