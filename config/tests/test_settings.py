"""Settings from the environment: a clean production check, clear configuration errors,
security headers, request limits, login throttling and session expiry."""

import os
import secrets
import string
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import timezone

from config import settings as project_settings
from config.database import database_from_url
from config.env import env_secret

MANAGE = Path(settings.BASE_DIR) / "manage.py"
PASSWORD = "kata-sandi-uji-123"

# Variables a developer's shell or the CI job may set; each subprocess starts without them.
SETTINGS_VARIABLES = (
    "SIMPUL_ENV", "DEBUG", "SECRET_KEY", "SECRET_KEY_FILE", "ALLOWED_HOSTS", "DATABASE_URL",
    "CSRF_TRUSTED_ORIGINS", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_HSTS_PRELOAD",
    # Set by the browser tests (Playwright runs an event loop); never set in a deployment.
    "DJANGO_ALLOW_ASYNC_UNSAFE",
)  # fmt: skip


def random_key(length: int = 60) -> str:
    alphabet = string.ascii_letters + string.digits + "!#%&()*+,-./:;<=>?@[]^_{|}~"
    return "".join(secrets.choice(alphabet) for _ in range(length))


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in SETTINGS_VARIABLES}
    return subprocess.run(  # noqa: S603 - our own manage.py, fixed arguments
        [sys.executable, str(MANAGE), *args],
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def production_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    return {
        "SIMPUL_ENV": "production",
        "SECRET_KEY": random_key(),
        "ALLOWED_HOSTS": "simpul.example.go.id",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'production.sqlite3'}",
        "SIMPUL_VAR_DIR": str(tmp_path / "var"),
        **extra,
    }


# --- (a) production passes the deployment checklist ---------------------------------------


def test_production_settings_pass_check_deploy_without_warnings(tmp_path):
    done = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env(tmp_path))
    assert done.returncode == 0, done.stderr + done.stdout
    assert "System check identified no issues" in done.stdout
    assert "WARNINGS" not in done.stderr + done.stdout


def test_production_refuses_a_short_secret_key(tmp_path):
    done = manage("check", env=production_env(tmp_path, SECRET_KEY="too-short"))
    assert done.returncode != 0
    assert "SECRET_KEY (or SECRET_KEY_FILE) must hold at least 50 characters" in done.stderr


# --- (b) a malformed DATABASE_URL is explained --------------------------------------------


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("postgres://u:p@h:notaport/db", "Port could not be cast to integer"),
        ("nonsense", "has no scheme"),
        ("postgres://u:p@h:99999/db", "Port out of range"),
        ("mysql://u:p@h/db", "unsupported engine"),
        ("postgres://u:p@h:5432/", "needs a database name"),
    ],
)
def test_malformed_database_url_raises_a_clear_error(url, message, tmp_path):
    with pytest.raises(ImproperlyConfigured, match=message) as raised:
        database_from_url(url, base_dir=tmp_path)
    assert "DATABASE_URL" in str(raised.value)
    assert ":p@" not in str(raised.value)  # the password is never echoed


def test_database_url_variants_that_are_fine(tmp_path):
    sqlite = database_from_url(f"sqlite:///{tmp_path / 'x.sqlite3'}", base_dir=tmp_path)
    assert sqlite["ENGINE"] == "django.db.backends.sqlite3"
    assert sqlite["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert sqlite["CONN_MAX_AGE"] == 0
    pg = database_from_url("postgres://u:p%40ss@db.internal:5433/simpul", base_dir=tmp_path)
    assert pg["ENGINE"] == "django.db.backends.postgresql"
    assert (pg["HOST"], pg["PORT"], pg["NAME"], pg["PASSWORD"]) == (
        "db.internal",
        5433,
        "simpul",
        "p@ss",
    )


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("postgres://u:p@h:notaport/db", "DATABASE_URL is not a valid database URL"),
        ("nonsense", "DATABASE_URL is not a valid database URL"),
    ],
)
def test_manage_py_check_reports_a_malformed_database_url(url, message):
    done = manage("check", env={"DATABASE_URL": url})
    assert done.returncode != 0
    last_line = done.stderr.strip().splitlines()[-1]
    assert last_line.startswith("django.core.exceptions.ImproperlyConfigured: ")
    assert message in last_line
    # Raised while reading settings, not from deep inside a database driver.
    assert "psycopg" not in done.stderr and "sqlite3.OperationalError" not in done.stderr


# --- (c) secrets from files ---------------------------------------------------------------


def test_secret_key_file_wins_over_the_variable(tmp_path, monkeypatch):
    key_file = tmp_path / "secret_key"
    key_file.write_text("from-the-file\n", encoding="utf-8")
    monkeypatch.setenv("SECRET_KEY", "from-the-variable")
    monkeypatch.setenv("SECRET_KEY_FILE", str(key_file))
    assert env_secret("SECRET_KEY") == "from-the-file"


def test_an_unreadable_secret_file_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("SECRET_KEY_FILE", str(tmp_path / "missing"))
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY_FILE points to an unreadable file"):
        env_secret("SECRET_KEY")


