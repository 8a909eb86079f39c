"""Admin pages for platform administrators: the configurable reference data of monitoring
(disaggregations and their options, early-warning rules) and read-only views of indicators.
Monitoring data changes only through its own pages, so every change keeps its provenance."""

from django.contrib import admin

from .models import Disaggregation, DisaggregationOption, EarlyWarning, Indicator, WarningRule


class OptionInline(admin.TabularInline):
    model = DisaggregationOption
    extra = 0
    fields = ("position", "code", "name_id", "name_en")


@admin.register(Disaggregation)
class DisaggregationAdmin(admin.ModelAdmin):
    list_display = ("code", "name_id", "name_en", "position")
    inlines = [OptionInline]


@admin.register(WarningRule)
class WarningRuleAdmin(admin.ModelAdmin):
    list_display = ("code", "enabled", "threshold")
    list_editable = ("enabled", "threshold")
    readonly_fields = ("code",)

    def has_add_permission(self, request):
        # A rule needs code that checks it (services.warnings); new codes come with releases.
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Indicator)
class IndicatorAdmin(ReadOnlyAdmin):
    list_display = ("code", "name", "agreement", "kind", "frequency", "status", "progress")
    list_filter = ("status", "kind", "frequency")
    search_fields = ("code", "name", "agreement__reference_code")
    list_select_related = ("agreement",)
    raw_id_fields = ("agreement",)


@admin.register(EarlyWarning)
class EarlyWarningAdmin(ReadOnlyAdmin):
    list_display = ("rule_code", "agreement", "organization", "severity", "first_seen_at")
    list_filter = ("rule_code", "severity")
    list_select_related = ("agreement", "organization")
