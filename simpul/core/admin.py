from typing import Any

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from .models import OutboxMessage, WorkerHeartbeat


@admin.register(WorkerHeartbeat)
class WorkerHeartbeatAdmin(admin.ModelAdmin[WorkerHeartbeat]):
    """Running workers, for operators; written only by `manage.py worker`."""

    list_display = ["worker_id", "hostname", "pid", "started_at", "last_seen"]
    ordering = ["-last_seen"]
    readonly_fields = ["worker_id", "hostname", "pid", "started_at", "last_seen"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin[OutboxMessage]):
    """Every e-mail the platform sends, for operators to see what failed and why; written only
    by simpul.core.outbox (a sent row keeps no body)."""

    list_display = [
        "created_at",
        "key",
        "recipient",
        "status",
        "attempts",
        "next_attempt_at",
        "sent_at",
        "last_error",
    ]
    list_filter = ["status"]
    search_fields = ["key", "recipient", "message_id"]
    ordering = ["-created_at", "-pk"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "key",
        "recipient",
        "from_email",
        "subject",
        "language",
        "headers",
        "message_id",
        "status",
        "attempts",
        "next_attempt_at",
        "claimed_by",
        "claimed_at",
        "sent_at",
        "last_error",
        "created_at",
        "updated_at",
    ]
    exclude = ["text", "html", "claim_token"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
