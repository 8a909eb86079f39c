"""Meetings and forums, under /rapat/."""

from django.urls import path

from .views import calendars, meetings, participation
from .views import forums as forum_views
from .views import minutes as minutes_views

app_name = "meetings"

urlpatterns = [
    path("", meetings.meeting_list, name="meeting-list"),
    path("kalender/", meetings.meeting_calendar, name="meeting-calendar"),
    path("baru/", meetings.meeting_create, name="meeting-create"),
    path("<int:pk>/", meetings.meeting_detail, name="meeting-detail"),
    path("<int:pk>/ubah/", meetings.meeting_edit, name="meeting-edit"),
    path("<int:pk>/batalkan/", meetings.meeting_cancel, name="meeting-cancel"),
    path("<int:pk>/terlaksana/", meetings.meeting_hold, name="meeting-hold"),
    path("<int:pk>/rapat.ics", meetings.meeting_ics, name="meeting-ics"),
    path("<int:pk>/undang/", participation.meeting_invite, name="meeting-invite"),
    path(
        "<int:pk>/undangan/<int:invitation_pk>/jawab/",
        participation.invitation_answer,
        name="invitation-answer",
    ),
    path("<int:pk>/agenda/", participation.agenda_add, name="agenda-add"),
    path(
        "<int:pk>/agenda/<int:item_pk>/putuskan/",
        participation.agenda_decide,
        name="agenda-decide",
    ),
    path("<int:pk>/agenda/<int:item_pk>/geser/", participation.agenda_move, name="agenda-move"),
    path("<int:pk>/kehadiran/", participation.attendance, name="attendance"),
    path("undangan/<str:token>/", participation.guest_invitation, name="guest-invitation"),
    path("kalender-saya/", calendars.feed_settings, name="feed-settings"),
    path("kalender-saya/<str:token>.ics", calendars.feed, name="feed"),
    path("forum/", calendars.forum_list, name="forum-list"),
    path("forum/<slug:slug>/", calendars.forum_detail, name="forum-detail"),
    path("kerja-sama/<int:agreement_pk>/", meetings.agreement_meetings, name="agreement-meetings"),
    # Minutes, sign-off, decisions and action items.
    path("<int:pk>/notulen/", minutes_views.minutes_page, name="minutes"),
    path("<int:pk>/notulen/mulai/", minutes_views.minutes_start, name="minutes-start"),
    path("<int:pk>/notulen/ubah/", minutes_views.minutes_edit, name="minutes-edit"),
    path("<int:pk>/notulen/edarkan/", minutes_views.minutes_circulate, name="minutes-circulate"),
    path("<int:pk>/notulen/setujui/", minutes_views.minutes_sign, name="minutes-sign"),
    path("<int:pk>/notulen/koreksi/", minutes_views.minutes_correct, name="minutes-correct"),
    path("<int:pk>/berita-acara.pdf", minutes_views.minutes_pdf, name="minutes-pdf"),
    path(
        "<int:pk>/agenda/<int:item_pk>/keputusan/",
        minutes_views.decision_add,
        name="decision-add",
    ),
    path(
        "<int:pk>/agenda/<int:item_pk>/tindak-lanjut/",
        minutes_views.action_add,
        name="action-add",
    ),
    path(
        "<int:pk>/tindak-lanjut/<int:action_pk>/selesai/",
        minutes_views.action_complete,
        name="action-complete",
    ),
    # Creating and editing forums. Not under forum/: "baru" could be a forum's slug.
    path("forum-baru/", forum_views.forum_create, name="forum-create"),
    path("forum/<slug:slug>/ubah/", forum_views.forum_edit, name="forum-edit"),
]

# The daftar hadir, exchange visits and their learning reports.
from .views import attendance_list  # noqa: E402

urlpatterns += [
    path("<int:pk>/daftar-hadir.pdf", attendance_list.attendance_pdf, name="attendance-pdf"),
]

from .views import visits  # noqa: E402

urlpatterns += [
    path("studi-banding/", visits.report_list, name="learning-report-list"),
    path("<int:pk>/studi-banding/", visits.visit_edit, name="visit-edit"),
    path("<int:pk>/studi-banding/laporan/", visits.report_create, name="learning-report-create"),
    path(
        "<int:pk>/studi-banding/laporan/<int:report_pk>/",
        visits.report_edit,
        name="learning-report-edit",
    ),
    path(
        "<int:pk>/studi-banding/laporan/<int:report_pk>/kirim/",
        visits.report_submit,
        name="learning-report-submit",
    ),
]
