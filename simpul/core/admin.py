from typing import Any

from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import outbox
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
    actions = ["send_again"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_resend_permission(self, request: HttpRequest) -> bool:
        # The rows stay read-only; resending is the one change an operator may ask for.
        return request.user.has_perm("core.change_outboxmessage")

    @admin.action(description=_("Send again"), permissions=["resend"])
    def send_again(self, request: HttpRequest, queryset: QuerySet[OutboxMessage]) -> None:
        """Failed rows go back to the worker with fresh attempts; nothing is sent in this
        request, so a slow or broken mail server never holds up the admin."""
        failed = list(
            queryset.filter(status=OutboxMessage.Status.FAILED).values_list("pk", flat=True)
        )
        reset = outbox.send_again(failed)
        self.message_user(
            request,
            ngettext(
                "%(count)d failed e-mail will be sent again by the worker.",
                "%(count)d failed e-mails will be sent again by the worker.",
                reset,
            )
            % {"count": reset},
        )
