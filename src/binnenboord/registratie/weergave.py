# SPDX-License-Identifier: EUPL-1.2
"""Labels for values of the pure core, so the screens show them in the user's language."""

from django.utils.translation import gettext_lazy as _

LEERPLICHT_STATUS = {
    "te_jong": _("Younger than 4"),
    "vierjarig": _("4 years old, not yet of compulsory school age"),
    "leerplichtig": _("Of compulsory school age (leerplichtig)"),
    "kwalificatieplichtig": _("Under qualification duty (kwalificatieplichtig)"),
    "vrij": _("No longer under compulsory education"),
}
