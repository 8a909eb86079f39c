"""A national world for the search benchmark: N indexed documents (default 1,000,000).

    python bench/world_search.py                                  # var/bench-search.sqlite3
    python bench/world_search.py --documents 200000 --database var/s.sqlite3
    DATABASE_URL=postgres://…/simpul_bench python bench/world_search.py

Its own database (migrated here), holding only what the search pages need: the documents a
national platform would index — agreements and plans (10 % each), meeting minutes (40 %),
consultations (10 %) and knowledge items (30 %) — with Indonesian titles and texts of
regional cooperation (title 4–9 words, text 30–120 words from a vocabulary of ~170 real
words in their affixed forms plus place names), each readable by 2–4 of 5,000 organisations
and the overseers of 1–3 of 514 regencies, 30 % public, with an affair, a region and a year.
A knowledge item is published in 85 % of cases, and then read by every signed-in member (the
index's `mem` tag, as `knowledge.access` says); the others are drafts of one owner. The
words are stemmed by the same code as the live index (`simpul.search.text.terms`) and
written with executemany in batches, so the FTS5 triggers (SQLite) or the generated tsvector
and its GIN index (PostgreSQL) do the indexing exactly as they do in production; the time
per document is the index's write cost. Plus the person the benchmark signs in as,
`bench.cari@pemda.go.id`, a member of 3 organisations (two of them readers of many
documents). Same --seed, same world.
"""

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import _django  # noqa: E402

PERSON = "bench.cari@pemda.go.id"
ADMIN = "bench.admin@simpul.id"
DEFAULT_DATABASE = _django.ROOT / "var" / "bench-search.sqlite3"
BATCH = 5_000
KINDS = ["agreement"] * 10 + ["plan"] * 10 + ["minutes"] * 40 + ["consultation"] * 10
KINDS += ["knowledge"] * 30
ORGANIZATIONS = 5_000
REGIONS = 514

