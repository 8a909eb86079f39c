"""The public portal, under /publik/."""

from django.urls import path

from simpul.search.views import public_search_page

from . import views, views_knowledge, views_maps, views_meetings

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("peta.geojson", views.map_data, name="map-data"),
    path("peta-tematik/", views_maps.thematic_map, name="thematic-map"),
    path("jaringan/", views_maps.network, name="network"),
    path("kerja-sama/", views.register, name="register"),
    # Agreement numbers often hold slashes ("119/KSD/2024"): `path` takes them whole. The
    # routes below the number come first, so a number is never read as one of them.
    path(
        "kerja-sama/<path:reference_code>/dokumen/<int:pk>/",
        views.document_download,
        name="document-download",
    ),
    path(
        "kerja-sama/<path:reference_code>/laporan/<int:pk>/<str:fmt>/",
        views.report_download,
        name="report-download",
    ),
    path(
        "kerja-sama/<path:reference_code>/rapat.ics",
        views_meetings.agreement_meetings_ics,
        name="agreement-meetings-ics",
    ),
    path("kerja-sama/<path:reference_code>/", views.agreement_detail, name="agreement"),
    path("rapat.ics", views_meetings.meetings_ics, name="meetings-ics"),
    path("wilayah/<str:code>/", views.region_detail, name="region"),
    path("laporan/", views.reports, name="reports"),
    path("pengetahuan/", views_knowledge.knowledge_list, name="knowledge-list"),
    path("pengetahuan/<str:code>/", views_knowledge.knowledge_detail, name="knowledge"),
    path("pengetahuan/<str:code>/gambar/", views_knowledge.knowledge_image, name="knowledge-image"),
    path("pengetahuan/<str:code>/berkas/", views_knowledge.knowledge_file, name="knowledge-file"),
    path("cari/", public_search_page, name="search"),
    path("bahasa/<str:code>/", views.language, name="language"),
]
