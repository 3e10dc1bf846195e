# SPDX-License-Identifier: EUPL-1.2
from django.http import HttpRequest, HttpResponse


def start(request: HttpRequest) -> HttpResponse:
    raise NotImplementedError
