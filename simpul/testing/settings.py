"""Settings every test runs with (conftest.py applies them per test; the session cast is built
under them too, so its passwords use the same fast hasher the tests sign in with)."""

TEST_SETTINGS = {
    "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
    "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    "TASKS": {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
    # Every test `Client` loads the middleware anew; WhiteNoise would then index every static
    # file (node_modules included) each time, most of a matrix visit's cost. Looking files up
    # when asked serves the browser tests just the same.
    "WHITENOISE_AUTOREFRESH": True,
    # A session is renewed at most every 5 minutes in production; within a test it is never
    # renewed, so a page's query count does not depend on how long ago the cast was built.
    # The renewal itself is tested with the production value (config/tests/test_settings.py).
    "SESSION_RENEW_SECONDS": 24 * 60 * 60,
}


def private_cache(location: str) -> dict:
    """An in-memory cache of its own: cached public pages never leak between tests."""
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": location,
        }
    }
