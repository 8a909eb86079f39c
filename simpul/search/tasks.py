"""Background work of the search index."""

from django_tasks import task

# Documents per queued task: a publication rule can touch every agreement in a stage (tens of
# thousands at national scale); each task rebuilds a slice in about the time of one batch.
WORKER_BATCH = 2_000


@task()
def search_refresh(kind: str, ids: list[int]) -> int:
    """Rebuild these documents of `kind` (queued on commit by the watches registered with
    `in_worker=True`, see simpul.search.watch). Idempotent: it rebuilds from the rows as they
    are when it runs, so a run again after a killed worker changes nothing more."""
    from . import index

    return index.refresh(kind, ids)
