# SPDX-License-Identifier: EUPL-1.2
from typing import Any

from django.conf import settings
from django.http import HttpRequest

from .navigatie import menu_voor


def navigatie(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    menu = menu_voor(user) if user is not None and user.is_authenticated else []
    return {"menu": menu, "demo_modus": settings.DEMO_MODUS}
