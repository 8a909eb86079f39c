"""Who may use the register import: the template is for anyone signed in; uploading needs
the admin, coordinator or editor role somewhere (dewi, a data officer, and hadi, a viewer,
get 403); a job is seen only by editors+ of its organisation and platform admins (404)."""

from django.core.files.base import ContentFile

from simpul.agreements.models import ImportJob
from simpul.testing.matrix import LOGIN, Expect, signed_in


def _job(cast) -> dict:
    job = ImportJob(
        organization=cast.pemkot_yogyakarta,
        uploaded_by=cast.sari,
        original_name="register.xlsx",
        status=ImportJob.Status.READY,
        total_rows=1,
    )
    job.file.save("matrix.xlsx", ContentFile(b"PK\x03\x04"), save=False)
    job.save()
    return {"job_pk": job.pk}


ONLY_THE_OWNER = {
    "anonymous": LOGIN,
    "sari": 200,
    "budi": 404,
    "dewi": 404,
    "gita": 404,
    "hadi": 404,
    "eko": 404,
    "rina": 200,
    # Editor roles of the job's organisation (Pemkot Yogyakarta) see it; not its data officer
    # or viewer, nor a coordinator of another government.
    "wati": 200,
    "tono": 404,
    "vina": 404,
    "yanto": 404,
    "lina": 404,
    # Nor an editor of an agency under it (agus), nor another organisation's coordinator.
    "fitri": 404,
    "joko": 404,
    "agus": 404,
}

EXPECTATIONS = {
    "agreements:import-template": Expect(statuses=signed_in(200)),
    "agreements:import-upload": Expect(
        statuses=signed_in(200, dewi=403, hadi=403, tono=403, vina=403, joko=403)
    ),
    "agreements:import-detail": Expect(statuses=ONLY_THE_OWNER, kwargs=_job),
    "agreements:import-status": Expect(statuses=ONLY_THE_OWNER, kwargs=_job),
    "agreements:import-commit": Expect(
        statuses={**ONLY_THE_OWNER, "sari": 302, "rina": 302, "wati": 302},
        kwargs=_job,
        method="post",
    ),
}
