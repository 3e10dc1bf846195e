# SPDX-License-Identifier: EUPL-1.2
"""No BSN ever reaches a log line: our own structlog lines and Django's stdlib lines alike."""

from __future__ import annotations

import json
import logging  # noqa: TID251  (the test builds a stdlib record as Django would)
from typing import Any

import pytest
import structlog

from binnenboord.conf.logboek import logging_config, redigeer_bsn

BSN = "123456782"


@pytest.mark.parametrize(
    ("veld", "verwacht"),
    [
        (f"leerling {BSN} bekeken", "leerling [BSN] bekeken"),
        (int(BSN), "[BSN]"),
        ({"bsn": BSN, "lijst": [BSN, "x"]}, {"bsn": "[BSN]", "lijst": ["[BSN]", "x"]}),
        ("ordernummer 123456789", "ordernummer 123456789"),  # fails the eleven test
        (f"reeks 1{BSN}", f"reeks 1{BSN}"),  # ten digits: not a BSN
        (True, True),
    ],
)
def test_de_processor_vervangt_elk_bsn(veld: Any, verwacht: Any) -> None:
    assert redigeer_bsn(None, "info", {"event": "x", "veld": veld})["veld"] == verwacht


def _formatter() -> logging.Formatter:
    opties = logging_config(json=True, niveau="INFO")["formatters"]["structlog"]
    return structlog.stdlib.ProcessorFormatter(
        processors=opties["processors"], foreign_pre_chain=opties["foreign_pre_chain"]
    )


def test_een_django_logregel_met_een_bsn_wordt_afgeschermd_geschreven() -> None:
    # given a line as Django's request logger writes it, with the BSN in its arguments
    record = logging.LogRecord(
        "django.request", logging.WARNING, __file__, 1, "Not Found: %s", (f"/zoek?q={BSN}",), None
    )
    # when it is formatted for the log file
    regel = json.loads(_formatter().format(record))
    # then the line is JSON without the BSN
    assert regel["event"] == "Not Found: /zoek?q=[BSN]"
    assert regel["level"] == "warning"
    assert BSN not in json.dumps(regel)
