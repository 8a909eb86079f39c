"""Demo discussions for `make demo` (seed_demo_discussions), on the Kartamantul waste agreement
(active) and the SPAM agreement (PKS being drafted), from seed_demo_agreements:

- a question from Bantul to Sleman (mentioning the organisation) answered in three hours, and
  one from Kota Yogyakarta to Bantul answered four days later (two working days and a
  weekend), so the response times differ between parties;
- a question from the province to Kota Yogyakarta on the SPAM draft, answered after two
  days, and one to Sleman still waiting;
- an announcement (pinned, mailed to every party member), a progress update that the public
  agreement page shows (the waste agreement is active), mentions of a person.

Everything goes through the services (access, rendering, mentions, clocks, notifications);
only the moments are then moved into the past (a post's and its question's dates), because
the services date what people do now. Safe to run again: a thread is found by its title.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from simpul.accounts.models import User
from simpul.agreements.models import Agreement
from simpul.organizations.models import Organization

from . import services
from .models import Post, Question, Thread

ACTOR = "seed_demo_discussions"
WASTE = "Pengelolaan Sampah Regional Kartamantul di TPST Piyungan"
SPAM = "Sistem Penyediaan Air Minum (SPAM) Regional Kartamantul"

RATNA = "ratna.kusumawati@jogjakota.go.id"  # admin, Pemerintah Kota Yogyakarta
AGUS = "agus.widodo@slemankab.go.id"  # coordinator, Pemerintah Kabupaten Sleman
SITI = "siti.rahmawati@bantulkab.go.id"  # editor, Pemerintah Kabupaten Bantul
BAMBANG = "bambang.suryanto@jogjaprov.go.id"  # coordinator, Pemda DIY


@dataclass(frozen=True)
class DemoPost:
    author: str
    text: str
    hours_ago: float
    kind: str = Post.Kind.POST
    question_to: str = ""  # a region code: its government is asked


@dataclass(frozen=True)
class DemoThread:
    agreement: str
    title: str
    topic: str
    posts: tuple[DemoPost, ...]


@dataclass
class Seeded:
    threads: int = 0
    skipped: list[str] = field(default_factory=list)


def _threads(names: dict[str, str]) -> tuple[DemoThread, ...]:
    sleman, yogya = names["34.04"], names["34.71"]
    return (
        DemoThread(
            WASTE,
            "Jadwal pengangkutan ke TPST Piyungan selama libur Lebaran",
            "operasional",
            (
                DemoPost(
                    SITI,
                    f"@[{sleman}] apakah armada Sleman tetap mengangkut ke Piyungan pada H+1 "
                    "dan H+2 Lebaran? Bantul perlu memastikan jadwal **shift malam**.",
                    hours_ago=24 * 9,
                ),
                DemoPost(
                    AGUS,
                    "Tetap jalan: H+1 dua rit, H+2 normal. Jadwal rinci kami unggah di "
                    "dokumen perjanjian minggu ini. @[Siti Rahmawati] mohon dicek.",
                    hours_ago=24 * 9 - 3,
                ),
                DemoPost(SITI, "Terima kasih, sudah kami sesuaikan.", hours_ago=24 * 8),
            ),
        ),
        DemoThread(
            WASTE,
            "Data timbulan sampah triwulan II",
            "data",
            (
                DemoPost(
                    RATNA,
                    "Data timbulan triwulan II dari Bantul belum masuk. Mohon dikirim sebelum "
                    "rapat evaluasi; formatnya sama dengan triwulan I.",
                    hours_ago=24 * 20,
                    question_to="34.02",
                ),
                DemoPost(
                    SITI,
                    "Maaf terlambat: data kecamatan Sewon baru lengkap. Sudah kami isi di "
                    "pemantauan, total 312 ton/hari.",
                    hours_ago=24 * 16,
                ),
            ),
        ),
        DemoThread(
            WASTE,
            "Rapat koordinasi bulanan Juli",
            "rapat",
            (
                DemoPost(
                    RATNA,
                    "Rapat koordinasi bulanan diadakan **Selasa pukul 09.00 WIB** di Balai "
                    "Kota Yogyakarta. Mohon setiap pihak membawa data triwulan II.",
                    hours_ago=24 * 5,
                    kind=Post.Kind.ANNOUNCEMENT,
                ),
            ),
        ),
        DemoThread(
            WASTE,
            "Kemajuan pengolahan di TPST Piyungan",
            "kemajuan",
            (
                DemoPost(
                    RATNA,
                    "Sejak Juni, TPST Piyungan mengolah rata-rata **450 ton sampah per hari** "
                    "dari tiga wilayah; 35% menjadi kompos dan RDF.",
                    hours_ago=24 * 3,
                    kind=Post.Kind.PROGRESS_UPDATE,
                ),
            ),
        ),
        DemoThread(
            SPAM,
            "Rancangan PKS: pembagian biaya operasi",
            "PKS",
            (
                DemoPost(
                    BAMBANG,
                    f"@[{yogya}] mohon tanggapan atas pasal 7 rancangan PKS (pembagian biaya "
                    "operasi instalasi pengolahan air).",
                    hours_ago=24 * 12,
                ),
                DemoPost(
                    RATNA,
                    "Kota Yogyakarta setuju proporsi 40:35:25 dengan catatan tarif curah "
                    "ditinjau tiap tahun.",
                    hours_ago=24 * 10,
                ),
                DemoPost(
                    BAMBANG,
                    "Pertanyaan yang sama untuk Sleman: apakah proporsi itu dapat diterima?",
                    hours_ago=24 * 2,
                    question_to="34.04",
                ),
            ),
        ),
    )


def demo_discussions_seed() -> Seeded:
    seeded = Seeded()
    users = {u.email: u for u in User.objects.filter(is_active=True)}
    governments = {
        o.region.code: o
        for o in Organization.objects.governments().select_related("region")
        if o.region is not None
    }
    names = {code: org.name for code, org in governments.items()}
    agreements = {a.title: a for a in Agreement.objects.filter(title__in=[WASTE, SPAM])}
    existing = set(Thread.objects.values_list("title", flat=True))
    for demo in _threads(names):
        if demo.title in existing:
            continue
        agreement = agreements.get(demo.agreement)
        if agreement is None:
            seeded.skipped.append(f"{demo.title}: run seed_demo_agreements first")
            continue
        if any(p.author not in users for p in demo.posts):
            seeded.skipped.append(f"{demo.title}: run seed_demo first")
            continue
        with transaction.atomic():
            _seed_thread(demo, agreement, users, governments)
        seeded.threads += 1
    return seeded


def _seed_thread(
    demo: DemoThread,
    agreement: Agreement,
    users: dict[str, User],
    governments: dict[str, Organization],
) -> None:
    first, *rest = demo.posts
    thread = services.thread_create(
        user=users[first.author],
        agreement=agreement,
        title=demo.title,
        topic=demo.topic,
        text=first.text,
        kind=first.kind,
        question_to=governments.get(first.question_to) if first.question_to else None,
    )
    posts = [thread.posts.get(number=1)]
    for item in rest:
        posts.append(
            services.post_create(
                thread=thread,
                user=users[item.author],
                text=item.text,
                kind=item.kind,
                question_to=governments.get(item.question_to) if item.question_to else None,
            )
        )
    _into_the_past(thread, list(zip(demo.posts, posts, strict=True)))


def _into_the_past(thread: Thread, pairs: list[tuple[DemoPost, Post]]) -> None:
    now = timezone.now()
    for demo, post in pairs:
        moment = now - timedelta(hours=demo.hours_ago)
        Post.objects.filter(pk=post.pk).update(created_at=moment, updated_at=moment)
        Question.objects.filter(post=post).update(asked_at=moment)
        Question.objects.filter(answer=post).update(answered_at=moment)
    last = now - timedelta(hours=pairs[-1][0].hours_ago)
    Thread.objects.filter(pk=thread.pk).update(
        created_at=now - timedelta(hours=pairs[0][0].hours_ago), last_post_at=last
    )
