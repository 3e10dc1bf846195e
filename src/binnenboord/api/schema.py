# SPDX-License-Identifier: EUPL-1.2
"""drf-spectacular hook: the error answers every operation can give, described once, the
precondition answers (412, 428) of the operations that require If-Match, and the range of
every whole-number parameter (an id or a page: 1 to the largest bigint; outside it, 400)."""

from __future__ import annotations

from typing import Any

from .filters import GROOTSTE_ID
from .serializers import MAX_RIJEN

FOUTEN = {
    "400": "The request or a query parameter is invalid (details per field).",
    "401": "No valid API token or session (WWW-Authenticate: Bearer).",
    "403": "Authenticated, but the token's scope or the caller's role does not allow this.",
    "404": "Not found, or outside the caller's access rules (the same answer).",
}


VOORWAARDEN = {
    "412": "If-Match does not match the current ETag (or is a weak tag): nothing changed.",
    "428": "If-Match is missing.",
}


def foutantwoorden(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    result.setdefault("components", {}).setdefault("schemas", {})["Fout"] = {
        "type": "object",
        "additionalProperties": {},
        "description": "DRF error: `detail`, or a list of messages per field.",
    }
    fout = {"application/json": {"schema": {"$ref": "#/components/schemas/Fout"}}}
    for operaties in result.get("paths", {}).values():
        for operatie in operaties.values():
            inhoud = operatie.get("requestBody", {}).get("content", {}).get("application/json")
            if inhoud and inhoud["schema"].get("type") == "array":
                # a bulk upload: the bounds the view checks (ListSerializer's are not exported)
                inhoud["schema"].update(minItems=1, maxItems=MAX_RIJEN)
            for parameter in operatie.get("parameters", []):
                schema = parameter.get("schema", {})
                if parameter.get("in") in ("query", "path") and schema.get("type") == "integer":
                    schema.update(minimum=1, maximum=GROOTSTE_ID)
            antwoorden = operatie.setdefault("responses", {})
            codes = dict(FOUTEN)
            if any(p.get("name") == "If-Match" for p in operatie.get("parameters", [])):
                codes.update(VOORWAARDEN)
            for code, tekst in codes.items():
                antwoorden.setdefault(code, {"description": tekst, "content": fout})
    return result
