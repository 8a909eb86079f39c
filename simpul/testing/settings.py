"""Settings every test runs with (conftest.py applies them per test; the session cast is built
under them too, so its passwords use the same fast hasher the tests sign in with)."""

TEST_SETTINGS = {
    "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
    "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    "TASKS": {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
}


def private_cache(location: str) -> dict:
    """An in-memory cache of its own: cached public pages never leak between tests."""
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": location,
        }
    }
