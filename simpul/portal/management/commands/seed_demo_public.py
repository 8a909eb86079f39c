"""The public side of the demo for `make demo`: publication decisions, consultations,
surveys, complaints in every state, the governance scores and the open-data bundle.

Needs the demo agreements and monitoring data (run seed_demo, seed_demo_agreements and
seed_demo_monitoring first). Safe to run again: every part is found before it is built, so a
second run adds nothing (the scores and the bundle are recomputed from the same data).
Refuses to run in production. Sends no e-mail.

- Publication (through simpul.publication.services, audited with reasons): the in-force
  agreements are public by the default rules; the Kartamantul waste agreement's PKS and KB
  are published with every party's consent, its offer letter is published; a 2025 annual
  report of it is queued for the worker (reports are public by default once the PKS is
  signed); the budget of the feeder-bus agreement in dispute is made internal with a
  reason; the draft (Desa Wisata Bantul–Sleman) stays internal.
- Consultations and surveys: simpul.consultations.demo and simpul.surveys.demo.
- Complaints: a dozen, about the demo cooperations and regions, in every state (unconfirmed,
  received, verified, in follow-up, answered, closed, rejected with a LAPOR! referral), some
  past their deadline and escalated; answers published. Every demo complaint's access key is
  DEMO_ACCESS_KEY, so the tracking page can be tried.
- Scorecard: recomputed for this year and the two before it.
- Open data: the bulk ZIP is built at once (the worker rebuilds it daily).
"""

import datetime
import time
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation

from simpul.agreements.models import Agreement, Document
from simpul.audit.context import acting_as, system_actor
from simpul.core.abuse import token_hash
from simpul.core.formats import long_date
from simpul.core.public_cache import bump
from simpul.publication import services as publication
from simpul.publication.kinds import InfoKind, install_default_rules
from simpul.publication.models import PublicationDecision, PublicationRule
from simpul.publication.selectors import public_agreements
from simpul.regions.models import Region
from simpul.reports.models import Report

ACTOR = "seed_demo_public"
DEMO_ACCESS_KEY = "demo-simpul-2026"

KARTAMANTUL_WASTE = "Pengelolaan Sampah Regional Kartamantul di TPST Piyungan"
BORDER_HEALTH = "Pelayanan Kesehatan Perbatasan Sleman–Magelang–Klaten–Boyolali"
FEEDER_BUS = "Trayek Angkutan Pengumpan Yogyakarta–Sleman"
SPAM = "Sistem Penyediaan Air Minum (SPAM) Regional Kartamantul"
TOURISM = "Promosi Pariwisata Bersama Yogyakarta–Bantul 2019–2023"
DRAFT = "Pengembangan Desa Wisata Perbatasan Bantul–Sleman"

