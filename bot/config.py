"""Settings from the environment (all optional). Built once in ``main`` and passed down."""

from __future__ import annotations

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEV_PHONE_HASH_KEY = "tthc-bot-dev-key-change-me"


class Settings(BaseSettings):
    """Environment variables of the contract (DESIGN section 7)."""

    model_config = SettingsConfigDict(env_file=None, extra="ignore", case_sensitive=False)

    database_url: str = "sqlite+aiosqlite:///./var/tthc.db"
    host: str = "127.0.0.1"
    port: int = 8080
    log_level: str = "INFO"

    telegram_bot_token: str | None = None
    telegram_base_url: str | None = None  # PTB base_url, e.g. http://127.0.0.1:8081/bot
    telegram_base_file_url: str | None = None
    telegram_webhook_url: str | None = None
    telegram_webhook_secret: str | None = None
    # the staff group: each handoff is posted there; a reply to it answers the citizen
    telegram_staff_chat_id: str | None = None
    # a ward's own staff group, ``CODE:CHAT_ID,...``: its handoffs go there, not to the above
    telegram_staff_ward_chats: str = ""

    zalo_bot_token: str | None = None
    zalo_bot_base_url: str = "https://bot-api.zaloplatforms.com"
    zalo_bot_webhook_secret: str | None = None
    zalo_bot_webhook_url: str | None = None

    zalo_oa_app_id: str | None = None
    zalo_oa_secret_key: str | None = None  # OA secret key for X-ZEvent-Signature
    zalo_oa_app_secret: str | None = None  # app secret for the token refresh
    zalo_oa_access_token: str | None = None
    zalo_oa_refresh_token: str | None = None
    zalo_oa_api_base_url: str = "https://openapi.zalo.me"
    zalo_oa_oauth_base_url: str = "https://oauth.zaloapp.com"

    staff_api_token: str | None = None  # the provincial admin's: every ward
    # ward officers' tokens, "CODE:TOKEN,CODE:TOKEN": each sees only its ward's data
    staff_ward_tokens: str = ""
    # key for the phone-number hashes; a deployment must set its own secret
    phone_hash_key: str = Field(default=DEV_PHONE_HASH_KEY)

    # the phone a Zalo OA citizen gives for ZNS notices is stored encrypted with this key;
    # unset: derived from PHONE_HASH_KEY
    phone_encryption_key: str | None = None
    zalo_zns_api_base_url: str = "https://business.openapi.zalo.me"
    zalo_zns_template_status: str | None = None  # ZNS template of a dossier status change
    zalo_zns_template_staff_reply: str | None = None  # ZNS template of a staff message

    # delivery: durable inbox, workers, shedding
    inbox_workers: int = Field(default=8, ge=1, le=256)  # background turns in flight
    max_turns_in_flight: int = Field(default=16, ge=1, le=1024)  # all turns of a worker
    inbox_lease_s: float = Field(default=30.0, gt=0)  # a dead worker's chats are retaken
    inbox_poll_s: float = Field(default=0.5, gt=0)
    # how long an update waits for an earlier one of its chat still being stored elsewhere
    inbox_settle_s: float = Field(default=0.2, ge=0)
    db_pool_size: int = Field(default=20, ge=1)
    db_pool_timeout_s: float = Field(default=3.0, gt=0)  # never wait 30 s for a connection
    api_chat_timeout_s: float = Field(default=15.0, gt=0)
    api_chat_per_minute: int = Field(default=60, ge=1)  # per client address
    api_chat_burst: int = Field(default=20, ge=1)
    trusted_proxies: str = ""  # comma-separated addresses whose X-Forwarded-For is believed
    web_session_secret: str | None = None  # signs the web chat cookie; unset: derived

    # dossier lookups: a failure budget per receipt code across all chats
    lookup_code_max_failures: int = Field(default=10, ge=1)
    lookup_code_lock_hours: float = Field(default=24.0, gt=0)

    status_source_url: str | None = None  # one-stop software API for dossier statuses
    demo_data: bool = True  # load demo dossiers into an empty database on first start
    conversation_timeout_min: int = 30

    # handoff to staff: no first reply within this many minutes -> the citizen is told and
    # it becomes a ticket; the question log, votes and closed handoffs are kept this long
    handoff_wait_min: int = Field(default=10, ge=1, le=24 * 60)
    retention_days: int = Field(default=180, ge=1, le=3650)
    # the ward entry links and QR posters (`tthc-bot localities poster`)
    public_url: str | None = None  # the web chat's public address, e.g. https://bot.example.gov.vn
    telegram_bot_username: str | None = None  # @name of the bot, for t.me/<name>?start=xa_<code>
    zalo_chat_url: str | None = None  # the Zalo OA / bot chat link, e.g. https://zalo.me/<id>

    @field_validator("staff_ward_tokens")
    @classmethod
    def _ward_tokens(cls, value: str) -> str:
        for entry in filter(None, (e.strip() for e in value.split(","))):
            code, _, token = entry.partition(":")
            if not code.strip().isdigit() or len(token.strip()) < 16:
                raise ValueError("STAFF_WARD_TOKENS: CODE:TOKEN,... (ward code, 16+ characters)")
        return value

    @field_validator("telegram_staff_ward_chats")
    @classmethod
    def _ward_chats(cls, value: str) -> str:
        for entry in filter(None, (e.strip() for e in value.split(","))):
            code, _, chat = entry.partition(":")
            if not code.strip().isdigit() or not chat.strip().lstrip("-").isdigit():
                raise ValueError(
                    "TELEGRAM_STAFF_WARD_CHATS: CODE:CHAT_ID,... (ward code, chat id)"
                )
        return value

    def ward_chats(self) -> dict[str, str]:
        """``TELEGRAM_STAFF_WARD_CHATS`` as ward code -> Telegram chat id."""
        pairs = (e.partition(":") for e in self.telegram_staff_ward_chats.split(",") if e.strip())
        return {code.strip(): chat.strip() for code, _, chat in pairs}

    def ward_tokens(self) -> dict[str, str]:
        """``STAFF_WARD_TOKENS`` as token -> ward code."""
        pairs = (e.partition(":") for e in self.staff_ward_tokens.split(",") if e.strip())
        return {token.strip(): code.strip() for code, _, token in pairs}

    # staff console (/staff): idle sessions end; wrong passwords in a row lock an account
    staff_idle_min: int = Field(default=30, ge=1, le=24 * 60)
    staff_max_failed_logins: int = Field(default=5, ge=1, le=100)
    staff_lockout_min: int = Field(default=15, ge=1, le=24 * 60)
    # "suggest as alias" writes here for review (never the knowledge YAML itself)
    alias_suggestions_path: str = "./var/alias_suggestions.csv"

    def uses_dev_phone_key(self) -> bool:
        """True when PHONE_HASH_KEY was left at the development default."""
        return self.phone_hash_key == DEV_PHONE_HASH_KEY

    def chat_hash_secret(self) -> str:
        """Key of the chat hashes in the analytics tables (derived from PHONE_HASH_KEY)."""
        return "chat:" + self.phone_hash_key

    def staff_group(self) -> bool:
        """Whether handoffs are posted to a Telegram staff group."""
        chats = self.telegram_staff_chat_id or self.telegram_staff_ward_chats.strip()
        return bool(self.telegram_bot_token and chats)

    def phone_encryption_secret(self) -> str:
        """Key of the stored ZNS phones: ``PHONE_ENCRYPTION_KEY``, else from PHONE_HASH_KEY."""
        return self.phone_encryption_key or "enc:" + self.phone_hash_key

    def zns_enabled(self) -> bool:
        """Whether some notice can go out as a ZNS template (subscribing then asks consent)."""
        return bool(self.zalo_zns_template_status or self.zalo_zns_template_staff_reply)
