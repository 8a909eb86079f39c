from django.contrib import admin
from django.db import models

from .models import Invitation, Membership, Organization


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ("user",)
    fields = ("user", "role")


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ("name", "acronym", "kind", "region", "parent", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "acronym", "region__name", "region__code")
    list_select_related = ("region", "parent")
    autocomplete_fields = ("region", "parent", "member_regions")
    inlines = [MembershipInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_queryset(self, request):
        return super().get_queryset(request).defer("region__boundary", "region__bbox")


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "organization", "role", "created_at")
    list_filter = ("role", "organization__kind")
    search_fields = ("user__email", "user__full_name", "organization__name")
    list_select_related = ("user", "organization")
    autocomplete_fields = ("user", "organization")


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = (
        "email",
        "organization",
        "role",
        "status",
        "invited_by",
        "expires_at",
        "sent_at",
    )
    list_filter = ("status", "role")
    search_fields = ("email", "organization__name")
    list_select_related = ("organization", "invited_by")
    autocomplete_fields = ("organization", "invited_by", "accepted_by")
    readonly_fields = ("token_nonce", "sent_at", "accepted_at", "accepted_by")