# (agreement title, document kind, reason): binding texts wait for every party's consent.
DOCUMENTS = [
    (
        KARTAMANTUL_WASTE,
        "pks",
        "Para pihak sepakat naskah PKS dibuka agar warga dapat mengawasi pelaksanaannya.",
    ),
    (
        KARTAMANTUL_WASTE,
        "kb",
        "Kesepakatan Bersama menjadi dasar PKS yang sudah dipublikasikan.",
    ),
    (
        KARTAMANTUL_WASTE,
        "offer_letter",
        "Surat penawaran menjelaskan latar belakang kerja sama persampahan.",
    ),
    (
        BORDER_HEALTH,
        "pks",
        "Warga perbatasan perlu mengetahui hak rujukan lintas provinsi.",
    ),
]
# (agreement title, kind, reason): made internal whatever the stage's default says.
UNPUBLISHED = [
    (
        FEEDER_BUS,
        InfoKind.BUDGET,
        "Pembagian subsidi operasional sedang dalam penyelesaian sengketa; angka anggaran "
        "dibuka kembali setelah musyawarah para pihak selesai.",
    ),
]
REPORT_PERIOD = (datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
# When the demo's publication history happened, in days after the agreement's start: the
# parties consented, then the editors published (the Publikasi tab and the public pages read
# as the agreement's history, not as the day the demo was seeded). A decision about an
# agreement in dispute follows the day the dispute was opened.
CONSENT_DAYS, PUBLISH_DAYS = 3, 7


def indonesian_date(day: datetime.date) -> str:
    """The demo's texts are Indonesian, whatever language the command runs in."""
    with translation.override("id"):
        return long_date(day)


@dataclass
class Demo:
    """One demo complaint. `received` is working days before today (None: unconfirmed);
    the steps are working days after the previous step; `late` steps miss their deadline."""

    title: str
    body: str
    status: str
    category: str
    agreement: str = ""  # agreement title, or
    region: str = ""  # region code
    kind: str = "complaint"
    name: str = ""
    email: str = ""
    anonymous: bool = False
    received: int | None = 0
    verify_after: int | None = None
    follow_up_after: int | None = None
    answer_after: int | None = None
    close_after: int | None = None
    reject_after: int | None = None
    answer: str = ""
    note: str = ""
    location: tuple[str, str] | None = None


COMPLAINTS = [
    Demo(
        title="Sampah menumpuk di depo Jalan Kenari sejak tiga hari",
        body=(
            "Depo sampah di Jalan Kenari, Umbulharjo, tidak diangkut sejak Senin. Baunya "
            "sampai ke sekolah di sebelahnya."
        ),
        status="closed",
        category="environment",
        agreement=KARTAMANTUL_WASTE,
        name="Sri Wahyuni",
        email="sri.wahyuni@example.org",
        received=300,
        verify_after=1,
        answer_after=3,
        close_after=10,
        answer=(
            "Depo Jalan Kenari sudah diangkut pada hari Rabu. Jadwal angkut depo ini kami "
            "tambah menjadi setiap hari selama antrean truk di TPST Piyungan belum normal."
        ),
        location=("-7.800960", "110.386050"),
    ),
    Demo(
        title="Truk sampah tanpa penutup berceceran di Jalan Wonosari",
        body=(
            "Setiap pagi truk pengangkut ke Piyungan lewat Jalan Wonosari tanpa jaring "
            "penutup; sampah plastik jatuh di jalan dan membahayakan pengendara motor."
        ),
        status="closed",
        category="environment",
        agreement=KARTAMANTUL_WASTE,
        name="Yohanes Pramono",
        email="yohanes.pramono@example.org",
        received=90,
        verify_after=2,
        follow_up_after=2,
        answer_after=7,  # late: the answer came after the 5-working-day deadline
        close_after=10,
        answer=(
            "Seluruh truk rekanan wajib memakai jaring penutup mulai bulan ini; truk yang "
            "melanggar tidak dilayani di gerbang TPST. Terima kasih atas laporannya."
        ),
    ),
    Demo(
        title="Bau menyengat dari TPST Piyungan sampai permukiman Sitimulyo",
        body=(
            "Sejak musim hujan bau dari TPST tercium sampai Dusun Banyakan, Sitimulyo. "
            "Warga meminta penutupan sel sampah dipercepat."
        ),
        status="answered",
        category="environment",
        agreement=KARTAMANTUL_WASTE,
        name="Paguyuban Warga Banyakan",
        email="warga.banyakan@example.org",
        received=9,
        verify_after=1,
        follow_up_after=1,
        answer_after=3,
        answer=(
            "Penutupan sel zona B dengan tanah urug dipercepat dan selesai akhir bulan ini. "
            "Penyemprotan cairan pengurai bau dilakukan dua kali sehari sampai penutupan "
            "selesai."
        ),
        location=("-7.868200", "110.428400"),
    ),
    Demo(
        title="Usulan bank sampah di setiap kalurahan Bantul",
        body=(
            "Kami mengusulkan agar iuran Kartamantul sebagian dipakai untuk pelatihan "
            "pengelola bank sampah di setiap kalurahan."
        ),
        status="answered",
        kind="aspiration",
        category="idea",
        agreement=KARTAMANTUL_WASTE,
        name="Karang Taruna Pleret",
        email="kartar.pleret@example.org",
        received=6,
        verify_after=1,
        answer_after=2,
        answer=(
            "Usulan diterima: pelatihan pengelola bank sampah masuk rancangan revisi rencana "
            "kerja sama 2026 yang sedang dikonsultasikan di portal ini."
        ),
    ),
    Demo(
        title="Pasien rujukan dari Srumbung ditolak karena beda provinsi",
        body=(
            "Ibu saya dirujuk dari Puskesmas Srumbung ke RSUD Sleman tetapi diminta kembali "
            "karena kartu identitasnya Magelang."
        ),
        status="in_follow_up",
        category="service",
        agreement=BORDER_HEALTH,
        anonymous=True,
        email="rujukan.srumbung@example.org",
        received=12,
        verify_after=1,
        follow_up_after=1,  # overdue since: no answer within 5 working days of verification
        note="Dinas Kesehatan Sleman memeriksa catatan rujukan RSUD.",
    ),
    Demo(
        title="Jadwal posyandu lansia perbatasan Cangkringan tidak diumumkan",
        body="Jadwal posyandu lansia di Cangkringan berubah tanpa pengumuman ke warga.",
        status="in_follow_up",
        category="information",
        agreement=BORDER_HEALTH,
        name="Suparmi",
        email="suparmi@example.org",
        received=3,
        verify_after=1,
        follow_up_after=1,
        note="Puskesmas Cangkringan menyusun jadwal baru bersama kader.",
    ),
    Demo(
        title="Halte bus pengumpan di Jalan Kaliurang rusak",
        body="Atap halte bus pengumpan dekat Kentungan roboh; penumpang kehujanan.",
        status="verified",
        category="infrastructure",
        agreement=FEEDER_BUS,
        name="Dimas Aditya",
        email="dimas.aditya@example.org",
        received=10,
        verify_after=2,  # overdue: nothing since the verification
    ),
    Demo(
        title="Sampah liar di bantaran Sungai Gajah Wong",
        body=(
            "Ada tumpukan sampah liar di bantaran Sungai Gajah Wong dekat Kebun Binatang "
            "Gembira Loka."
        ),
        status="received",
        category="environment",
        region="34.71",
        name="Komunitas Resik Kali",
        email="resik.kali@example.org",
        received=1,
        location=("-7.805800", "110.396600"),
    ),
    Demo(
        title="Lampu penerangan jalan Ring Road Utara padam",
        body="Lampu penerangan di Ring Road Utara sekitar Jombor padam sepanjang 500 meter.",
        status="received",
        category="infrastructure",
        region="34.04",
        anonymous=True,
        email="ringroad.utara@example.org",
        received=6,  # overdue: not verified within 3 working days
    ),
    Demo(
        title="Pungutan parkir di pintu TPST Piyungan",
        body="Sopir gerobak sampah swadaya diminta membayar parkir di pintu TPST.",
        status="rejected",
        category="conduct",
        agreement=KARTAMANTUL_WASTE,
        name="Rahmat Hidayat",
        email="rahmat.hidayat@example.org",
        received=20,
        reject_after=2,
        note=(
            "Pungutan parkir di luar area TPST dikelola pihak lain, bukan kerja sama ini. "
            "Silakan laporkan melalui LAPOR! (https://www.lapor.go.id) agar diteruskan ke "
            "instansi yang berwenang."
        ),
    ),
    Demo(
        title="Air PDAM keruh di Condongcatur",
        body="Air PDAM di Condongcatur keruh selama seminggu terakhir.",
        status="unconfirmed",
        category="service",
        region="34.04",
        name="Lestari",
        email="lestari@example.org",
        received=None,
    ),
    Demo(
        title="Usulan jalur sepeda Malioboro–Kotagede",
        body="Mohon kerja sama antardaerah membangun jalur sepeda yang menyambung ke Bantul.",
        status="unconfirmed",
        kind="aspiration",
        category="idea",
        region="34.71",
        name="Bike to Work Jogja",
        email="b2w.jogja@example.org",
        received=None,
    ),
]


class Command(BaseCommand):
    help = (
        "Create the public side of the demo: publication decisions, consultations, surveys, "
        "complaints, scores and the open-data bundle (never in production)."
    )

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError(
                "seed_demo_public refuses to run with SIMPUL_ENV=production: it creates "
                "invented consultations, survey answers and complaints."
            )
        if not Agreement.objects.filter(title=KARTAMANTUL_WASTE).exists():
            raise CommandError(
                "The demo agreements are missing: run seed_demo, seed_demo_agreements and "
                "seed_demo_monitoring first."
            )
        started = time.monotonic()
        with acting_as(system_actor(ACTOR)):
            lines = [
                self._publication(),
                self._consultations(),
                self._surveys(),
                self._complaints(),
                self._scores(),
            ]
        bump()
        lines.append(self._bundle())
        for line in lines:
            self.stdout.write(line)
        self.stdout.write(f"Demo public side ready in {time.monotonic() - started:.1f} s.")

    # --- publication ---------------------------------------------------------------------

    def _publication(self) -> str:
        install_default_rules(PublicationRule)  # the migration's defaults, if someone removed them
        agreements = {a.title: a for a in Agreement.objects.filter(title__in=self._titles())}
        published = consents = 0
        for title, kind, reason in DOCUMENTS:
            agreement = agreements.get(title)
            document = (
                Document.objects.filter(agreement=agreement, kind=kind).order_by("pk").first()
                if agreement
                else None
            )
            if document is None:
                continue
            if kind in ("kb", "pks", "addendum"):
                parties = agreement.parties.exclude(role="facilitator").order_by("pk")
                for hour, party in enumerate(parties, start=9):
                    before = document.consents.filter(party=party).exists()
                    at = self._history(agreement.start_date, CONSENT_DAYS, hour)
                    publication.consent(document, party, None, at=at)
                    consents += not before
            if not PublicationDecision.objects.filter(
                agreement=agreement, kind=InfoKind.DOCUMENT, target_id=document.pk
            ).exists():
                publication.publish(
                    agreement,
                    InfoKind.DOCUMENT,
                    target_id=document.pk,
                    reason=reason,
                    user=None,
                    at=self._history(agreement.start_date, PUBLISH_DAYS, 10),
                )
                published += 1
        unpublished = 0
        for title, kind, reason in UNPUBLISHED:
            agreement = agreements.get(title)
            if (
                agreement is None
                or PublicationDecision.objects.filter(
                    agreement=agreement, kind=kind, target_id=0
                ).exists()
            ):
                continue
            dispute = agreement.disputes.order_by("created_at").first()
            at = (
                self._history(timezone.localdate(dispute.created_at), 1, 10)
                if dispute
                else self._history(agreement.start_date, PUBLISH_DAYS, 10)
            )
            publication.unpublish(agreement, kind, reason=reason, user=None, at=at)
            unpublished += 1
        reports = self._report(agreements.get(KARTAMANTUL_WASTE))
        public = public_agreements().filter(title__in=self._titles()).count()
        return (
            f"Publication: {public} demo agreements public; new: {published} documents "
            f"published, {consents} consents, {unpublished} kinds made internal, {reports} "
            f"reports queued for the worker; '{DRAFT}' stays internal."
        )

    @staticmethod
    def _history(day: datetime.date | None, after_days: int, hour: int) -> datetime.datetime:
        """A moment of the demo's history: `after_days` after `day` at `hour` WIB (the demo
        regions are all in Java), never later than now; now when there is no day."""
        now = timezone.now()
        if day is None:
            return now
        moment = datetime.datetime.combine(
            day + timedelta(days=after_days), datetime.time(hour), tzinfo=ZoneInfo("Asia/Jakarta")
        )
        return min(moment, now)

    def _titles(self) -> list[str]:
        return [KARTAMANTUL_WASTE, BORDER_HEALTH, FEEDER_BUS, SPAM, TOURISM, DRAFT]

    def _report(self, agreement) -> int:
        """A 2025 annual report of the Kartamantul waste agreement, queued for the worker (it
        draws the PDF, DOCX and XLSX in about ten seconds); public by default once the PKS is
        signed. Returns the number of reports queued."""
        if agreement is None:
            return 0
        start, end = REPORT_PERIOD
        if Report.objects.filter(agreement=agreement, period_start=start, period_end=end).exists():
            return 0
        from simpul.reports.services import report_title
        from simpul.reports.tasks import generate_report

        report = Report.objects.create(
            agreement=agreement,
            title=report_title(agreement, start, end, "id")[:300],
            period_start=start,
            period_end=end,
            addressee=Report.Addressee.HEADS_OF_REGION,
            language="id",
            progress_label="Menunggu worker",
        )
        transaction.on_commit(lambda: generate_report.enqueue(report.pk))
        return 1

    # --- participation ---------------------------------------------------------------------

    def _consultations(self) -> str:
        from simpul.consultations.demo import demo_consultations_seed

        seeded = demo_consultations_seed()
        skipped = f" Skipped {'; '.join(seeded.skipped)}." if seeded.skipped else ""
        return (
            f"Consultations: {seeded.consultations} new, {seeded.comments} new comments.{skipped}"
        )

    def _surveys(self) -> str:
        from simpul.surveys.demo import demo_surveys_seed

        seeded = demo_surveys_seed()
        skipped = f" Skipped {'; '.join(seeded.skipped)}." if seeded.skipped else ""
        return f"Surveys: {seeded.surveys} new, {seeded.responses} new responses.{skipped}"

    # --- complaints ----------------------------------------------------------------------------

    def _complaints(self) -> str:
        from simpul.complaints.models import Complaint

        created = 0
        existing = set(
            Complaint.objects.filter(title__in=[d.title for d in COMPLAINTS]).values_list(
                "title", flat=True
            )
        )
        for demo in COMPLAINTS:
            if demo.title in existing:
                continue
            with transaction.atomic():
                if self._complaint(demo) is not None:
                    created += 1
        by_status = dict.fromkeys(Complaint.Status.values, 0)
        for status in Complaint.objects.filter(title__in=[d.title for d in COMPLAINTS]).values_list(
            "status", flat=True
        ):
            by_status[status] += 1
        counts = ", ".join(f"{status} {n}" for status, n in by_status.items())
        return (
            f"Complaints: {created} new ({counts}); the access key of every demo complaint "
            f"is {DEMO_ACCESS_KEY}."
        )

    def _complaint(self, demo: Demo):
        from simpul.complaints import workdays
        from simpul.complaints.models import Category, Complaint, ComplaintEvent
        from simpul.complaints.services import route, zone_of

        S = Complaint.Status
        agreement = (
            Agreement.objects.filter(title=demo.agreement).first() if demo.agreement else None
        )
        region = Region.objects.filter(code=demo.region).first() if demo.region else None
        if (demo.agreement and agreement is None) or (demo.region and region is None):
            return None
        complaint = Complaint(
            kind=demo.kind,
            category=Category.objects.get(code=demo.category),
            agreement=agreement,
            region=region,
            title=demo.title,
            body=demo.body,
            is_anonymous=demo.anonymous,
            name="" if demo.anonymous else demo.name,
            email=demo.email,
            language="id",
            access_key_hash=token_hash(DEMO_ACCESS_KEY),
            status=S.UNCONFIRMED,
        )
        if demo.location:
            complaint.latitude, complaint.longitude = (Decimal(v) for v in demo.location)
        zone = ZoneInfo(zone_of(complaint))
        today = workdays.today_in(zone.key)
        limits = workdays.deadlines()

        def moment(day: datetime.date, hour: int) -> datetime.datetime:
            return min(
                timezone.now(), datetime.datetime.combine(day, datetime.time(hour), tzinfo=zone)
            )

        received_day = self._working_days_before(today, demo.received or 0)
        year = (received_day if demo.received is not None else today).year
        number = (Complaint.objects.filter(year=year).aggregate(m=Max("number"))["m"] or 0) + 1
        complaint.year, complaint.number = year, number
        complaint.tracking_code = f"ADU-{year}-{number:06d}"
        if demo.received is None:
            # Waiting for the e-mail confirmation: the link was sent, nothing else happened.
            complaint.confirm_token_hash = token_hash(f"{DEMO_ACCESS_KEY}:{demo.title}")
            complaint.save()
            return complaint

        events: list[tuple[str, str, str, datetime.datetime]] = []
        complaint.responsible = route(complaint)
        received_at = moment(received_day, 8)
        complaint.email_confirmed_at = complaint.received_at = received_at
        complaint.verify_due = workdays.add_working_days(received_day, limits["verify"])
        complaint.follow_up_due = workdays.add_working_days(
            complaint.verify_due, limits["follow_up"]
        )
        events.append(
            (
                S.UNCONFIRMED,
                S.RECEIVED,
                f"Diterima dan diteruskan ke {complaint.responsible}.",
                received_at,
            )
        )
        day, status = received_day, S.RECEIVED
        if demo.reject_after is not None:
            day = workdays.add_working_days(day, demo.reject_after)
            complaint.closed_at = moment(day, 10)
            events.append((status, S.REJECTED, demo.note, complaint.closed_at))
            status = S.REJECTED
        if demo.verify_after is not None:
            day = workdays.add_working_days(day, demo.verify_after)
            complaint.verified_at = moment(day, 9)
            complaint.follow_up_due = workdays.add_working_days(day, limits["follow_up"])
            events.append((status, S.VERIFIED, "", complaint.verified_at))
            status = S.VERIFIED
        if demo.follow_up_after is not None:
            day = workdays.add_working_days(day, demo.follow_up_after)
            events.append((status, S.IN_FOLLOW_UP, demo.note, moment(day, 11)))
            status = S.IN_FOLLOW_UP
        if demo.answer_after is not None:
            day = workdays.add_working_days(day, demo.answer_after)
            complaint.answer = demo.answer
            complaint.answered_at = moment(day, 14)
            complaint.close_due = workdays.add_working_days(day, limits["close"])
            events.append((status, S.ANSWERED, "", complaint.answered_at))
            status = S.ANSWERED
        if demo.close_after is not None:
            day = workdays.add_working_days(day, demo.close_after)
            complaint.closed_at = moment(day, 15)
            events.append((status, S.CLOSED, "", complaint.closed_at))
            status = S.CLOSED
        if status != demo.status:  # a mistake in COMPLAINTS above
            raise CommandError(f"{demo.title}: the steps reach {status}, not {demo.status}")
        complaint.status = status
        complaint.version = len(events) + 1
        complaint.save()
        Complaint.objects.filter(pk=complaint.pk).update(created_at=received_at)
        for from_status, to_status, note, occurred_at in events:
            ComplaintEvent.objects.create(
                complaint=complaint,
                from_status=from_status,
                to_status=to_status,
                note=note,
                occurred_at=occurred_at,
            )
        self._escalation(complaint, today, ComplaintEvent)
        return complaint

    def _escalation(self, complaint, today, ComplaintEvent) -> None:
        """A complaint past its deadline was escalated by the worker, as it would have been."""
        from simpul.complaints.services import current_deadline, escalation_targets

        name, due = current_deadline(complaint)
        if name not in ("verify", "follow_up") or due is None or due >= today:
            return
        from simpul.complaints import workdays

        escalated_on = workdays.add_working_days(due, 1)
        when = datetime.datetime.combine(
            escalated_on, datetime.time(7), tzinfo=ZoneInfo(settings.TIME_ZONE)
        )
        targets = ", ".join(str(t) for t in escalation_targets(complaint.responsible)) or "-"
        ComplaintEvent.objects.create(
            complaint=complaint,
            from_status=complaint.status,
            to_status=complaint.status,
            note=f"Batas waktu {indonesian_date(due)} terlewati; dieskalasi ke {targets}.",
            occurred_at=when,
        )
        type(complaint).objects.filter(pk=complaint.pk).update(
            escalated_at=when, escalated_for=name, last_reminder_on=escalated_on
        )

    @staticmethod
    def _working_days_before(day: datetime.date, n: int) -> datetime.date:
        """The working day n working days before `day` (n == 0: `day` itself)."""
        from simpul.complaints import workdays

        off = workdays.days_off(day - timedelta(days=2 * n + 60), day)
        current = day
        for _step in range(n):
            current -= timedelta(days=1)
            while not workdays.is_working_day(current, off):
                current -= timedelta(days=1)
        return current

    # --- scores and open data ------------------------------------------------------------------

    def _scores(self) -> str:
        from simpul.scorecard.services import scores_refresh

        today = timezone.localdate()
        results = [
            scores_refresh(year, today=today) for year in range(today.year - 2, today.year + 1)
        ]
        parts = ", ".join(
            f"{r['year']}: {r['agreements']} agreements, {r['regions']} regions" for r in results
        )
        return f"Scores: {parts}."

    def _bundle(self) -> str:
        from simpul.portal.tasks import open_data_bundle_build

        result = open_data_bundle_build.call()
        return f"Open data bundle: {result['path']} ({result['size']} bytes)."
