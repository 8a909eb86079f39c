from django.contrib import admin

from .models import Record, Term


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ["code", "affair", "potential_id", "problem_id", "position"]
    list_filter = ["affair"]
    search_fields = ["code", "potential_id", "potential_en", "problem_id", "problem_en"]


@admin.register(Record)
class RecordAdmin(admin.ModelAdmin):
    list_display = ["region", "term", "kind", "source", "year", "is_published"]
    list_filter = ["kind", "source", "is_published"]
    raw_id_fields = ["region", "term", "created_by"]
