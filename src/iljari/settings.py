"""The one settings module. What differs per city or machine comes from environment variables.

ILJARI_DATABASE_URL  postgres://… or sqlite:///…; unset means the embedded SQLite file in the var directory
ILJARI_VAR_DIR       database, keys, indexes, uploads (default: ./var in the checkout)
ILJARI_KEY_FILE      the personal-data encryption key (default: VAR_DIR/iljari.key)
ILJARI_CITY_DIR      the city's own data (desks, target groups, 동 list); default: Ansan
ILJARI_DEBUG         "1" for development error pages
ILJARI_ALLOWED_HOSTS comma-separated host names the server answers to
ILJARI_PUBLIC_REGISTER_RATE  public event sign-ups per address, e.g. "30/10m" (default)
ILJARI_HTTPS         "1" when served behind TLS: Secure cookies, HSTS, redirect to https
ILJARI_API_TOKEN_DAYS  how long an API token lives (default 90)
ILJARI_LOGIN_FAILURES_PER_ADDRESS  failed logins from one address, any account, before it waits (15)
ILJARI_BACKGROUND    "queue" (default): background work waits in the database for ``iljari worker``;
                     "inline": it runs at once in the process that asks (tests, one-off scripts)
ILJARI_MATCH_RAY     where the nightly 일괄 추천 runs: unset in the worker's process, "local" a Ray instance
                     on this machine, "auto" the Ray cluster it belongs to, or a cluster address
ILJARI_MATCH_WORKERS processes (or Ray CPUs with "local") the nightly 일괄 추천 uses (default 1)
ILJARI_WORKER_LEASE  seconds without a heartbeat after which a worker on another machine counts as dead
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, SELF

from iljari.paths import var_dir

VAR_DIR = var_dir()
VAR_DIR.mkdir(parents=True, exist_ok=True)
APP_DIR = Path(__file__).resolve().parent


def _secret_key() -> str:
    """The Django signing key: from the environment, else a file made once per machine."""
    if os.environ.get("ILJARI_SECRET_KEY"):
        return os.environ["ILJARI_SECRET_KEY"]
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = os.environ.get("ILJARI_DEBUG") == "1"
ALLOWED_HOSTS = os.environ.get("ILJARI_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")

ILJARI_KEY_FILE = Path(os.environ.get("ILJARI_KEY_FILE") or VAR_DIR / "iljari.key")
# Background work (imports, reindexing, reports, nightly jobs) is queued in the database and run by
# `iljari worker`; "inline" runs it at once where nothing may outlive a request (tests).
ILJARI_BACKGROUND = os.environ.get("ILJARI_BACKGROUND", "queue")
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend"
        if ILJARI_BACKGROUND == "inline"
        else "django_tasks_db.DatabaseBackend",
    }
}
# A worker beats every ILJARI_WORKER_BEAT seconds. One on this machine is known dead as soon as its
# process is gone; one elsewhere (PostgreSQL with workers on several hosts) after the lease runs out.
ILJARI_WORKER_BEAT = 10
ILJARI_WORKER_LEASE = int(os.environ.get("ILJARI_WORKER_LEASE", "60"))
# Self-registration from a poster's QR code, per address: enough for a queue at a venue's Wi-Fi.
ILJARI_MATCH_RAY = os.environ.get("ILJARI_MATCH_RAY", "")
ILJARI_MATCH_WORKERS = int(os.environ.get("ILJARI_MATCH_WORKERS", "1"))
ILJARI_PUBLIC_REGISTER_RATE = os.environ.get("ILJARI_PUBLIC_REGISTER_RATE", "30/10m")
ILJARI_CITY_DIR = Path(os.environ.get("ILJARI_CITY_DIR") or APP_DIR / "reference" / "cities" / "ansan")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "iljari.core",
    "iljari.accounts",
    "iljari.reference",
    "iljari.privacy",
    "iljari.notify",
    "iljari.seekers",
    "iljari.employers",
    "iljari.vacancies",
    "iljari.referrals",
    "iljari.events",
    "iljari.discovery",
    "iljari.training",
    "iljari.transfer",
    "iljari.matching",
    "iljari.safety",
    "iljari.reports",
    "iljari.portal",
    "iljari.front",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "iljari.core.middleware.SessionRefreshMiddleware",
    "iljari.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    "iljari.core.middleware.NoStoreMiddleware",
    "iljari.privacy.history.HistoryRequestMiddleware",
]

ROOT_URLCONF = "iljari.front.urls"
WSGI_APPLICATION = "iljari.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "csp.context_processors.nonce",
                "iljari.front.context_processors.demo_flag",
                "iljari.front.context_processors.menu",
                "iljari.front.context_processors.city",
                "iljari.portal.context.portal",
            ],
        },
    },
]


# IMMEDIATE takes the write lock at BEGIN, so writers from several threads and processes queue
# (up to the timeout) instead of failing half-way; WAL lets readers continue while one writes.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 30,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}


def _databases() -> dict:
    """The embedded SQLite file by default, or ILJARI_DATABASE_URL (PostgreSQL or another SQLite file).

    A SQLite database gets the options above whichever way it is named (options in the URL win),
    and every database keeps its connection across requests: reconnecting is a cost per page.
    """
    url = os.environ.get("ILJARI_DATABASE_URL")
    if url:
        database = dj_database_url.parse(url, conn_max_age=600, conn_health_checks=True)
    else:
        database = {"ENGINE": "django.db.backends.sqlite3", "NAME": VAR_DIR / "iljari.sqlite3", "CONN_MAX_AGE": 600}
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database["OPTIONS"] = {**SQLITE_OPTIONS, **database.get("OPTIONS", {})}
        database["CONN_HEALTH_CHECKS"] = False  # a file does not drop the connection
        database["TEST"] = {"NAME": os.environ.get("ILJARI_TEST_SQLITE") or None}
    return {"default": database}


DATABASES = _databases()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "core/locked_out.html"
# Failures from one address across all accounts before that address must wait out the cool-off. A 동
# desk's PCs share one address, so this is higher than the per-account limit.
ILJARI_LOGIN_FAILURES_PER_ADDRESS = int(os.environ.get("ILJARI_LOGIN_FAILURES_PER_ADDRESS", "15"))
# Text messages to the public: console (development), file (VAR_DIR/outbox) or solapi (production).
ILJARI_SMS_BACKEND = os.environ.get("ILJARI_SMS_BACKEND", "console")
ILJARI_SOLAPI_KEY = os.environ.get("ILJARI_SOLAPI_KEY", "")
ILJARI_SOLAPI_SECRET = os.environ.get("ILJARI_SOLAPI_SECRET", "")
ILJARI_SMS_FROM = os.environ.get("ILJARI_SMS_FROM", "")
# API tokens expire; a program asks for a new one (iljari token create) before then.
ILJARI_API_TOKEN_DAYS = int(os.environ.get("ILJARI_API_TOKEN_DAYS", "90"))

# Shared PCs at 동 desks: a session ends with the browser and after 30 idle minutes (give or
# take the one minute between refreshes: a session is not written on every page).
SESSION_COOKIE_AGE = 30 * 60
SESSION_REFRESH_SECONDS = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
# Served behind TLS (ILJARI_HTTPS=1): cookies only over HTTPS, HSTS, and plain HTTP redirected. A proxy
# in front says the original scheme with X-Forwarded-Proto.
ILJARI_HTTPS = os.environ.get("ILJARI_HTTPS") == "1"
if ILJARI_HTTPS:
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 365 * 24 * 3600
    SECURE_HSTS_INCLUDE_SUBDOMAINS = os.environ.get("ILJARI_HSTS_SUBDOMAINS", "1") == "1"
    SECURE_HSTS_PRELOAD = os.environ.get("ILJARI_HSTS_PRELOAD", "1") == "1"
    CSRF_TRUSTED_ORIGINS = [f"https://{host}" for host in ALLOWED_HOSTS if host not in ("127.0.0.1", "localhost")]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        # Inline SVG charts carry their own <style>; scripts stay nonce-only.
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", "blob:"],
        "connect-src": [SELF],
        "font-src": [SELF],
        "frame-ancestors": ["'none'"],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": ["'none'"],
    },
}

LANGUAGE_CODE = "ko"
LANGUAGES = [
    ("ko", "한국어"),
    ("en", "English"),
    ("vi", "Tiếng Việt"),
    ("zh-hans", "中文"),
    ("ru", "Русский"),
    ("uz", "Oʻzbekcha"),
    ("th", "ไทย"),
    ("ne", "नेपाली"),
    ("km", "ខ្មែរ"),
    ("mn", "Монгол"),
]
LOCALE_PATHS = [APP_DIR / "locale"]
TIME_ZONE = "Asia/Seoul"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": VAR_DIR / "uploads"}},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Finders also serve app static files when collectstatic has not run (tests, a first start).
WHITENOISE_USE_FINDERS = True

# Computed reports are cached on disk, keyed by the data version, so every process shares them.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": VAR_DIR / "cache",
        "TIMEOUT": 60 * 60 * 24 * 7,
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"iljari": {"level": "INFO"}, "bm25s": {"level": "WARNING"}},
}
