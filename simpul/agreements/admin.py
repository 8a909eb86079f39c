"""Admin pages for platform administrators: the configurable stage machine, dispute levels,
and read-only views of agreements (agreements change only through their own pages, so every
move is an event)."""

from django.contrib import admin

from .models import (
    Agreement,
    DisputeLevel,
    GovernmentAffair,
    Stage,
    Transition,
    Workflow,
)


class StageInline(admin.TabularInline):
    model = Stage
    extra = 0
    fields = ("position", "code", "name_id", "name_en", "kind", "counts_as_active")


class TransitionInline(admin.TabularInline):
    model = Transition
    extra = 0
    fields = (
        "position",
        "code",
        "name_id",
        "name_en",
        "action_id",
        "action_en",
        "emphasis",
        "source",
        "target",
        "allowed_roles",
        "required_documents",
        "rules",
    )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # Offer only the stages of the workflow being edited.
        if db_field.name in {"source", "target"}:
            workflow_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = Stage.objects.filter(workflow_id=workflow_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Workflow)
class WorkflowAdmin(admin.ModelAdmin):
    list_display = ("name", "family", "region")
    list_filter = ("family",)
    search_fields = ("name", "region__name")
    raw_id_fields = ("region",)
    inlines = [StageInline, TransitionInline]


@admin.register(DisputeLevel)
class DisputeLevelAdmin(admin.ModelAdmin):
    list_display = ("position", "code", "name_id", "name_en")
    ordering = ("position",)


@admin.register(GovernmentAffair)
class GovernmentAffairAdmin(admin.ModelAdmin):
    list_display = ("position", "code", "name_id", "name_en", "group")
    list_filter = ("group",)

    # The closed list of UU 23/2014 Pasal 12: loaded by migration, never edited here.
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Agreement)
class AgreementAdmin(admin.ModelAdmin):
    list_display = ("reference_code", "title", "family", "category", "state", "end_date")
    list_filter = ("family", "category", "state")
    search_fields = ("reference_code", "title")
    list_select_related = ("owner",)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
