"""Demo consultations for `make demo` (seed_demo_consultations).

On the Kartamantul waste agreement (from seed_demo_agreements; the plan from
seed_demo_monitoring when present):

- an open consultation on the draft plan revision, its sections copied from the plan, with
  published comments (two answered by Kota Yogyakarta and Sleman), one hidden by a moderator
  with its reason, one waiting for moderation and one not confirmed yet;
- a concluded consultation on the first-semester evaluation, with comments, answers, two
  comments that led to a change and the outcome text.

Safe to run again: a consultation is found by its agreement and title before it is built.
Rows are saved with the ORM (audited) inside the caller's acting_as.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db import transaction
from django.utils import timezone, translation

from simpul.agreements.access import EDITOR_ROLES
from simpul.agreements.models import Agreement
from simpul.organizations.models import Membership

from . import services
from .models import Answer, Comment, Consultation, Section

ACTOR = "seed_demo_consultations"
KARTAMANTUL_WASTE = "Pengelolaan Sampah Regional Kartamantul di TPST Piyungan"

PLAN_TITLE = "Rancangan revisi rencana kerja sama persampahan Kartamantul 2026"
EVALUATION_TITLE = "Hasil evaluasi semester I pengelolaan sampah Kartamantul"

FALLBACK_SECTIONS = [
    (
        "Tujuan",
        "T1. Mengurangi sampah yang dibuang ke TPST Piyungan sebesar 30% pada 2028.\n"
        "T2. Seluruh kelurahan memiliki bank sampah aktif.",
    ),
    (
        "Program: Pengurangan sampah di sumber",
        "- Pemilahan sampah rumah tangga\n- Pembangunan TPS3R di tiap kapanewon",
    ),
    ("Anggaran per pihak dan tahun", "Kota Yogyakarta, Sleman dan Bantul menanggung bersama."),
]

# (section index, name, e-mail, text, status, answering party index or None, hide reason)
PLAN_COMMENTS = [
    (
        0,
        "Siti Rahayu",
        "siti@example.org",
        "Target 30% bagus, tetapi mohon dijelaskan bagaimana capaian per kapanewon diukur.",
        Comment.Status.APPROVED,
        0,
        "",
    ),
    (
        1,
        "Agus Santoso",
        "agus@example.org",
        "Bank sampah di Kotagede sudah jalan. Mohon ada insentif bagi pengelolanya.",
        Comment.Status.APPROVED,
        1,
        "",
    ),
    (
        1,
        "Rini",
        "rini@example.org",
        "Jadwal pengangkutan malam hari akan mengurangi kemacetan di Jalan Wonosari.",
        Comment.Status.APPROVED,
        None,
        "",
    ),
    (
        2,
        "Promo Murah",
        "promo@example.org",
        "Jual obat pelangsing, hubungi nomor ini.",
        Comment.Status.HIDDEN,
        None,
        "Iklan yang tidak berkaitan dengan konsultasi.",
    ),
    (
        2,
        "Dwi Hartono",
        "dwi@example.org",
        "Porsi anggaran Bantul terlihat lebih kecil padahal TPST ada di Bantul.",
        Comment.Status.PENDING,
        None,
        "",
    ),
    (
        0,
        "Belum Konfirmasi",
        "belum@example.org",
        "Komentar ini menunggu konfirmasi e-mail.",
        Comment.Status.UNCONFIRMED,
        None,
        "",
    ),
]

EVALUATION_SECTIONS = [
    ("Ringkasan evaluasi", "Pengangkutan berjalan sesuai jadwal; data sering terlambat."),
    ("Kelemahan", "- Data timbulan sampah dari Bantul terlambat dua triwulan."),
    ("Rekomendasi", "1. Percepat verifikasi data oleh DLH masing-masing pihak."),
]
EVALUATION_COMMENTS = [
    (
        1,
        "Bambang",
        "bambang@example.org",
        "Data terlambat karena petugas di kalurahan belum dilatih mengisi formulir.",
        True,
        2,
    ),
    (
        2,
        "Forum Peduli Sampah",
        "forum@example.org",
        "Mohon hasil verifikasi data diumumkan setiap triwulan di portal.",
        True,
        0,
    ),
    (0, "Yuni", "yuni@example.org", "Terima kasih atas keterbukaannya.", False, None),
]
EVALUATION_OUTCOME = (
    "Karena masukan publik: (1) DLH ketiga pihak melatih petugas kalurahan mengisi formulir "
    "data setiap awal tahun; (2) hasil verifikasi data diumumkan setiap triwulan di portal "
    "Simpul. Masukan lain dicatat untuk evaluasi berikutnya."
)


@dataclass
class Seeded:
    consultations: int = 0
    comments: int = 0
    skipped: list[str] = field(default_factory=list)


def _editor(organization):
    membership = (
        Membership.objects.filter(organization=organization, role__in=EDITOR_ROLES)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return membership.user if membership else None


def demo_consultations_seed(now=None) -> Seeded:
    # Section headings filled from the plan are written in the language that is active;
    # management commands run in English, and the demo region's consultations are Indonesian.
    with translation.override("id"):
        return _seed(now)


@transaction.atomic
def _seed(now=None) -> Seeded:
    now = now or timezone.now()
    seeded = Seeded()
    agreement = Agreement.objects.filter(title=KARTAMANTUL_WASTE).first()
    if agreement is None:
        seeded.skipped.append("consultations: run seed_demo_agreements first")
        return seeded
    parties = list(agreement.parties.select_related("organization").order_by("position", "pk"))
    existing = set(Consultation.objects.filter(agreement=agreement).values_list("title", flat=True))
    if PLAN_TITLE not in existing:
        sections = services.sections_from_plan(agreement) or FALLBACK_SECTIONS
        consultation = _consultation(
            agreement,
            Consultation.Subject.PLAN,
            PLAN_TITLE,
            "Rancangan revisi rencana kerja sama dibuka untuk masukan publik sebelum "
            "disetujui para pihak.",
            sections[:6],
            opens_at=now - timedelta(days=5),
            closes_at=now + timedelta(days=25),
            status=Consultation.Status.OPEN,
        )
        section_list = list(consultation.sections.order_by("position"))
        for index, name, email, body, status, answering, reason in PLAN_COMMENTS:
            section = section_list[min(index, len(section_list) - 1)]
            comment = _comment(section, name, email, body, status, now, reason=reason)
            if answering is not None and answering < len(parties):
                _answer(comment, parties[answering])
            seeded.comments += 1
        seeded.consultations += 1
    if EVALUATION_TITLE not in existing:
        consultation = _consultation(
            agreement,
            Consultation.Subject.EVALUATION,
            EVALUATION_TITLE,
            "Hasil evaluasi semester I dibuka untuk tanggapan publik.",
            EVALUATION_SECTIONS,
            opens_at=now - timedelta(days=60),
            closes_at=now - timedelta(days=30),
            status=Consultation.Status.CONCLUDED,
            outcome=EVALUATION_OUTCOME,
            concluded_at=now - timedelta(days=20),
        )
        section_list = list(consultation.sections.order_by("position"))
        for index, name, email, body, changed, answering in EVALUATION_COMMENTS:
            comment = _comment(
                section_list[index],
                name,
                email,
                body,
                Comment.Status.APPROVED,
                now - timedelta(days=45),
                led_to_change=changed,
            )
            if answering is not None and answering < len(parties):
                _answer(comment, parties[answering])
            seeded.comments += 1
        seeded.consultations += 1
    return seeded


def _consultation(agreement, subject, title, summary, sections, **fields) -> Consultation:
    consultation = Consultation.objects.create(
        agreement=agreement, subject=subject, title=title, summary=summary, **fields
    )
    for position, (heading, body) in enumerate(sections, 1):
        Section.objects.create(
            consultation=consultation, position=position, heading=heading[:300], body=body
        )
    return consultation


def _comment(section, name, email, body, status, when, *, reason="", led_to_change=False):
    confirmed = status != Comment.Status.UNCONFIRMED
    return Comment.objects.create(
        section=section,
        author_name=name,
        email=email,
        body=body,
        status=status,
        confirmed_at=when if confirmed else None,
        moderated_at=when if status in (Comment.Status.APPROVED, Comment.Status.HIDDEN) else None,
        hide_reason=reason,
        led_to_change=led_to_change,
    )


def _answer(comment, party) -> Answer:
    return Answer.objects.create(
        comment=comment,
        party=party,
        answered_by=_editor(party.organization),
        body=(
            f"Terima kasih atas masukannya. {party.organization} akan menindaklanjuti dan "
            "menyampaikan perkembangannya pada laporan berikutnya."
        ),
    )
