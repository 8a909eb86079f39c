"""Admin pages: the national default rules are editable (each change is audited and makes
the cached public pages stale); decisions, consents and events are read-only here, since
they change only through the agreement's Publication tab, with a reason."""

from django.contrib import admin

from simpul.core import public_cache

from .models import PublicationConsent, PublicationDecision, PublicationEvent, PublicationRule


@admin.register(PublicationRule)
class PublicationRuleAdmin(admin.ModelAdmin):
    list_display = ("kind", "stage_code", "is_public")
    list_editable = ("is_public",)
    list_filter = ("kind", "is_public")
    search_fields = ("stage_code",)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        public_cache.bump()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        public_cache.bump()

    def delete_queryset(self, request, queryset):
        for rule in queryset:  # one by one, so each deletion is audited
            rule.delete()
        public_cache.bump()


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PublicationDecision)
class PublicationDecisionAdmin(ReadOnlyAdmin):
    list_display = ("agreement", "kind", "target_id", "is_public", "decided_by", "decided_at")
    list_filter = ("kind", "is_public")
    search_fields = ("agreement__reference_code", "reason")
    list_select_related = ("agreement", "decided_by")


@admin.register(PublicationEvent)
class PublicationEventAdmin(ReadOnlyAdmin):
    list_display = ("agreement", "kind", "target_id", "action", "is_public", "actor_label")
    list_filter = ("kind", "action", "is_public")
    search_fields = ("agreement__reference_code", "reason", "actor_label")
    list_select_related = ("agreement",)


@admin.register(PublicationConsent)
class PublicationConsentAdmin(ReadOnlyAdmin):
    list_display = ("document", "party", "given_by", "created_at")
    list_select_related = ("document", "party__organization", "given_by")
