"""Simpul settings: one module, driven by the environment (see .env.example).

Production differs from development only through environment variables; with
SIMPUL_ENV=production the secure defaults below switch on and `check --deploy` is clean.
"""

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from config.database import database_from_url
from config.env import env_bool, env_int, env_list, env_secret, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("SIMPUL_VAR_DIR", str(BASE_DIR / "var")))

SIMPUL_ENV = env_str("SIMPUL_ENV", "development")
PRODUCTION = SIMPUL_ENV == "production"

DEBUG = env_bool("DEBUG", default=not PRODUCTION)
SECRET_KEY = env_secret("SECRET_KEY", "" if PRODUCTION else "dev-only-insecure-key-change-me")
if PRODUCTION and len(SECRET_KEY) < 50:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("SECRET_KEY (or SECRET_KEY_FILE) must hold at least 50 characters")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Third party
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "rest_framework",
    "drf_spectacular",
    # Simpul, in dependency order: core ← accounts, regions ← organizations ← domain apps
    "simpul.core",
    "simpul.audit",
    "simpul.accounts",
    "simpul.regions",
    "simpul.organizations",
    "simpul.search",
    "simpul.notifications",
    "simpul.agreements",
    "simpul.teams",
    "simpul.stakeholders",
    "simpul.plans",
    "simpul.monitoring",
    "simpul.reports",
    "simpul.publication",
    "simpul.meetings",
    "simpul.knowledge",
    "simpul.potentials",
    "simpul.discussions",
    "simpul.consultations",
    "simpul.surveys",
    "simpul.complaints",
    "simpul.scorecard",
    "simpul.ideas",
    "simpul.portal",
    # Interface apps: no domain models of their own
    "simpul.dashboard",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "simpul.accounts.middleware.SessionRenewalMiddleware",
    "simpul.accounts.middleware.ActiveUserTimezoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simpul.audit.middleware.AuditContextMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "simpul.core.context_processors.site",
            ],
        },
    },
]

# Every form field is drawn by one template (label, widget, error, help; aria-linked).
FORM_RENDERER = "simpul.core.forms.SiteFormRenderer"

