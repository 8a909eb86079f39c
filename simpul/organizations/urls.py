from django.urls import path

from . import views

app_name = "organizations"

urlpatterns = [
    path("", views.organization_list, name="organization-list"),
    path("<int:pk>/", views.organization_detail, name="organization-detail"),
    path("<int:pk>/anggota/", views.organization_members, name="organization-members"),
    path(
        "<int:pk>/anggota/<int:membership_pk>/peran/",
        views.membership_role,
        name="membership-role",
    ),
    path(
        "<int:pk>/anggota/<int:membership_pk>/hapus/",
        views.membership_remove,
        name="membership-remove",
    ),
    path("<int:pk>/undangan/", views.invitation_create, name="invitation-create"),
    path(
        "<int:pk>/undangan/<int:invitation_pk>/batal/",
        views.invitation_revoke,
        name="invitation-revoke",
    ),
    path(
        "<int:pk>/undangan/<int:invitation_pk>/kirim-ulang/",
        views.invitation_resend,
        name="invitation-resend",
    ),
    path("undangan/<str:token>/", views.invitation_accept, name="invitation-accept"),
]
