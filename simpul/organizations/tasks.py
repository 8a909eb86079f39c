"""Background work for organisations: sending invitation e-mails."""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from simpul.audit.context import acting_as, system_actor
from simpul.core import outbox

from .models import Invitation


def invitation_language(invitation: Invitation) -> str:
    """The inviter's preferred language, else the site's default (Bahasa Indonesia)."""
    inviter = invitation.invited_by
    languages = {code for code, _name in settings.LANGUAGES}
    if inviter is not None and inviter.preferred_language in languages:
        return inviter.preferred_language
    return settings.LANGUAGE_CODE


@task()
def send_invitation_email(invitation_id: int) -> bool:
    """Put the invitation e-mail in the outbox once. Idempotent: an invitation that was sent
    already, or is no longer pending, is left alone (returns False). `sent_at` is set in the
    same transaction as the outbox row, which the worker then delivers; the key names the
    link's nonce, so a resent invitation (new link) is a new e-mail."""
    from .services import invitation_token

    with acting_as(system_actor("send_invitation_email")), transaction.atomic():
        invitation = (
            # Lock the invitation row only: invited_by may be empty (an outer join), and
            # PostgreSQL cannot lock the nullable side of one.
            Invitation.objects.select_for_update(of=("self",))
            .select_related("organization", "invited_by")
            .filter(pk=invitation_id)
            .first()
        )
        if (
            invitation is None
            or invitation.sent_at is not None
            or invitation.status != Invitation.Status.PENDING
            or invitation.is_expired
        ):
            return False
        path = reverse(
            "organizations:invitation-accept", kwargs={"token": invitation_token(invitation)}
        )
        context = {
            "invitation": invitation,
            "organization": invitation.organization,
            "inviter": invitation.invited_by,
            "role": invitation.get_role_display(),
            "accept_url": settings.SITE_URL + path,
            "site_url": settings.SITE_URL,
            "max_age_days": settings.SIMPUL_INVITATION_MAX_AGE_DAYS,
        }
        with translation.override(invitation_language(invitation)):
            context["role"] = str(invitation.get_role_display())
            subject = render_to_string("organizations/emails/invitation_subject.txt", context)
            body = render_to_string("organizations/emails/invitation_body.txt", context)
        outbox.enqueue(
            key=f"invitation:{invitation.pk}:{invitation.token_nonce}",
            to=invitation.email,
            subject=subject,
            text=body,
            language=invitation_language(invitation),
        )
        invitation.sent_at = timezone.now()
        invitation.save(update_fields=["sent_at", "updated_at"])
    return True
