"""Writes for user accounts. Views call these."""

from django.db import transaction

from .models import User

PROFILE_FIELDS = ("full_name", "position", "phone", "preferred_language")


@transaction.atomic
def profile_update(
    *, user: User, full_name: str, position: str, phone: str, preferred_language: str
) -> User:
    """Save the person's own profile fields; the audit log records what changed."""
    user.full_name = full_name.strip()
    user.position = position.strip()
    user.phone = phone.strip()
    user.preferred_language = preferred_language
    user.save(update_fields=list(PROFILE_FIELDS))
    return user
