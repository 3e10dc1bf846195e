# SPDX-License-Identifier: EUPL-1.2
"""Stored signals and reports (meldingen); runs kern.signalen on the data."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignaleringConfig(AppConfig):
    name = "binnenboord.signalering"
    verbose_name = _("Signalling")
