"""Stakeholders and contributions for tests, built through the services (the rules apply)."""

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from simpul.agreements.tests.factories import make_agreement
from simpul.stakeholders import services
from simpul.stakeholders.models import Contribution, Stakeholder

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf_upload(name: str = "surat-csr.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def make_stakeholder(cast, *, agreement=None, by=None, organization=None, **fields) -> Stakeholder:
    values = {
        "name": "PT Sinar Jaya Abadi",
        "kind": Stakeholder.Kind.PRIVATE,
        "roles": ["funder"],
        "interest": 4,
        "influence": 3,
        "interest_reason": "Program CSR lingkungan",
        "contact_name": "Andi Wijaya",
        "contact_email": "andi@sinarjaya.example",
    }
    values.update(fields)
    return services.stakeholder_create(
        agreement=agreement or make_agreement(cast),
        user=by or cast.wati,
        organization=organization,
        **values,
    )


def make_contribution(cast, *, stakeholder=None, by=None, status="recorded", **fields):
    stakeholder = stakeholder or make_stakeholder(cast)
    values = {
        "kind": Contribution.Kind.FUNDING,
        "description": "Dana CSR untuk bank sampah",
        "value": Decimal("250000000"),
        "year": 2026,
        "source": "CSR",
    }
    values.update(fields)
    contribution = services.contribution_record(
        stakeholder=stakeholder, user=by or cast.wati, **values
    )
    if status != "recorded":
        services.contribution_decide(
            contribution=contribution,
            user=cast.sari if (by or cast.wati) != cast.sari else cast.yanto,
            version=contribution.version,
            action="verify" if status == "verified" else "reject",
            note="" if status == "verified" else "Tidak ada bukti transfer",
        )
    return contribution
