# SPDX-License-Identifier: EUPL-1.2
"""The real task queue in tests: the database backend of django-tasks, and one run of a real
`binnenboord db_worker` process against the test database (it takes one task and stops)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from django.db import connection

DATABASE_BACKEND = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
}


def worker_omgeving() -> dict[str, str]:
    """The environment of a worker process on this test's database."""
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "binnenboord.conf.test",
        "TEST_DATABASE_URL": url,
        "TASKS_BACKEND": "database",
    }


def draai_worker(timeout: int = 120) -> subprocess.CompletedProcess[str]:
    """Runs `binnenboord db_worker` until it has done one task (the tests queue exactly one)."""
    return subprocess.run(
        [str(Path(sys.executable).parent / "binnenboord"), "db_worker", "--max-tasks", "1",
         "--no-startup-delay", "--interval", "0.2"],
        env=worker_omgeving(), capture_output=True, text=True, timeout=timeout,
    )  # fmt: skip
