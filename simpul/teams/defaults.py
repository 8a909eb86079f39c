"""The national default lists: competencies a cooperation team needs (those marked required
are copied to every new team) and the criteria its members are selected on. Installed by
migration 0002; the admin edits them afterwards (the data, not this file, is the truth)."""

from typing import Any

# (code, Indonesian, English, required by default)
COMPETENCIES = (
    ("negotiation", "Negosiasi", "Negotiation", True),
    ("legal-drafting", "Perancangan naskah hukum", "Legal drafting", True),
    ("monitoring-evaluation", "Pemantauan dan evaluasi", "Monitoring and evaluation", True),
    ("finance", "Keuangan dan penganggaran", "Finance and budgeting", True),
    ("gis", "Sistem informasi geografis (GIS)", "Geographic information systems (GIS)", False),
    ("facilitation", "Fasilitasi", "Facilitation", False),
    ("procurement", "Pengadaan barang/jasa", "Procurement", False),
    ("public-communication", "Komunikasi publik", "Public communication", False),
    ("project-management", "Manajemen proyek", "Project management", False),
    ("foreign-language", "Bahasa asing", "Foreign language", False),
)

# (code, Indonesian, English)
SELECTION_CRITERIA = (
    ("relevant-agency", "Dari perangkat daerah terkait", "From a relevant agency"),
    ("cooperation-experience", "Berpengalaman dalam kerja sama", "Experienced in cooperation"),
    ("structural-position", "Menduduki jabatan struktural", "Holds a structural position"),
    ("trained", "Telah mengikuti pelatihan kerja sama", "Trained in cooperation"),
    ("legal-background", "Berlatar belakang hukum", "Legal background"),
)


def install_defaults(competency_model: Any, criterion_model: Any) -> None:
    """Create what is missing; an entry already there (maybe edited) is left alone."""
    for position, (code, name, name_en, required) in enumerate(COMPETENCIES):
        competency_model.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "name_en": name_en,
                "position": position,
                "required_by_default": required,
            },
        )
    for position, (code, name, name_en) in enumerate(SELECTION_CRITERIA):
        criterion_model.objects.get_or_create(
            code=code, defaults={"name": name, "name_en": name_en, "position": position}
        )
