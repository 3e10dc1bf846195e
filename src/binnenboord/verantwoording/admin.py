# SPDX-License-Identifier: EUPL-1.2
from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import Inzage


@admin.register(Inzage)
class InzageAdmin(admin.ModelAdmin):
    """Read-only: nobody adds, changes or deletes access-log entries."""

    list_display = ["tijdstip", "gebruikersnaam", "rol", "organisatie", "handeling", "bron"]
    list_filter = ["handeling", "rol"]
    search_fields = ["gebruikersnaam", "organisatie", "bron"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
