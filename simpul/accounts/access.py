"""Who may see a user's profile history: the user themself and platform admins."""

from typing import TypeAlias

from django.contrib.auth.models import AnonymousUser

from .models import User

# Whoever makes a request: a signed-in user or a visitor. Every access function takes one;
# mypy tells the two apart by `user.is_authenticated` (True for User, False for a visitor).
AnyUser: TypeAlias = User | AnonymousUser


def user_can_view_history(viewer: AnyUser, user: User) -> bool:
    return viewer.is_authenticated and (viewer.is_superuser or viewer.pk == user.pk)
