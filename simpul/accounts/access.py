"""Who may see a user's profile history: the user themself and platform admins."""


def user_can_view_history(viewer, user) -> bool:
    return viewer.is_authenticated and (viewer.is_superuser or viewer.pk == user.pk)
