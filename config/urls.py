from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from simpul.core.dev_ui import dev_ui

# The production 404 page keeps a view's own message (simpul.core.errors.PageNotFound).
handler404 = "simpul.core.views.page_not_found"

urlpatterns = [
    path("", include("simpul.dashboard.urls")),
    path("", include("simpul.core.urls")),
    path("akun/", include("simpul.accounts.urls")),
    path("wilayah/", include("simpul.regions.urls")),
    path("organisasi/", include("simpul.organizations.urls")),
    path("kerja-sama/", include("simpul.agreements.urls")),
    path("kerja-sama/<int:agreement_pk>/rencana/", include("simpul.plans.urls")),
    path("kerja-sama/<int:agreement_pk>/pemantauan/", include("simpul.monitoring.urls")),
    path("kerja-sama/<int:agreement_pk>/laporan/", include("simpul.reports.urls")),
    path("kerja-sama/<int:agreement_pk>/publikasi/", include("simpul.publication.urls")),
    path("kerja-sama/<int:agreement_pk>/konsultasi/", include("simpul.consultations.urls")),
    path("kerja-sama/<int:agreement_pk>/survei/", include("simpul.surveys.urls")),
    path("tim/", include("simpul.teams.urls")),
    path("kerja-sama/<int:agreement_pk>/kesehatan/", include("simpul.scorecard.urls_health")),
    path(
        "kerja-sama/<int:agreement_pk>/pemangku-kepentingan/", include("simpul.stakeholders.urls")
    ),
    path("rapat/", include("simpul.meetings.urls")),
    path("ide/", include("simpul.ideas.urls")),
    path("pengetahuan/", include("simpul.knowledge.urls")),
    path("potensi/", include("simpul.potentials.urls")),
    path("diskusi/", include("simpul.discussions.urls")),
    path("cari/", include("simpul.search.urls")),
    path("notifikasi/", include("simpul.notifications.urls")),
    path("pemantauan/", include("simpul.monitoring.urls_overview")),
    # The public side: portal, open data, API, participation.
    path("publik/tata-kelola/", include("simpul.scorecard.urls")),
    path("publik/apresiasi/", include("simpul.scorecard.urls_recognition")),
    path("publik/ide/", include("simpul.ideas.urls_public")),
    path("publik/", include("simpul.portal.urls")),
    path("data/", include("simpul.portal.urls_opendata")),
    path("api/v1/", include("simpul.portal.urls_api")),
    path("konsultasi/", include("simpul.consultations.urls_public")),
    path("survei/", include("simpul.surveys.urls_public")),
    path("pengaduan/", include("simpul.complaints.urls_public")),
    path("kelola-pengaduan/", include("simpul.complaints.urls")),
    path("riwayat/", include("simpul.audit.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
    # The developer style page (every shared page part beside its template code). Always
    # routed, so the URLconf does not depend on when it was first imported; the view itself
    # answers 404 unless DEBUG is on.
    path("dev/ui/", dev_ui, name="dev_ui"),
]
