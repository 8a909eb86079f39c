from django.contrib import admin

from .models import Category, Complaint, DayOff


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("code", "name_id", "name_en", "position")
    ordering = ("position",)


@admin.register(DayOff)
class DayOffAdmin(admin.ModelAdmin):
    """Cuti bersama and local days off (national holidays come from the holidays package)."""

    list_display = ("date", "name")
    date_hierarchy = "date"


@admin.register(Complaint)
class ComplaintAdmin(admin.ModelAdmin):
    list_display = ("tracking_code", "status", "responsible", "received_at", "verify_due")
    list_filter = ("status", "kind", "category")
    search_fields = ("tracking_code", "title")
    readonly_fields = [f.name for f in Complaint._meta.fields]

    def has_add_permission(self, request):
        return False
