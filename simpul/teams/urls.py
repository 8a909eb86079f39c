from django.urls import path

from . import views

app_name = "teams"

urlpatterns = [
    path("", views.team_list, name="team-list"),
    path("organisasi/<int:organization_pk>/", views.organization_teams, name="organization-teams"),
    path("organisasi/<int:organization_pk>/baru/", views.team_create, name="team-create"),
    path("kerja-sama/<int:agreement_pk>/", views.agreement_teams, name="agreement-teams"),
    path("<int:pk>/", views.team_detail, name="team-detail"),
    path("<int:pk>/ubah/", views.team_edit, name="team-edit"),
    path("<int:pk>/sk/baru/", views.decree_create, name="decree-create"),
    path("<int:pk>/sk/<int:decree_pk>/unduh/", views.decree_download, name="decree-download"),
    path("<int:pk>/anggota/baru/", views.member_add, name="member-add"),
    path("<int:pk>/anggota/<int:member_pk>/", views.member_detail, name="member-detail"),
    path(
        "<int:pk>/anggota/<int:member_pk>/kompetensi/",
        views.competency_add,
        name="competency-add",
    ),
    path(
        "<int:pk>/anggota/<int:member_pk>/kompetensi/<int:entry_pk>/verifikasi/",
        views.competency_verify,
        name="competency-verify",
    ),
    path("<int:pk>/anggota/<int:member_pk>/pelatihan/", views.training_add, name="training-add"),
    path(
        "<int:pk>/pelatihan/<int:training_pk>/sertifikat/",
        views.certificate_download,
        name="certificate-download",
    ),
]
