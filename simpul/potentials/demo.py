"""Demo potentials and problems for `make demo` (`seed_demo_potentials`).

Every province gets one potential and one problem, picked from the vocabulary in turn, each
with its source and year. The Kartamantul regions and their neighbours get the story the
partner finder tells: Kota Yogyakarta's landfill is at capacity and it lacks raw water;
Sleman and Bantul, its neighbours, have landfill capacity and processing to spare, Sleman and
Kulon Progo have raw water, Gunungkidul shares the water deficit. All published, except one
draft of Kota Yogyakarta's, so the members' page shows both. Safe to run again: records are
updated in place.
"""

from dataclasses import dataclass, field

from django.db import transaction

from simpul.regions.models import Region

from .models import Kind, Record, Source, Term

ACTOR = "seed_demo_potentials"
P, Q = Kind.POTENTIAL, Kind.PROBLEM

# code: [(term, kind, source, year, note)]
DEMO_REGIONS: dict[str, list[tuple[str, str, str, int, str]]] = {
    "34.71": [
        (
            "landfill-capacity",
            Q,
            Source.RPJMD,
            2025,
            "TPA Piyungan ditutup; sampah kota 260 ton/hari.",
        ),
        ("waste-processing", Q, Source.STATISTICS, 2024, ""),
        ("raw-water", Q, Source.STUDY, 2024, "Kajian neraca air 2024."),
        ("tourism-destination", P, Source.RPJMD, 2025, ""),
        ("vocational", P, Source.STATISTICS, 2024, ""),
        ("mass-transit", Q, Source.SURVEY, 2025, ""),
    ],
    "34.04": [
        ("landfill-capacity", P, Source.STUDY, 2024, "Lahan TPST cadangan di Tamanmartani."),
        ("raw-water", P, Source.STATISTICS, 2024, "Mata air lereng Merapi."),
        ("referral-hospital", P, Source.RPJMD, 2025, ""),
        ("mass-transit", Q, Source.RPJMD, 2025, ""),
    ],
    "34.02": [
        ("landfill-capacity", P, Source.RPJMD, 2025, "TPST Piyungan baru."),
        ("waste-processing", P, Source.STUDY, 2025, "RDF Piyungan."),
        ("rice-surplus", P, Source.STATISTICS, 2024, ""),
        ("evacuation", Q, Source.STUDY, 2024, ""),
    ],
    "34.01": [
        ("raw-water", P, Source.STATISTICS, 2024, "Waduk Sermo."),
        ("port-access", P, Source.RPJMD, 2025, "Bandara YIA."),
    ],
    "34.03": [
        ("raw-water", Q, Source.STATISTICS, 2024, "Kekeringan musiman."),
        ("tourism-circuit", P, Source.RPJMD, 2025, ""),
    ],
    "33.08": [("horticulture", P, Source.STATISTICS, 2024, "")],
    "33.09": [("referral-hospital", Q, Source.SURVEY, 2024, "")],
    "33.10": [("rice-surplus", P, Source.STATISTICS, 2024, "")],
}
DRAFT = ("34.71", "mass-transit", Q)
SOURCES = [Source.RPJMD, Source.STUDY, Source.SURVEY, Source.STATISTICS]


@dataclass
class Seeded:
    records: int = 0
    skipped: list[str] = field(default_factory=list)


def _put(region, term, kind, source, year, note, published) -> None:
    Record.objects.update_or_create(
        region=region,
        term=term,
        kind=kind,
        defaults={"source": source, "year": year, "note": note, "is_published": published},
    )


@transaction.atomic
def demo_potentials_seed() -> Seeded:
    seeded = Seeded()
    terms = list(Term.objects.order_by("position", "code"))
    by_code = {t.code: t for t in terms}
    provinces = list(Region.objects.current().provinces().without_geometry().order_by("code"))
    for i, province in enumerate(provinces):
        potential = terms[(i * 5) % len(terms)]
        problem = terms[(i * 5 + 17) % len(terms)]
        source = SOURCES[i % len(SOURCES)]
        _put(province, potential, P, source, 2024 + i % 2, "", True)
        _put(province, problem, Q, SOURCES[(i + 1) % len(SOURCES)], 2024 + i % 2, "", True)
        seeded.records += 2
    regions = Region.objects.without_geometry().in_bulk(list(DEMO_REGIONS), field_name="code")
    for code, rows in DEMO_REGIONS.items():
        region = regions.get(code)
        if region is None:
            seeded.skipped.append(f"region {code} (not loaded)")
            continue
        for term_code, kind, source, year, note in rows:
            published = (code, term_code, kind) != DRAFT
            _put(region, by_code[term_code], kind, source, year, note, published)
            seeded.records += 1
    return seeded
