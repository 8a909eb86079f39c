"""Background work for register imports: checking an upload and committing it.

Both tasks are idempotent (see services/imports.py): a job that was checked is not checked
again, and a job that is done is not committed again."""

from django_tasks import task

from simpul.audit.context import acting_as, system_actor


@task()
def check_import_job(job_id: int) -> str:
    from .services.imports import import_job_check

    with acting_as(system_actor("check_import_job")):
        job = import_job_check(job_id=job_id)
    return job.status if job else "missing"


@task()
def commit_import_job(job_id: int) -> str:
    from .services.imports import import_job_commit

    with acting_as(system_actor("commit_import_job")):
        job = import_job_commit(job_id=job_id)
    return job.status if job else "missing"
