"""Read-only admin pages for platform administrators: plans change only through their own
pages (services check the draft state and the optimistic version, and every life-cycle move is
a PlanEvent); approved versions are frozen."""

from django.contrib import admin

from .models import Plan, PlanEvent, PlanVersion


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class PlanEventInline(admin.TabularInline):
    model = PlanEvent
    extra = 0
    fields = ("occurred_at", "number", "kind", "party", "actor_label", "note")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Plan)
class PlanAdmin(ReadOnlyAdmin):
    list_display = ("agreement", "number", "status", "approved_at", "updated_at")
    list_filter = ("status",)
    search_fields = ("agreement__reference_code", "agreement__title")
    list_select_related = ("agreement",)
    inlines = [PlanEventInline]


@admin.register(PlanVersion)
class PlanVersionAdmin(ReadOnlyAdmin):
    list_display = ("plan", "number", "approved_at", "sha256")
    search_fields = ("plan__agreement__reference_code", "sha256")
    list_select_related = ("plan__agreement",)
