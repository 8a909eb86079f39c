"""The demo agreements' plans and monitoring, as data: what seed_demo_monitoring builds for the
Kartamantul waste agreement, the regional drinking-water (SPAM) agreement and the border
health agreement. Numbers are invented but of the right size (TPST Piyungan received about
740 tons a day in 2023 for a safe capacity of 600)."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from simpul.plans.models import Activity, NeedsAssessment

from ..models import Finding, FollowUp, Indicator, Result


@dataclass
class IndicatorSpec:
    code: str
    name: str
    definition: str
    unit: str
    objective: str
    result: str
    responsible: str  # region code of the responsible party
    # Party region code → (value at the first quarter with data, value at the latest, noise).
    series: dict[str, tuple[float, float, float]]
    baseline: float
    baseline_date: datetime.date
    targets: tuple[float, float]  # agreement-level target at the first and the last quarter
    kind: str = Indicator.Kind.NUMBER
    direction: str = Indicator.Direction.HIGHER
    accumulation: str = Indicator.Accumulation.PER_PERIOD
    decimals: int = 0
    min_value: float | None = 0
    max_value: float | None = None
    data_source: str = ""
    collection_method: str = ""
    verification_means: str = ""
    by_sex: bool = False  # female share of each value when broken down by sex
    female_share: float = 0.5
    narratives: tuple[str, ...] = ()


@dataclass
class AgreementSpec:
    title: str
    summary: str
    assessments: list[tuple]  # (title, method, conducted_on, needs, potentials)
    objectives: list[tuple[str, str]]  # (code, statement)
    strategies: list[tuple[str, str]]  # (description, stakeholders consulted)
    risks: list[tuple]  # (description, likelihood, impact, mitigation, owner region code)
    # (name, objective code, description, [activities]); an activity is
    # (name, start, end, status, progress, responsible region code, (lat, lon) or None)
    programs: list[tuple]
    # (activity name, party region code, funding source, year, planned, realised)
    budget: list[tuple]
    results: list[tuple]  # (code, level, statement, objective code, parent code, [activities])
    indicators: list[IndicatorSpec]
    # The latest ended quarter, per party region code: verified, submitted, draft, returned,
    # or missing (no submission at all: late).
    latest: dict[str, str]
    # Earlier (quarters before the latest, party region code) that were never sent: late.
    gaps: set[tuple[int, str]] = field(default_factory=set)
    evaluations: list[dict] = field(default_factory=list)
    revision: dict | None = None
    # Party region code → e-mail of who enters its data, when not the usual demo person.
    data_officers: dict[str, str] = field(default_factory=dict)


def _d(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


PIYUNGAN = (Decimal("-7.861600"), Decimal("110.428500"))

KARTAMANTUL = AgreementSpec(
    title="Pengelolaan Sampah Regional Kartamantul di TPST Piyungan",
    summary=(
        "Rencana kerja sama pengelolaan sampah regional Kota Yogyakarta, Kabupaten Sleman dan "
        "Kabupaten Bantul 2024–2028: mengurangi sampah yang dibuang ke TPST Piyungan sampai di "
        "bawah kapasitasnya, memperluas layanan pengangkutan, dan memperbaiki layanan pengaduan."
    ),
    assessments=[
        (
            "Kajian kapasitas dan sisa umur TPST Piyungan",
            NeedsAssessment.Method.FIELD_STUDY,
            _d("2023-08-14"),
            "Sel aktif TPST Piyungan melampaui kapasitas; rata-rata sampah masuk 742 ton/hari "
            "sedangkan kapasitas aman 600 ton/hari. Air lindi belum terolah penuh.",
            "Lahan transisi zona B dan C; teknologi RDF untuk bahan bakar pabrik semen.",
        ),
        (
            "Survei timbulan dan komposisi sampah rumah tangga",
            NeedsAssessment.Method.SURVEY,
            _d("2023-09-25"),
            "Timbulan 0,61 kg/orang/hari; 57% sampah organik; baru 18% rumah tangga memilah.",
            "412 bank sampah aktif dan kelompok warga yang siap mengelola TPS3R.",
        ),
        (
            "Wawancara pengelola TPS dan pengangkut swasta",
            NeedsAssessment.Method.INTERVIEWS,
            _d("2023-10-10"),
            "Jadwal ritase tidak sinkron antardaerah; antrean truk di pintu TPST hingga 6 jam.",
            "Aplikasi pemantauan truk milik DLH Kota Yogyakarta dapat dipakai bersama.",
        ),
    ],
    objectives=[
        ("T1", "Sampah yang masuk TPST Piyungan turun di bawah kapasitas 600 ton/hari pada 2027"),
        ("T2", "Cakupan layanan pengangkutan sampah ketiga daerah mencapai 85% pada 2028"),
        ("T3", "Pengaduan warga tentang sampah berkurang separuh dibanding 2023"),
    ],
    strategies=[
        (
            "Mengurangi sampah di sumber melalui TPS3R dan bank sampah di setiap kapanewon "
            "dan kemantren, didanai bersama dan didampingi LSM.",
            "Forum bank sampah, Yayasan Lingkungan Lestari, lurah dan panewu, FGD 12 Oktober 2023",
        ),
        (
            "Mengolah sampah di TPST menjadi RDF dan kompos sebelum ditimbun, dengan mitra "
            "badan usaha melalui perjanjian terpisah.",
            "PT Kartamantul Daur Ulang, Balai Pengelolaan Sampah DIY, Universitas Gadjah Mada",
        ),
        (
            "Menyatukan jadwal ritase dan layanan pengaduan dalam satu kanal bersama.",
            "DLH ketiga daerah, Dinas Perhubungan, perwakilan warga sekitar TPST Piyungan",
        ),
    ],
    risks=[
        (
            "Penolakan warga sekitar TPST Piyungan saat sel penuh atau lindi meluap",
            4,
            5,
            "Kompensasi dampak negatif, pengolahan lindi, pertemuan warga tiap triwulan",
            "34.02",
        ),
        (
            "Iuran daerah terlambat karena perubahan APBD",
            3,
            4,
            "Jadwal iuran dalam PKS, pengingat dari Sekber sebelum pembahasan KUA-PPAS",
            "34.71",
        ),
        (
            "Mesin RDF tidak beroperasi penuh karena pasokan sampah tidak terpilah",
            3,
            3,
            "Pemilahan di TPS3R dan kontrak kinerja dengan operator",
            "34.04",
        ),
    ],
    programs=[
        (
            "Pengurangan sampah di sumber",
            "T1",
            "TPS3R, bank sampah dan kampanye pilah sampah di ketiga daerah.",
            [
                (
                    "Pembangunan TPS3R di 12 kalurahan",
                    _d("2024-03-01"),
                    _d("2025-12-31"),
                    Activity.Status.DONE,
                    100,
                    "34.04",
                    None,
                ),
                (
                    "Pendampingan dan penguatan bank sampah",
                    _d("2024-01-15"),
                    _d("2028-06-30"),
                    Activity.Status.IN_PROGRESS,
                    55,
                    "34.71",
                    None,
                ),
                (
                    "Kampanye Gerakan Zero Sampah Anorganik",
                    _d("2024-02-01"),
                    _d("2024-12-31"),
                    Activity.Status.DONE,
                    100,
                    "34.71",
                    None,
                ),
            ],
        ),
        (
            "Pengolahan sampah di TPST Piyungan",
            "T1",
            "Mengolah sebelum menimbun: RDF, kompos, dan penutupan sel lama.",
            [
                (
                    "Pembangunan fasilitas RDF TPST Piyungan",
                    _d("2025-01-06"),
                    _d("2027-06-30"),
                    Activity.Status.IN_PROGRESS,
                    40,
                    "34.02",
                    PIYUNGAN,
                ),
                (
                    "Penutupan dan penghijauan sel zona A",
                    _d("2025-04-01"),
                    _d("2026-09-30"),
                    Activity.Status.DELAYED,
                    65,
                    "34.02",
                    PIYUNGAN,
                ),
            ],
        ),
        (
            "Layanan pengangkutan dan pengaduan bersama",
            "T2",
            "Jadwal ritase bersama, armada tambahan dan satu kanal pengaduan.",
            [
                (
                    "Pengadaan 18 truk armroll untuk daerah pinggiran",
                    _d("2024-04-01"),
                    _d("2024-11-30"),
                    Activity.Status.DONE,
                    100,
                    "34.04",
                    None,
                ),
                (
                    "Kanal pengaduan sampah terpadu (aplikasi dan hotline)",
                    _d("2025-07-01"),
                    _d("2027-12-31"),
                    Activity.Status.IN_PROGRESS,
                    30,
                    "34.71",
                    None,
                ),
            ],
        ),
    ],
    budget=[
        ("Pembangunan TPS3R di 12 kalurahan", "34.04", "apbd", 2024, 2_400_000_000, 2_310_000_000),
        ("Pembangunan TPS3R di 12 kalurahan", "34.02", "apbn", 2025, 1_800_000_000, 1_755_000_000),
        ("Pendampingan dan penguatan bank sampah", "34.71", "apbd", 2025, 450_000_000, 402_500_000),
        ("Pendampingan dan penguatan bank sampah", "34.71", "apbd", 2026, 500_000_000, 210_000_000),
        (
            "Pendampingan dan penguatan bank sampah",
            "34.04",
            "private",
            2026,
            150_000_000,
            95_000_000,
        ),
        (
            "Kampanye Gerakan Zero Sampah Anorganik",
            "34.71",
            "apbd",
            2024,
            275_000_000,
            268_400_000,
        ),
        (
            "Pembangunan fasilitas RDF TPST Piyungan",
            "34.02",
            "apbd",
            2025,
            3_500_000_000,
            3_150_000_000,
        ),
        (
            "Pembangunan fasilitas RDF TPST Piyungan",
            "34.71",
            "apbd",
            2026,
            4_750_000_000,
            1_425_000_000,
        ),
        (
            "Pembangunan fasilitas RDF TPST Piyungan",
            "34.04",
            "apbd",
            2026,
            4_300_000_000,
            860_000_000,
        ),
        (
            "Penutupan dan penghijauan sel zona A",
            "34.02",
            "apbd",
            2025,
            1_250_000_000,
            1_387_500_000,
        ),
        (
            "Penutupan dan penghijauan sel zona A",
            "34.02",
            "apbd",
            2026,
            900_000_000,
            340_000_000,
        ),
        (
            "Pengadaan 18 truk armroll untuk daerah pinggiran",
            "34.04",
            "apbd",
            2024,
            6_300_000_000,
            6_174_000_000,
        ),
        (
            "Kanal pengaduan sampah terpadu (aplikasi dan hotline)",
            "34.71",
            "apbd",
            2026,
            350_000_000,
            122_500_000,
        ),
    ],
    results=[
        (
            "OC1",
            Result.Level.OUTCOME,
            "Beban TPST Piyungan turun sampai di bawah kapasitasnya",
            "T1",
            "",
            [],
        ),
        (
            "OP1.1",
            Result.Level.OUTPUT,
            "TPS3R dan bank sampah mengolah sampah di sumber",
            "T1",
            "OC1",
            ["Pembangunan TPS3R di 12 kalurahan", "Pendampingan dan penguatan bank sampah"],
        ),
        (
            "OC2",
            Result.Level.OUTCOME,
            "Layanan pengangkutan menjangkau lebih banyak warga",
            "T2",
            "",
            [],
        ),
        (
            "OP2.1",
            Result.Level.OUTPUT,
            "Armada dan jadwal ritase bersama beroperasi",
            "T2",
            "OC2",
            ["Pengadaan 18 truk armroll untuk daerah pinggiran"],
        ),
        (
            "OC3",
            Result.Level.OUTCOME,
            "Warga puas dengan layanan persampahan",
            "T3",
            "",
            ["Kanal pengaduan sampah terpadu (aplikasi dan hotline)"],
        ),
    ],
    indicators=[
        IndicatorSpec(
            code="KM-1",
            name="Rata-rata sampah yang diterima TPST Piyungan",
            definition=(
                "Rata-rata harian berat sampah yang ditimbang di jembatan timbang TPST Piyungan "
                "selama triwulan, per daerah asal truk. Target = kuota kapasitas aman TPST "
                "(600 ton/hari untuk ketiga daerah pada 2027)."
            ),
            unit="ton/hari",
            objective="T1",
            result="OC1",
            responsible="34.02",
            series={"34.71": (265, 205, 6), "34.04": (295, 262, 7), "34.02": (182, 158, 5)},
            baseline=742,
            baseline_date=_d("2023-12-31"),
            targets=(720, 560),
            direction=Indicator.Direction.LOWER,
            decimals=1,
            max_value=1500,
            data_source="Log jembatan timbang TPST Piyungan",
            collection_method="Rekap harian jembatan timbang, dirata-rata per triwulan",
            verification_means="Cetakan rekap jembatan timbang ditandatangani Kepala UPT",
            narratives=(
                "Sampah masuk turun setelah TPS3R baru beroperasi.",
                "Kenaikan musim hujan dan libur panjang akhir tahun.",
            ),
        ),
        IndicatorSpec(
            code="KM-2",
            name="Cakupan layanan pengangkutan sampah",
            definition=(
                "Persentase rumah tangga yang sampahnya terangkut paling sedikit dua kali "
                "seminggu terhadap seluruh rumah tangga di daerah itu."
            ),
            unit="%",
            kind=Indicator.Kind.PERCENTAGE,
            objective="T2",
            result="OC2",
            responsible="34.71",
            series={"34.71": (88, 93, 0.6), "34.04": (61, 69, 0.8), "34.02": (54, 58, 0.7)},
            baseline=68,
            baseline_date=_d("2023-12-31"),
            targets=(70, 85),
            decimals=1,
            max_value=100,
            data_source="Data layanan DLH dan data rumah tangga Dukcapil",
            collection_method="Rekap rute dan jumlah pelanggan retribusi per kelurahan",
            verification_means="Daftar pelanggan retribusi dan peta rute",
        ),
        IndicatorSpec(
            code="KM-3",
            name="Pengaduan warga tentang layanan sampah",
            definition=(
                "Jumlah pengaduan tentang sampah tidak terangkut, TPS liar, bau atau lindi yang "
                "diterima lewat semua kanal dalam triwulan (pengaduan ganda dihitung satu)."
            ),
            unit="pengaduan",
            objective="T3",
            result="OC3",
            responsible="34.71",
            series={"34.71": (160, 150, 25), "34.04": (120, 135, 20), "34.02": (95, 110, 15)},
            baseline=420,
            baseline_date=_d("2023-12-31"),
            targets=(400, 210),
            direction=Indicator.Direction.LOWER,
            data_source="Aplikasi pengaduan (JSS, Lapor Sleman, SIAP Bantul) dan hotline",
            collection_method="Ekspor aplikasi pengaduan, dideduplikasi",
            verification_means="Ekspor data pengaduan per triwulan",
            narratives=("Lonjakan saat penutupan sementara TPST.",),
        ),
        IndicatorSpec(
            code="KM-4",
            name="TPS3R yang beroperasi",
            definition=(
                "Jumlah TPS3R yang mengolah sampah sedikitnya 20 hari dalam sebulan terakhir "
                "triwulan (nilai kumulatif: total sampai triwulan itu)."
            ),
            unit="unit",
            objective="T1",
            result="OP1.1",
            responsible="34.04",
            series={"34.71": (4, 9, 0), "34.04": (5, 14, 0), "34.02": (3, 8, 0)},
            baseline=12,
            baseline_date=_d("2023-12-31"),
            targets=(13, 40),
            accumulation=Indicator.Accumulation.CUMULATIVE,
            max_value=200,
            data_source="Daftar TPS3R DLH",
            collection_method="Kunjungan lapangan dan laporan pengelola TPS3R",
            verification_means="Foto dan berita acara kunjungan",
        ),
        IndicatorSpec(
            code="KM-5",
            name="Rumah tangga yang memilah sampah di sumber",
            definition=(
                "Persentase rumah tangga sampel yang memisahkan sampah organik dan anorganik, "
                "dari survei cepat triwulanan di 30 kelurahan/kalurahan."
            ),
            unit="%",
            kind=Indicator.Kind.PERCENTAGE,
            objective="T1",
            result="OP1.1",
            responsible="34.71",
            series={"34.71": (22, 41, 1.5), "34.04": (16, 30, 1.5), "34.02": (14, 24, 1.2)},
            baseline=18,
            baseline_date=_d("2023-09-25"),
            targets=(20, 50),
            decimals=1,
            max_value=100,
            data_source="Survei cepat pemilahan sampah",
            collection_method="Survei rumah tangga, 30 rumah per kelurahan sampel",
            verification_means="Formulir survei dan rekap enumerator",
        ),
    ],
    latest={"34.71": "submitted", "34.04": "draft", "34.02": "missing"},
    gaps={(3, "34.02")},
    evaluations=[
        {
            "title": "Evaluasi Semester II 2025 Pengelolaan Sampah Kartamantul",
            "period": (_d("2025-07-01"), _d("2025-12-31")),
            "conducted_on": _d("2026-01-22"),
            "method": "Telaah data triwulanan, kunjungan TPST Piyungan dan rapat Sekber.",
            "summary": "Pengurangan di sumber berjalan; pembayaran iuran 2025 terlambat.",
            "proposes_revision": False,
            "findings": [
                (
                    Finding.Kind.STRENGTH,
                    "12 TPS3R baru beroperasi dan mengurangi sampah masuk TPST.",
                    [],
                ),
                (
                    Finding.Kind.WEAKNESS,
                    "Iuran Sleman dan Bantul 2025 terlambat sehingga operasional RDF tertunda.",
                    [
                        (
                            "Menjadwalkan iuran dalam KUA-PPAS dan mengingatkan sebelum APBD "
                            "perubahan.",
                            [
                                (
                                    "Surat Sekber kepada TAPD Sleman dan Bantul",
                                    "34.71",
                                    _d("2026-03-31"),
                                    FollowUp.Status.DONE,
                                    _d("2026-03-12"),
                                )
                            ],
                        )
                    ],
                ),
            ],
        },
        {
            "title": "Evaluasi Semester I 2026 Pengelolaan Sampah Kartamantul",
            "period": (_d("2026-01-01"), _d("2026-06-30")),
            "conducted_on": _d("2026-07-21"),
            "method": "Telaah data, survei kepuasan warga sekitar TPST dan FGD dengan DLH.",
            "summary": (
                "Sampah masuk menurun tetapi masih di atas kuota; pengaduan meningkat di Sleman "
                "dan Bantul. Penutupan sel zona A terlambat. Diusulkan revisi rencana."
            ),
            "proposes_revision": True,
            "revision_note": (
                "Menambah kegiatan pembangunan ITF Bawuran dan memindahkan anggaran penutupan "
                "sel zona A ke 2027."
            ),
            "findings": [
                (
                    Finding.Kind.WEAKNESS,
                    "Pengaduan warga di Sleman dan Bantul naik, terutama sampah tidak terangkut.",
                    [
                        (
                            "Menambah ritase malam di rute pinggiran dan menyatukan kanal "
                            "pengaduan.",
                            [
                                (
                                    "Jadwal ritase malam disepakati ketiga DLH",
                                    "34.04",
                                    _d("2026-09-30"),
                                    FollowUp.Status.OPEN,
                                    None,
                                ),
                                (
                                    "Uji coba kanal pengaduan terpadu",
                                    "34.71",
                                    _d("2026-12-31"),
                                    FollowUp.Status.IN_PROGRESS,
                                    None,
                                ),
                            ],
                        )
                    ],
                ),
                (
                    Finding.Kind.WEAKNESS,
                    "Penutupan sel zona A baru 65% padahal jadwalnya selesai September 2026.",
                    [
                        (
                            "Merevisi jadwal dan anggaran penutupan sel zona A.",
                            [
                                (
                                    "Usulan revisi rencana ke rapat para pihak",
                                    "34.02",
                                    _d("2026-08-31"),
                                    FollowUp.Status.DONE,
                                    _d("2026-08-05"),
                                )
                            ],
                        )
                    ],
                ),
                (
                    Finding.Kind.LESSON,
                    "Data jembatan timbang harian membuat diskusi kuota lebih cepat disepakati.",
                    [],
                ),
            ],
        },
    ],
    revision={
        "started_on": _d("2026-08-05"),
        "note": "Revisi atas rekomendasi evaluasi Semester I 2026.",
        "program": "Pengolahan sampah di TPST Piyungan",
        "activity": (
            "Pembangunan ITF (Intermediate Treatment Facility) Bawuran",
            _d("2027-01-04"),
            _d("2028-06-30"),
            "34.02",
        ),
        "budget": [("34.02", "apbn", 2027, 12_500_000_000), ("34.71", "apbd", 2027, 3_000_000_000)],
    },
)

SPAM = AgreementSpec(
    title="Sistem Penyediaan Air Minum (SPAM) Regional Kartamantul",
    summary=(
        "Rencana penyediaan air minum curah SPAM Regional Kartamantul untuk Kota Yogyakarta dan "
        "Kabupaten Sleman, dikelola Pemerintah Daerah DIY melalui Balai PISAM."
    ),
    assessments=[
        (
            "Kajian neraca air baku Sungai Progo dan kebutuhan air minum",
            NeedsAssessment.Method.LITERATURE,
            _d("2025-06-10"),
            "Defisit layanan 420 liter/detik di Kota Yogyakarta dan Sleman utara pada 2030; "
            "sumur dangkal tercemar bakteri E. coli di 38% sampel.",
            "IPA Bantar kapasitas 300 liter/detik; jaringan transmisi sudah sampai Gamping.",
        ),
        (
            "Survei minat sambungan rumah",
            NeedsAssessment.Method.SURVEY,
            _d("2025-08-18"),
            "62% rumah tangga di zona layanan mau menyambung bila biaya sambung dicicil.",
            "Program hibah air minum APBN untuk sambungan rumah masyarakat berpenghasilan rendah.",
        ),
    ],
    objectives=[
        ("T1", "Air curah SPAM Regional tersalurkan 250 liter/detik ke PDAM pada akhir 2027"),
        ("T2", "25.000 sambungan rumah baru terlayani air SPAM Regional pada 2030"),
        ("T3", "Kehilangan air di jaringan transmisi di bawah 20%"),
    ],
    strategies=[
        (
            "Pembagian peran: DIY mengelola produksi dan transmisi, kabupaten/kota mengelola "
            "distribusi dan sambungan rumah melalui PDAM.",
            "Balai PISAM DIY, Perumda Tirtamarta Yogyakarta, Perumda Tirta Sembada Sleman, BPPSPAM",
        ),
        (
            "Sambungan rumah murah dengan hibah air minum dan cicilan biaya sambung.",
            "Kementerian PUPR, forum warga, Bappeda",
        ),
    ],
    risks=[
        (
            "Debit Sungai Progo turun di musim kemarau panjang",
            3,
            4,
            "Kontrak air baku cadangan dan jadwal giliran pada puncak kemarau",
            "34",
        ),
        (
            "Tarif curah belum disepakati sehingga PDAM menunda pengambilan air",
            4,
            4,
            "Kesepakatan tarif curah dalam PKS dan kajian tarif independen",
            "34",
        ),
    ],
    programs=[
        (
            "Produksi dan transmisi air curah",
            "T1",
            "Optimalisasi IPA Bantar dan jaringan transmisi ke reservoir kota.",
            [
                (
                    "Optimalisasi IPA Bantar",
                    _d("2026-01-05"),
                    _d("2026-12-18"),
                    Activity.Status.IN_PROGRESS,
                    80,
                    "34",
                    (Decimal("-7.788100"), Decimal("110.234500")),
                ),
                (
                    "Pipa transmisi Gamping–Reservoir Kota Yogyakarta",
                    _d("2026-03-02"),
                    _d("2027-09-30"),
                    Activity.Status.IN_PROGRESS,
                    35,
                    "34",
                    None,
                ),
            ],
        ),
        (
            "Distribusi dan sambungan rumah",
            "T2",
            "Jaringan distribusi dan sambungan rumah oleh PDAM kabupaten/kota.",
            [
                (
                    "Sambungan rumah hibah air minum Kota Yogyakarta",
                    _d("2026-02-02"),
                    _d("2026-11-30"),
                    Activity.Status.DONE,
                    100,
                    "34.71",
                    None,
                ),
                (
                    "Jaringan distribusi Sleman utara",
                    _d("2026-04-01"),
                    _d("2027-12-31"),
                    Activity.Status.PLANNED,
                    0,
                    "34.04",
                    None,
                ),
            ],
        ),
    ],
    budget=[
        ("Optimalisasi IPA Bantar", "34", "apbd", 2026, 7_800_000_000, 5_460_000_000),
        (
            "Pipa transmisi Gamping–Reservoir Kota Yogyakarta",
            "34",
            "apbn",
            2026,
            21_000_000_000,
            6_300_000_000,
        ),
        (
            "Sambungan rumah hibah air minum Kota Yogyakarta",
            "34.71",
            "grant",
            2026,
            3_600_000_000,
            3_420_000_000,
        ),
        ("Jaringan distribusi Sleman utara", "34.04", "apbd", 2026, 5_200_000_000, 0),
    ],
    results=[
        (
            "OC1",
            Result.Level.OUTCOME,
            "Warga di zona layanan mendapat air minum aman dari SPAM Regional",
            "T2",
            "",
            [],
        ),
        (
            "OP1.1",
            Result.Level.OUTPUT,
            "Air curah tersalurkan ke PDAM sesuai kontrak",
            "T1",
            "OC1",
            ["Optimalisasi IPA Bantar", "Pipa transmisi Gamping–Reservoir Kota Yogyakarta"],
        ),
        (
            "OP1.2",
            Result.Level.OUTPUT,
            "Sambungan rumah baru terpasang",
            "T2",
            "OC1",
            ["Sambungan rumah hibah air minum Kota Yogyakarta"],
        ),
    ],
    indicators=[
        IndicatorSpec(
            code="SP-1",
            name="Debit air curah yang tersalurkan ke PDAM",
            definition=(
                "Rata-rata debit air curah yang tercatat di meter induk titik serah PDAM "
                "selama triwulan."
            ),
            unit="liter/detik",
            objective="T1",
            result="OP1.1",
            responsible="34",
            series={"34.71": (58, 74, 3), "34.04": (38, 44, 2)},
            baseline=85,
            baseline_date=_d("2025-12-31"),
            targets=(150, 250),
            decimals=1,
            max_value=600,
            data_source="Meter induk titik serah",
            collection_method="Pembacaan meter induk harian, rata-rata triwulan",
            verification_means="Berita acara pembacaan meter bersama PDAM",
        ),
        IndicatorSpec(
            code="SP-2",
            name="Sambungan rumah yang terlayani SPAM Regional",
            definition=(
                "Jumlah sambungan rumah aktif yang menerima air dari SPAM Regional (kumulatif "
                "sejak awal kerja sama)."
            ),
            unit="sambungan rumah",
            objective="T2",
            result="OP1.2",
            responsible="34.71",
            series={"34.71": (850, 3450, 0), "34.04": (300, 1150, 0)},
            baseline=0,
            baseline_date=_d("2025-12-31"),
            targets=(1500, 25000),
            accumulation=Indicator.Accumulation.CUMULATIVE,
            max_value=100000,
            data_source="Sistem pelanggan PDAM",
            collection_method="Ekspor data pelanggan aktif akhir triwulan",
            verification_means="Daftar sambungan dan berita acara pemasangan",
        ),
        IndicatorSpec(
            code="SP-3",
            name="Kehilangan air di jaringan transmisi",
            definition=(
                "Selisih volume produksi IPA dan volume di titik serah dibagi volume produksi, "
                "dalam persen, per triwulan."
            ),
            unit="%",
            kind=Indicator.Kind.PERCENTAGE,
            objective="T3",
            result="OP1.1",
            responsible="34",
            series={"34": (27, 23.5, 0.8)},
            baseline=29,
            baseline_date=_d("2025-12-31"),
            targets=(27, 20),
            direction=Indicator.Direction.LOWER,
            decimals=1,
            max_value=100,
            data_source="Neraca air Balai PISAM",
            collection_method="Neraca air bulanan",
            verification_means="Laporan neraca air ditandatangani Kepala Balai",
        ),
    ],
    latest={"34": "verified", "34.71": "submitted", "34.04": "missing"},
    # Water is not the environment office's: Kota Yogyakarta's cooperation bureau reports.
    data_officers={"34.71": "ratna.kusumawati@jogjakota.go.id"},
)

BORDER_HEALTH = AgreementSpec(
    title="Pelayanan Kesehatan Perbatasan Sleman–Magelang–Klaten–Boyolali",
    summary=(
        "Rencana rujukan dan pelayanan kesehatan bagi warga perbatasan DIY–Jawa Tengah di lereng "
        "Merapi, termasuk layanan kesehatan saat erupsi."
    ),
    assessments=[
        (
            "Pemetaan akses layanan kesehatan warga lereng Merapi",
            NeedsAssessment.Method.FIELD_STUDY,
            _d("2024-11-05"),
            "Warga 14 desa perbatasan lebih dekat ke puskesmas daerah tetangga; rujukan "
            "lintas provinsi sering ditolak karena kepesertaan JKN beda daerah.",
            "Puskesmas Cangkringan, Dukun, Kemalang dan Selo punya ambulans dan dokter jaga.",
        ),
        (
            "Diskusi kelompok terarah dengan kader kesehatan dan relawan Merapi",
            NeedsAssessment.Method.FOCUS_GROUP,
            _d("2024-12-12"),
            "Jalur evakuasi kesehatan saat erupsi belum disepakati lintas kabupaten.",
            "Relawan dan radio komunitas siaga Merapi.",
        ),
    ],
    objectives=[
        ("T1", "Warga perbatasan dirujuk ke fasilitas terdekat tanpa melihat batas daerah"),
        ("T2", "Waktu tempuh rujukan gawat darurat di bawah 45 menit"),
    ],
    strategies=[
        (
            "Rujukan lintas daerah lewat SISRUTE dengan penjaminan biaya oleh daerah asal.",
            "Dinas Kesehatan keempat daerah, BPJS Kesehatan cabang, RSUD Sleman dan Muntilan",
        ),
        (
            "Rencana kontinjensi kesehatan erupsi Merapi bersama.",
            "BPBD DIY dan Jawa Tengah, relawan Merapi, PMI",
        ),
    ],
    risks=[
        (
            "Erupsi Merapi memutus jalur rujukan",
            3,
            5,
            "Jalur alternatif dan pos kesehatan lapangan di tiap kabupaten",
            "34.04",
        ),
        (
            "Klaim biaya rujukan lintas daerah ditolak",
            3,
            3,
            "Perjanjian penjaminan dan rekonsiliasi triwulanan",
            "33.10",
        ),
    ],
    programs=[
        (
            "Rujukan lintas daerah",
            "T1",
            "SISRUTE, penjaminan dan ambulans bersama.",
            [
                (
                    "Integrasi SISRUTE puskesmas perbatasan",
                    _d("2025-03-03"),
                    _d("2025-12-31"),
                    Activity.Status.DONE,
                    100,
                    "34.04",
                    None,
                ),
                (
                    "Ambulans siaga bersama lereng Merapi",
                    _d("2025-06-02"),
                    _d("2029-12-31"),
                    Activity.Status.IN_PROGRESS,
                    45,
                    "33.08",
                    (Decimal("-7.594300"), Decimal("110.437900")),
                ),
            ],
        ),
        (
            "Kesiapsiagaan kesehatan erupsi",
            "T2",
            "Rencana kontinjensi dan latihan bersama.",
            [
                (
                    "Simulasi evakuasi kesehatan erupsi Merapi",
                    _d("2026-05-04"),
                    _d("2026-10-30"),
                    Activity.Status.DONE,
                    100,
                    "33.10",
                    None,
                ),
            ],
        ),
    ],
    budget=[
        ("Integrasi SISRUTE puskesmas perbatasan", "34.04", "apbd", 2025, 420_000_000, 398_000_000),
        ("Ambulans siaga bersama lereng Merapi", "33.08", "apbd", 2025, 950_000_000, 902_500_000),
        ("Ambulans siaga bersama lereng Merapi", "33.08", "apbd", 2026, 600_000_000, 255_000_000),
        ("Ambulans siaga bersama lereng Merapi", "33.09", "apbd", 2026, 450_000_000, 301_500_000),
        (
            "Simulasi evakuasi kesehatan erupsi Merapi",
            "33.10",
            "apbd",
            2026,
            175_000_000,
            61_250_000,
        ),
    ],
    results=[
        (
            "OC1",
            Result.Level.OUTCOME,
            "Warga perbatasan mendapat layanan rujukan tepat waktu",
            "T1",
            "",
            [],
        ),
        (
            "OP1.1",
            Result.Level.OUTPUT,
            "Puskesmas perbatasan merujuk lewat SISRUTE",
            "T1",
            "OC1",
            ["Integrasi SISRUTE puskesmas perbatasan"],
        ),
        (
            "OP1.2",
            Result.Level.OUTPUT,
            "Ambulans bersama siaga",
            "T2",
            "OC1",
            ["Ambulans siaga bersama lereng Merapi"],
        ),
    ],
    indicators=[
        IndicatorSpec(
            code="KS-1",
            name="Pasien yang dirujuk lintas daerah",
            definition=(
                "Jumlah pasien warga daerah itu yang dirujuk ke fasilitas kesehatan di daerah "
                "pihak lain lewat SISRUTE dalam triwulan, menurut jenis kelamin."
            ),
            unit="orang",
            objective="T1",
            result="OP1.1",
            responsible="34.04",
            series={
                "34.04": (95, 160, 10),
                "33.08": (120, 185, 12),
                "33.10": (70, 118, 9),
                "33.09": (48, 64, 7),
            },
            baseline=210,
            baseline_date=_d("2024-12-31"),
            targets=(300, 600),
            max_value=5000,
            data_source="SISRUTE dan register rujukan puskesmas",
            collection_method="Ekspor SISRUTE per triwulan, dicocokkan dengan register",
            verification_means="Ekspor SISRUTE dan rekap register ditandatangani kepala puskesmas",
            by_sex=True,
            female_share=0.54,
        ),
        IndicatorSpec(
            code="KS-2",
            name="Rujukan gawat darurat yang tiba dalam 45 menit",
            definition=(
                "Persentase pasien gawat darurat yang tiba di fasilitas tujuan paling lama 45 "
                "menit sejak keputusan merujuk, dari catatan ambulans."
            ),
            unit="%",
            kind=Indicator.Kind.PERCENTAGE,
            objective="T2",
            result="OP1.2",
            responsible="33.08",
            series={
                "34.04": (64, 81, 2),
                "33.08": (55, 72, 3),
                "33.10": (60, 76, 2),
                "33.09": (48, 55, 3),
            },
            baseline=56,
            baseline_date=_d("2024-12-31"),
            targets=(60, 90),
            decimals=1,
            max_value=100,
            data_source="Log ambulans dan SISRUTE",
            collection_method="Rekap log perjalanan ambulans",
            verification_means="Log ambulans",
        ),
        IndicatorSpec(
            code="KS-3",
            name="Puskesmas perbatasan yang terhubung SISRUTE",
            definition="Jumlah puskesmas perbatasan yang merujuk lewat SISRUTE (kumulatif).",
            unit="puskesmas",
            objective="T1",
            result="OP1.1",
            responsible="34.04",
            series={"34.04": (2, 4, 0), "33.08": (1, 4, 0), "33.10": (1, 3, 0), "33.09": (1, 2, 0)},
            baseline=5,
            baseline_date=_d("2024-12-31"),
            targets=(6, 14),
            accumulation=Indicator.Accumulation.CUMULATIVE,
            max_value=50,
            data_source="Dashboard SISRUTE",
            collection_method="Daftar fasilitas aktif SISRUTE",
            verification_means="Tangkapan layar daftar fasilitas SISRUTE",
        ),
    ],
    latest={"34.04": "submitted", "33.08": "submitted", "33.10": "missing", "33.09": "returned"},
    gaps={(2, "33.09")},
)

SPECS = [KARTAMANTUL, SPAM, BORDER_HEALTH]
