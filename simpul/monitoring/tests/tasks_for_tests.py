"""Tasks used only by the monitoring tests that run a real worker."""

from django_tasks import task

from simpul.audit.context import acting_as, system_actor


@task()
def digest_run() -> int:
    """The digest step of the daily housekeeping on its own (the rule evaluation would
    resolve the warnings a test makes by hand)."""
    from simpul.monitoring.services.warnings import warnings_digest_send

    with acting_as(system_actor("test-digest")):
        return warnings_digest_send()
