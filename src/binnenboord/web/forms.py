# SPDX-License-Identifier: EUPL-1.2
from django.contrib.auth.forms import AuthenticationForm


class InlogForm(AuthenticationForm):
    """The standard log-in form; our template adds the autocomplete hints."""
