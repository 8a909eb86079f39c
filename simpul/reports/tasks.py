"""Background work of periodic reports: generating one (idempotent; see services.py)."""

from django_tasks import task

from simpul.audit.context import acting_as, system_actor


@task()
def generate_report(report_id: int) -> str:
    from .services import report_generate

    with acting_as(system_actor("generate_report")):
        report = report_generate(report_id=report_id)
    return report.status if report else "missing"