def test_production_reads_secret_key_file(tmp_path):
    key = random_key()
    key_file = tmp_path / "secret_key"
    key_file.write_text(key + "\n", encoding="utf-8")
    env = production_env(tmp_path, SECRET_KEY_FILE=str(key_file))
    del env["SECRET_KEY"]
    done = manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; import hashlib; "
        "print(hashlib.sha256(settings.SECRET_KEY.encode()).hexdigest())",
        env=env,
    )
    assert done.returncode == 0, done.stderr
    import hashlib

    assert done.stdout.strip().splitlines()[-1] == hashlib.sha256(key.encode()).hexdigest()


# --- (d) security headers on a real page ----------------------------------------------------


def _directives(policy: str) -> dict[str, list[str]]:
    result = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            result[words[0]] = words[1:]
    return result


@pytest.mark.django_db
def test_security_headers_on_a_real_page(client):
    response = client.get(reverse("core:about"))
    assert response.status_code == 200
    directives = _directives(response["Content-Security-Policy"])
    assert "'self'" in directives["script-src"]
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-eval'" not in directives["script-src"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


# --- (e) oversize request bodies ----------------------------------------------------------


@pytest.mark.django_db
def test_an_oversize_post_body_gets_400_not_500(client):
    body = b"description=" + b"x" * settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    response = client.post(
        reverse("accounts:login"), body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400


@pytest.mark.django_db
def test_too_many_form_fields_get_400(client):
    body = "&".join(f"f{i}=1" for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))
    response = client.post(
        reverse("accounts:login"), body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400


# --- (f) login throttling -------------------------------------------------------------------


def _sign_in(client, email: str, password: str, ip: str):
    return client.post(
        reverse("accounts:login"), {"username": email, "password": password}, REMOTE_ADDR=ip
    )


@pytest.mark.django_db
def test_five_failures_lock_the_account_from_that_address_only(client, django_user_model):
    email = "sari@example.go.id"
    django_user_model.objects.create_user(email=email, password=PASSWORD, full_name="Sari")
    attacker, office = "203.0.113.66", "198.51.100.10"
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _sign_in(client, email, "salah-sandi", attacker).status_code == 200
    assert _sign_in(client, email, "salah-sandi", attacker).status_code == 429

    # The right password from the same address is refused while the lock lasts …
    locked = _sign_in(client, email, PASSWORD, attacker)
    assert locked.status_code == 429
    assert "accounts/locked_out.html" in [t.name for t in locked.templates]
    assert "_auth_user_id" not in client.session

    # … but the account's owner, elsewhere, still signs in.
    signed_in = _sign_in(client, email, PASSWORD, office)
    assert signed_in.status_code == 302
    assert client.session["_auth_user_id"]


@pytest.mark.django_db
def test_the_lock_ends_after_the_cool_off(client, django_user_model):
    email = "budi@example.go.id"
    django_user_model.objects.create_user(email=email, password=PASSWORD, full_name="Budi")
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, email, "salah-sandi", "203.0.113.66")
    assert _sign_in(client, email, PASSWORD, "203.0.113.66").status_code == 429
    later = timezone.now() + timedelta(hours=settings.AXES_COOLOFF_TIME, minutes=1)
    with time_machine.travel(later, tick=False):
        assert _sign_in(client, email, PASSWORD, "203.0.113.66").status_code == 302


# --- (g) sessions -----------------------------------------------------------------------------


def test_session_settings():
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is False
    assert project_settings.SESSION_RENEW_SECONDS == 5 * 60
    assert settings.SESSION_COOKIE_HTTPONLY is True
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is False


@pytest.mark.django_db
def test_sessions_expire_after_eight_idle_hours_and_each_request_renews_them(
    client, django_user_model, settings
):
    settings.SESSION_RENEW_SECONDS = project_settings.SESSION_RENEW_SECONDS
    email = "dewi@example.go.id"
    django_user_model.objects.create_user(email=email, password=PASSWORD, full_name="Dewi")
    profile = reverse("accounts:profile")
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert _sign_in(client, email, PASSWORD, "198.51.100.10").status_code == 302
    # Seven hours later the session is alive, and the request renews it …
    with time_machine.travel(start + timedelta(hours=7), tick=False):
        response = client.get(profile)
        assert response.status_code == 200
        assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == 8 * 60 * 60
    # … so fourteen hours after signing in it is still alive (7 idle hours) …
    with time_machine.travel(start + timedelta(hours=14), tick=False):
        assert client.get(profile).status_code == 200
    # … and a page opened a minute later does not write the session again …
    with time_machine.travel(start + timedelta(hours=14, minutes=1), tick=False):
        response = client.get(profile)
        assert response.status_code == 200
        assert settings.SESSION_COOKIE_NAME not in response.cookies
    # … but after more than eight idle hours it has expired.
    with time_machine.travel(start + timedelta(hours=22, minutes=1), tick=False):
        response = client.get(profile)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.django_db
def test_a_deactivated_users_next_request_is_anonymous(client, django_user_model):
    email = "eko@example.or.id"
    user = django_user_model.objects.create_user(email=email, password=PASSWORD, full_name="Eko")
    assert _sign_in(client, email, PASSWORD, "198.51.100.10").status_code == 302
    assert client.get(reverse("accounts:profile")).status_code == 200

    user.is_active = False
    user.save()

    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert response.wsgi_request.user.is_anonymous
