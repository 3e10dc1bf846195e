# SPDX-License-Identifier: EUPL-1.2
"""Notifications: what is assigned, escalated or shared reaches the person who acts on it, in
the application (a list with a count in the header) and by e-mail, at once or as a daily
digest. A notification names no pupil: it says what happened and links to where it happened,
where access is checked and logged."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificatiesConfig(AppConfig):
    name = "binnenboord.notificaties"
    verbose_name = _("Notifications")
