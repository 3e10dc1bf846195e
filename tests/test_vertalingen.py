# SPDX-License-Identifier: EUPL-1.2
"""Every user-facing string has its Dutch translation: the catalogue is regenerated from the
code in a copy of the tree, and no message may be missing or fuzzy."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import binnenboord

PAKKET = Path(binnenboord.__file__).parent


def _msgattrib(po: Path, optie: str) -> list[str]:
    uit = subprocess.run(
        ["msgattrib", optie, "--no-wrap", str(po)], capture_output=True, text=True, check=True
    ).stdout
    return [r for r in uit.splitlines() if r.startswith("msgid ") and r != 'msgid ""']


def test_de_nederlandse_catalogus_dekt_elke_melding_in_de_code(tmp_path: Path) -> None:
    # given a copy of the package with its committed catalogue
    kopie = tmp_path / "binnenboord"
    shutil.copytree(PAKKET, kopie, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    # when the catalogue is regenerated from the code
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "binnenboord.conf.dev"}
    subprocess.run(
        [sys.executable, "-m", "binnenboord.manage", "makemessages", "-l", "nl", "--no-obsolete"],
        cwd=kopie,
        env=env,
        check=True,
        capture_output=True,
    )
    po = kopie / "locale" / "nl" / "LC_MESSAGES" / "django.po"
    # then nothing is untranslated or fuzzy
    assert _msgattrib(po, "--untranslated") == []
    assert _msgattrib(po, "--only-fuzzy") == []
