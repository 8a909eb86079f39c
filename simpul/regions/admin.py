"""Regions are reference data loaded by `manage.py load_regions`; the admin only shows them.

Edits here would be overwritten by the next load, so nothing can be added, changed or deleted.
"""

from django.contrib import admin

from .models import Border, Region, RegionCode, RegionSuccession


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class RegionCodeInline(admin.TabularInline):
    model = RegionCode
    extra = 0
    fields = ["code", "valid_from", "valid_to", "legal_basis"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Region)
class RegionAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "level", "parent", "timezone", "population", "area_km2"]
    list_filter = ["level", "timezone"]
    list_select_related = ["parent"]
    search_fields = ["code", "name"]
    # The boundary (up to ~100 kB of GeoJSON) is left out of the admin pages.
    fields = [
        "code",
        "name",
        "level",
        "parent",
        "timezone",
        "latitude",
        "longitude",
        "area_km2",
        "population",
        "bbox",
        "valid_from",
        "valid_to",
    ]
    inlines = [RegionCodeInline]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("boundary", "parent__boundary")


@admin.register(RegionSuccession)
class RegionSuccessionAdmin(ReadOnlyAdmin):
    list_display = ["predecessor", "successor", "date", "legal_basis"]
    list_select_related = ["predecessor", "successor"]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("predecessor__boundary", "successor__boundary")


@admin.register(Border)
class BorderAdmin(ReadOnlyAdmin):
    list_display = ["region_a", "region_b", "shared_km"]
    list_select_related = ["region_a", "region_b"]
    search_fields = ["region_a__name", "region_b__name", "region_a__code", "region_b__code"]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("region_a__boundary", "region_b__boundary")