# Base words with the affixed forms people write; the stemmer folds them together.
_WORDS = """
pengelolaan dikelola pengelola kelola sampah persampahan pengangkutan diangkut angkut
pengolahan diolah olah air minum bersih limbah sanitasi drainase banjir sungai irigasi
pertanian petani pangan perikanan nelayan peternakan pariwisata wisata budaya kebudayaan
pendidikan sekolah guru kesehatan puskesmas rumah sakit rujukan pasien gizi stunting
perhubungan transportasi angkutan jalan jembatan terminal pelabuhan perbatasan batas
pembangunan membangun bangun perencanaan rencana merencanakan pelaksanaan dilaksanakan
pengawasan diawasi pemantauan memantau evaluasi pelaporan laporan anggaran pembiayaan
dibiayai biaya hibah bantuan keuangan pendapatan pajak retribusi investasi perdagangan
pasar usaha mikro kecil menengah koperasi ekonomi perekonomian industri energi listrik
lingkungan hidup hutan kehutanan konservasi tata ruang penataan permukiman perumahan
pemberdayaan masyarakat desa kelurahan kecamatan pemerintahan pemerintah daerah provinsi
kabupaten kota kerja sama bekerja sama kesepakatan perjanjian nota kesepahaman
penandatanganan pihak para sekretariat bersama forum rapat koordinasi teknis keputusan
notulen tindak lanjut rekomendasi praktik baik pelajaran studi kasus riset penelitian
universitas inovasi digital data informasi teknologi layanan pelayanan publik pengaduan
tenaga kerja pelatihan keterampilan bencana penanggulangan tanggap darurat kebakaran
pencegahan perlindungan anak perempuan sosial kemiskinan penduduk kependudukan
"""
_PLACES = """
sleman bantul yogyakarta kulon progo gunungkidul semarang surakarta magelang purworejo
banyumas cilacap kebumen klaten boyolali sukoharjo wonogiri karanganyar sragen grobogan
blora rembang pati kudus jepara demak kendal batang pekalongan pemalang tegal brebes
piyungan kartamantul subosukawonosraten barlingmascakeb sampit balikpapan samarinda
"""
# A fixed shuffle, then Zipf-like weights (1 / (rank + 10)): some words are in a third of
# the documents, most in a few percent, as in real text.
WORDS = _WORDS.split()
random.Random(1).shuffle(WORDS)
WEIGHTS = [1 / (rank + 10) for rank in range(len(WORDS))]
PLACES = _PLACES.split()
TITLE_HEADS = [
    "Kerja sama",
    "Rencana",
    "Rapat koordinasi",
    "Konsultasi publik",
    "Praktik baik",
    "Pelajaran dari",
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database", help=f"SQLite file or database URL (default: {DEFAULT_DATABASE})"
    )
    parser.add_argument("--documents", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--replace", action="store_true", help="delete the documents first")
    parser.add_argument(
        "--vocabulary",
        action="store_true",
        help="only fill the vocabulary (search terms) of a world built before it existed",
    )
    args = parser.parse_args(argv)

    url = _django.database_url(args.database or str(DEFAULT_DATABASE))
    path = _django.sqlite_path(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    _django.setup(url)
    from django.conf import settings

    if settings.PRODUCTION:
        print("Refusing to build a benchmark world with SIMPUL_ENV=production.", file=sys.stderr)
        return 2
    from django.core.management import call_command
    from django.db import connection

    started = time.monotonic()
    call_command("migrate", verbosity=0, interactive=False)
    print(f"Migrated in {time.monotonic() - started:.1f} s")
    from simpul.search.models import SearchDocument

    if args.vocabulary:
        seconds = vocabulary()
        print(f"Vocabulary filled in {seconds:.1f} s")
        return 0
    if SearchDocument.objects.exists():
        if not args.replace:
            print("This world already has documents; use --replace to build them again.")
            return 1
        SearchDocument.objects.all().delete()
    people()
    seconds = write_documents(args.documents, random.Random(args.seed))
    vocabulary()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"{args.documents:,} documents indexed in {seconds:.1f} s "
        f"({args.documents / seconds:,.0f} documents/s); world ready in "
        f"{time.monotonic() - started:.1f} s"
    )
    return 0


def people() -> None:
    """The benchmark's two people: a platform admin and a member of three organisations
    whose ids (1, 2 and 3) readers of many documents carry (see write_documents)."""
    from simpul.accounts.models import User
    from simpul.organizations.models import Membership, Organization

    if not User.objects.filter(email=ADMIN).exists():
        User.objects.create_user(email=ADMIN, password=None, is_staff=True, is_superuser=True)
    person = User.objects.filter(email=PERSON).first() or User.objects.create_user(
        email=PERSON, password=None
    )
    for number in range(1, 4):
        organization, _ = Organization.objects.get_or_create(
            name=f"Organisasi bench {number}", defaults={"kind": Organization.Kind.NGO}
        )
        Membership.objects.get_or_create(
            user=person, organization=organization, defaults={"role": Membership.Role.VIEWER}
        )
    PERSON_ORGANIZATIONS[:] = list(
        Organization.objects.filter(name__startswith="Organisasi bench ").values_list(
            "pk", flat=True
        )
    )


PERSON_ORGANIZATIONS: list[int] = []


def vocabulary() -> float:
    """The index's vocabulary (simpul.search.models.SearchTerm), which the live index fills
    as it writes: every stem the world's texts can hold (its words are drawn from these)."""
    from simpul.search.models import SearchTerm
    from simpul.search.text import terms

    started = time.monotonic()
    words = set(terms(" ".join([*WORDS, *PLACES, *TITLE_HEADS])).split())
    SearchTerm.objects.bulk_create(
        [SearchTerm(word=w) for w in sorted(words)], ignore_conflicts=True
    )
    return time.monotonic() - started


def sentence(rng: random.Random, words: int) -> str:
    chosen = rng.choices(WORDS, weights=WEIGHTS, k=words)
    for index in range(0, words, 12):  # a place name now and then
        chosen[index] = rng.choice(PLACES).title()
    return " ".join(chosen)


def write_documents(count: int, rng: random.Random) -> float:
    from django.db import connection, transaction

    from simpul.search.text import terms

    columns = (
        "kind, object_id, title, text, url, public_url, year, public, title_terms, "
        "body_terms, tags, indexed_at"
    )
    sql = (
        f"INSERT INTO search_searchdocument ({columns}) "  # noqa: S608 - constant columns
        "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, CURRENT_TIMESTAMP)"
    )
    started = time.monotonic()
    rows = []
    written = 0
    with transaction.atomic():
        for number in range(1, count + 1):
            kind = rng.choice(KINDS)
            title = f"{rng.choice(TITLE_HEADS)} {sentence(rng, rng.randint(3, 8))}"
            text = sentence(rng, rng.randint(30, 120))
            public = rng.random() < 0.3
            year = rng.randint(2019, 2026)
            readers = {rng.randint(4, ORGANIZATIONS) for _ in range(rng.randint(2, 4))}
            if rng.random() < 0.02:  # the benchmark person's organisations read 2 % each
                readers.add(rng.choice(PERSON_ORGANIZATIONS))
            regions = {rng.randint(1, REGIONS) for _ in range(rng.randint(1, 3))}
            tags = [f"k{kind}", f"a{rng.randint(1, 32)}", f"y{year}"]
            tags += [f"g{r}" for r in sorted(regions)]
            if kind == "knowledge" and rng.random() < 0.85:  # published: every member reads it
                tags += (["pub"] if public else []) + ["mem"]
            elif kind == "knowledge":  # a draft: its owner, and its region's overseers
                public = False
                tags += [f"o{min(readers)}", f"r{min(regions)}"]
            else:
                tags += ["pub"] if public else []
                tags += [f"o{o}" for o in sorted(readers)] + [f"r{r}" for r in sorted(regions)]
            rows.append(
                (
                    kind,
                    number,
                    title,
                    text,
                    f"/bench/{kind}/{number}/",
                    f"/publik/bench/{number}/" if public else "",
                    year,
                    public,
                    terms(title),
                    terms(text),
                    " ".join(tags),
                )
            )
            if len(rows) == BATCH or number == count:
                with connection.cursor() as cursor:
                    cursor.executemany(sql, rows)
                written += len(rows)
                rows = []
                if written % 100_000 == 0 or written == count:
                    elapsed = time.monotonic() - started
                    print(f"  {written:,} documents ({elapsed:.0f} s)", flush=True)
    return time.monotonic() - started


if __name__ == "__main__":
    raise SystemExit(main())
