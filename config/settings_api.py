"""Settings of the read-only REST API (/api/v1/) and its OpenAPI document; imported at the
end of config/settings.py. The API is anonymous, JSON only and throttled per client address
(the throttle counts in the default cache, shared by the worker processes)."""

from config.env import env_str

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    # Public data only: no sessions, no CSRF, no per-user answers.
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_THROTTLE_CLASSES": ["simpul.portal.api.throttling.ClientThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": env_str("SIMPUL_API_RATE", "300/minute")},
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Simpul open data API",
    "DESCRIPTION": (
        "Read-only access to the public information of Indonesia's regional cooperation "
        "agreements (kerja sama daerah): agreements, parties, indicators and their verified "
        "values, budgets, and the regions reference data. Anonymous, JSON only. Lists are "
        "paginated with `page` and `page_size` (default 50, at most 500; a larger or "
        "non-numeric page_size is a 400). An internal or unknown identifier answers 404. "
        "Simpul's own data is licensed CC BY 4.0; the regions reference data keeps its source "
        "licence (ODbL 1.0) and attribution. Whole datasets: /data/; catalogue (DCAT, "
        "JSON-LD): /data/katalog.jsonld."
    ),
    "VERSION": "1.0.0",
    "LICENSE": {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"},
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": False,
    "DISABLE_ERRORS_AND_WARNINGS": True,
}
