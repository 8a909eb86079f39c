"""Several processes appending to the audit log at once still produce one unbroken chain."""

import subprocess
import time

import pytest

from simpul.core.tests.subprocesses import (
    child_env,
    manage_command,
    shell,
    subprocess_database_url,
)

pytestmark = pytest.mark.subprocess

WRITERS = 4
CHANGES_EACH = 25
# Child processes take about a second to start; all of them begin writing at this moment,
# so their appends really interleave.
START_DELAY_SECONDS = 1.5

WRITE = """
import time
from simpul.organizations.models import Organization
time.sleep(max(0, {start_at} - time.time()))
for i in range({n}):
    Organization.objects.create(name=f"Organisasi {w}-{{i}}", kind="ngo")
print("ok")
"""


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_keep_the_chain_intact(tmp_path, empty_audit_log):
    database_url = subprocess_database_url(tmp_path)
    start_at = time.time() + START_DELAY_SECONDS
    writers = [
        subprocess.Popen(  # noqa: S603 - our own manage.py, fixed arguments
            manage_command(
                "shell",
                "--no-imports",
                "-c",
                WRITE.format(n=CHANGES_EACH, w=w, start_at=start_at),
            ),
            env=child_env(database_url),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for w in range(WRITERS)
    ]
    for writer in writers:
        out, err = writer.communicate(timeout=60)
        assert writer.returncode == 0, err
        assert out.strip().endswith("ok")

    total = WRITERS * CHANGES_EACH
    result = shell(
        database_url,
        "from simpul.audit.models import AuditEvent; "
        "from simpul.audit.services import verify_chain; "
        "checked, problem = verify_chain(); "
        "print(AuditEvent.objects.filter(object_type='organizations.organization').count(), "
        "checked == AuditEvent.objects.count(), problem)",
    )
    assert result == f"{total} True None"