DATABASES = {"default": database_from_url(env_str("DATABASE_URL"), base_dir=BASE_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "dashboard:home"
LOGOUT_REDIRECT_URL = "dashboard:home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login throttling (django-axes): lock a username+IP pair after 5 failures for 15 minutes.
# Locking on the pair, not the account alone, means an attacker cannot lock a victim out
# from another address; the victim can always reset the password.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "simpul.accounts.axes.username_from_request"
AXES_CLIENT_IP_CALLABLE = "simpul.core.net.client_ip"
# Behind a reverse proxy, set how many proxies we run in front of Django; throttling and the
# audit trail then read the client address from X-Forwarded-For (see simpul/core/net.py).
SIMPUL_TRUSTED_PROXY_COUNT = env_int("SIMPUL_TRUSTED_PROXY_COUNT", 0)
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# Sessions: expire after two weeks at most, and after 8 idle hours (a working day).
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
# Renewed while in use, at most once every 5 minutes (simpul.accounts.middleware), instead of
# SESSION_SAVE_EVERY_REQUEST's database write on every page view.
SESSION_RENEW_SECONDS = env_int("SIMPUL_SESSION_RENEW_SECONDS", 5 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "simpul.core.views.csrf_failure"

# Request and upload limits: refuse oversize bodies before they reach a view.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 5 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
DATA_UPLOAD_MAX_NUMBER_FILES = 20
SIMPUL_MAX_UPLOAD_BYTES = env_int("SIMPUL_MAX_UPLOAD_BYTES", 20 * 1024 * 1024)
# Knowledge videos are links, never embedded: only to these hosts (and their subdomains).
# A region adds its own site (e.g. "jogjakota.go.id") through SIMPUL_KNOWLEDGE_VIDEO_HOSTS.
SIMPUL_KNOWLEDGE_VIDEO_HOSTS = [
    "youtube.com",
    "youtu.be",
    "vimeo.com",
    *env_list("SIMPUL_KNOWLEDGE_VIDEO_HOSTS", []),
]

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
    if not SECURE_HSTS_PRELOAD:
        # Preloading binds the whole domain for months and is the domain owner's call (for
        # a .go.id subdomain, the agency's), so it stays opt-in and its warning is silenced.
        SILENCED_SYSTEM_CHECKS = ["security.W021"]

# Content-Security-Policy: only our own scripts run; no inline script, no eval, no CDN.
# Leaflet positions map panes with inline style attributes, hence 'unsafe-inline' for
# styles only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# Internationalisation: Bahasa Indonesia first, English second.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Jakarta"  # WIB; each signed-in user sees their region's zone
# One date policy per language ("7 Desember 2026", "7 Des 2026", "18.35 WIB"): config/formats.
FORMAT_MODULE_PATH = ["config.formats"]
# Grouping only where a template asks for it (intcomma, floatformat:"2g"): a global
# separator would also print ids as "3.331" in URLs, ids and form values.
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # Front-end libraries come from the npm registry at install time (make setup).
    ("vendor", BASE_DIR / "node_modules"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"

# A file cache by default: shared by every worker process on the machine, so publishing or
# unpublishing (simpul.core.public_cache.bump) takes effect for all of them at once. Several
# machines would point SIMPUL_CACHE_URL-style settings at Redis (docs/architecture.md).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(VAR_DIR / "cache"),
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    }
}
# How long an anonymous visitor's public page is kept (seconds); publication changes clear it.
PUBLIC_CACHE_SECONDS = env_int("SIMPUL_PUBLIC_CACHE_SECONDS", 120)
# Abuse limits for the public forms (per client address, per hour).
PUBLIC_FORM_LIMIT_PER_HOUR = env_int("SIMPUL_PUBLIC_FORM_LIMIT_PER_HOUR", 5)

# Background work: database-backed queue, run by `manage.py worker`.
TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}
SIMPUL_WORKER_HEARTBEAT_SECONDS = env_int("SIMPUL_WORKER_HEARTBEAT_SECONDS", 5)
SIMPUL_WORKER_STALE_SECONDS = env_int("SIMPUL_WORKER_STALE_SECONDS", 30)
# Whether the worker's heartbeat enqueues the periodic tasks (simpul.core.schedule). Tests that
# run one task in a real worker switch it off, so the day's scheduled mail does not join in.
SIMPUL_WORKER_SCHEDULE = env_bool("SIMPUL_WORKER_SCHEDULE", True)

# E-mail: SMTP in production; the demo prints mail to the worker's console.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Simpul <noreply@simpul.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The partner finder (simpul.potentials.finder): each reason contributes weight × factor points.
# Factors: border 1; match = the number of terms where one's problem is the other's potential;
# same_problem = the number of shared problems; ties 1 when already parties together; distance
# = max(0, 1 - km / distance_max_km) between label points; size = smaller / larger population;
# practice 1 when the candidate published or adopted a good practice in the affair.
SIMPUL_PARTNER_FINDER = {
    "weights": {
        "border": 3,
        "match": 4,
        "same_problem": 2,
        "ties": 1,
        "distance": 2,
        "size": 1,
        "practice": 1,
    },
    "distance_max_km": 300,
}

# The outbox (simpul.core.outbox): a failed delivery is retried after RETRY_SECONDS, doubling
# each time up to RETRY_MAX_SECONDS, and given up after MAX_ATTEMPTS (about eight hours).
SIMPUL_OUTBOX_RETRY_SECONDS = env_int("SIMPUL_OUTBOX_RETRY_SECONDS", 60)
SIMPUL_OUTBOX_RETRY_MAX_SECONDS = env_int("SIMPUL_OUTBOX_RETRY_MAX_SECONDS", 6 * 3600)
SIMPUL_OUTBOX_MAX_ATTEMPTS = env_int("SIMPUL_OUTBOX_MAX_ATTEMPTS", 10)
# Sent rows are deleted this many days after they left; failed rows are kept.
SIMPUL_OUTBOX_KEEP_SENT_DAYS = env_int("SIMPUL_OUTBOX_KEEP_SENT_DAYS", 90)

SIMPUL_INVITATION_MAX_AGE_DAYS = env_int("SIMPUL_INVITATION_MAX_AGE_DAYS", 7)
# A stakeholder contribution above this many rupiah is refused as a typing error (Rp 1 T).
SIMPUL_CONTRIBUTION_MAX_RUPIAH = env_int("SIMPUL_CONTRIBUTION_MAX_RUPIAH", 10**12)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

from config.settings_api import *  # noqa: E402, F403
