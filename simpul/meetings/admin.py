from django.contrib import admin

from .models import AgendaItem, Attendance, Forum, ForumMember, Invitation, Meeting, MeetingSeries


class ForumMemberInline(admin.TabularInline):
    model = ForumMember
    extra = 0
    raw_id_fields = ("organization", "delegate")


@admin.register(Forum)
class ForumAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "secretariat", "cadence", "quorum", "is_active")
    list_filter = ("kind", "cadence", "is_active")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    raw_id_fields = ("secretariat", "created_by", "changed_by")
    inlines = [ForumMemberInline]


class InvitationInline(admin.TabularInline):
    model = Invitation
    extra = 0
    fields = ("kind", "organization", "user", "name", "email", "rsvp", "delegate_name")
    raw_id_fields = ("organization", "user")


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    fields = ("position", "title", "presenter", "minutes_allotted", "status")


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "starts_at", "zone", "status", "agreement", "forum")
    list_filter = ("kind", "status", "zone")
    search_fields = ("title", "venue", "uid")
    date_hierarchy = "starts_at"
    raw_id_fields = ("agreement", "forum", "host", "region", "series", "created_by", "changed_by")
    readonly_fields = ("uid", "sequence", "version", "recurrence_id")
    inlines = [AgendaItemInline, InvitationInline]


@admin.register(MeetingSeries)
class MeetingSeriesAdmin(admin.ModelAdmin):
    list_display = ("rrule", "first_starts_at", "until", "zone")
    readonly_fields = ("uid", "sequence")


@admin.register(Attendance)
class AttendanceAdmin(admin.ModelAdmin):
    list_display = ("name", "organization", "status", "meeting")
    list_filter = ("status",)
    raw_id_fields = ("meeting", "invitation", "organization", "user", "recorded_by")
