from django.contrib import admin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the log is append-only, so no one adds, edits or deletes events here."""

    list_display = [
        "seq",
        "occurred_at",
        "actor_label",
        "ip_address",
        "action",
        "object_type",
        "object_repr",
    ]
    list_filter = ["action", "object_type"]
    search_fields = ["actor_label", "object_id", "object_repr"]
    date_hierarchy = "occurred_at"
    ordering = ["-seq"]
    readonly_fields = [f.name for f in AuditEvent._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
