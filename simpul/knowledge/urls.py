"""Knowledge items, under /pengetahuan/."""

from django.urls import path

from . import views, views_adoption

app_name = "knowledge"

urlpatterns = [
    path("", views.item_list, name="item-list"),
    path("baru/", views.item_create, name="item-create"),
    path("kerja-sama/<int:agreement_pk>/", views.agreement_knowledge, name="agreement-knowledge"),
    path("<int:pk>/", views.item_detail, name="item-detail"),
    path("<int:pk>/ubah/", views.item_edit, name="item-edit"),
    path("<int:pk>/kirim/", views.item_submit, name="item-submit"),
    path("<int:pk>/tinjau/", views.item_review, name="item-review"),
    path("<int:pk>/berkas/", views.item_file, name="item-file"),
    path("<int:pk>/gambar/", views.item_image, name="item-image"),
    path(
        "pelajaran/temuan/<int:finding_pk>/",
        views.lesson_from_finding,
        name="lesson-from-finding",
    ),
    path(
        "pelajaran/keputusan/<int:decision_pk>/",
        views.lesson_from_decision,
        name="lesson-from-decision",
    ),
    # The adoption loop.
    path("<int:pk>/minat/", views_adoption.adoption_interest, name="adoption-interest"),
    path("<int:pk>/adopsi.geojson", views_adoption.adoption_map, name="adoption-map"),
    path(
        "<int:pk>/adopsi/<int:adoption_pk>/",
        views_adoption.adoption_detail,
        name="adoption-detail",
    ),
    path(
        "<int:pk>/adopsi/<int:adoption_pk>/kunjungan/",
        views_adoption.adoption_visit,
        name="adoption-visit",
    ),
    path(
        "<int:pk>/adopsi/<int:adoption_pk>/keputusan/",
        views_adoption.adoption_decide,
        name="adoption-decide",
    ),
    path(
        "<int:pk>/adopsi/<int:adoption_pk>/rencana/",
        views_adoption.adoption_plan,
        name="adoption-plan",
    ),
]
