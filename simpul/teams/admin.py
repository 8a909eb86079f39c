from django.contrib import admin

from .models import Competency, SelectionCriterion


@admin.register(Competency)
class CompetencyAdmin(admin.ModelAdmin[Competency]):
    """The maintained competency list: data, edited here; teams copy the defaults when formed."""

    list_display = ("code", "name", "name_en", "position", "required_by_default", "is_active")
    list_editable = ("position", "required_by_default", "is_active")
    search_fields = ("code", "name", "name_en")


@admin.register(SelectionCriterion)
class SelectionCriterionAdmin(admin.ModelAdmin[SelectionCriterion]):
    list_display = ("code", "name", "name_en", "position", "is_active")
    list_editable = ("position", "is_active")
    search_fields = ("code", "name", "name_en")
