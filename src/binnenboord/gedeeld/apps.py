# SPDX-License-Identifier: EUPL-1.2
"""What every app shares and no app owns: the append-only history base, the created-by/
created-at fields, the set-wise query helpers, the one access check of the views, the
staff-choice form field and the form partials. Imports no other app of the project."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GedeeldConfig(AppConfig):
    name = "binnenboord.gedeeld"
    verbose_name = _("Shared")
