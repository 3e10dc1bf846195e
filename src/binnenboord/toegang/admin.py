# SPDX-License-Identifier: EUPL-1.2
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Gemeente, Kernteam, Medewerker, Organisatie


@admin.register(Gemeente)
class GemeenteAdmin(admin.ModelAdmin):
    list_display = ["naam", "code"]
    search_fields = ["naam", "code"]


@admin.register(Organisatie)
class OrganisatieAdmin(admin.ModelAdmin):
    list_display = ["naam", "soort", "brin", "vestigingsnummer"]
    list_filter = ["soort"]
    search_fields = ["naam", "brin"]
    filter_horizontal = ["gemeenten"]


@admin.register(Medewerker)
class MedewerkerAdmin(UserAdmin):
    list_display = ["username", "first_name", "last_name", "organisatie", "rol", "is_active"]
    list_filter = ["rol", "organisatie__soort", "is_active"]
    fieldsets = (
        *(UserAdmin.fieldsets or ()),
        (_("Organisation and role"), {"fields": ("organisatie", "rol")}),
    )


@admin.register(Kernteam)
class KernteamAdmin(admin.ModelAdmin):
    list_display = ["school", "leerplichtambtenaar", "jeugdarts", "gezinswerker", "swv_consulent"]
