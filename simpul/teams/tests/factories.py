"""Rows for the teams tests, built through the services."""

from datetime import date, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from simpul.teams import services
from simpul.teams.models import Competency, Team, TeamMember
from simpul.teams.pdf import simple_pdf

PNG_1PX = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)


def sk_pdf(name: str = "sk-tkksd.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, simple_pdf(["Keputusan Wali Kota", "TKKSD"]), "application/pdf")


def not_a_pdf(name: str = "sk.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PNG_1PX, "image/png")


def make_team(cast, *, organization=None, term_end=None, name="TKKSD Kota Yogyakarta", **extra):
    today = timezone.localdate()
    return services.team_create(
        organization=organization or cast.pemkot_yogyakarta,
        user=cast.sari,
        kind=extra.pop("kind", Team.Kind.TKKSD),
        name=name,
        sk_number=extra.pop("sk_number", "188/045/2026"),
        sk_date=today - timedelta(days=30),
        term_start=today - timedelta(days=30),
        term_end=term_end or today + timedelta(days=365 * 2),
        sk_file=sk_pdf(),
        **extra,
    )


def add_member(team, user, *, role=TeamMember.Role.MEMBER, agency=None, **extra):
    return services.member_add(team=team, user=None, person=user, role=role, agency=agency, **extra)


def competency(code: str) -> Competency:
    return Competency.objects.get(code=code)


def on(days: int) -> date:
    return timezone.localdate() + timedelta(days=days)


def certificate_pdf(name: str = "sertifikat.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, simple_pdf(["Sertifikat", "Negosiasi"]), "application/pdf")


def training_with_certificate(member, **extra):
    return services.training_add(
        member=member,
        user=None,
        kind=extra.pop("kind", "training"),
        course=extra.pop("course", "Negosiasi kerja sama daerah"),
        organiser=extra.pop("organiser", "BPSDM Kemendagri"),
        held_on=extra.pop("held_on", on(-60)),
        hours=extra.pop("hours", Decimal("16")),
        certificate=certificate_pdf(),
        **extra,
    )
