"""Settings from the environment (all optional). Built once in ``main`` and passed down."""

from __future__ import annotations

from pydantic import Field
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

    staff_api_token: str | None = None
    # key for the phone-number hashes; a deployment must set its own secret
    phone_hash_key: str = Field(default=DEV_PHONE_HASH_KEY)

    status_source_url: str | None = None  # one-stop software API for dossier statuses
    demo_data: bool = True  # load demo dossiers into an empty database on first start
    conversation_timeout_min: int = 30

    # the ward entry links and QR posters (`tthc-bot localities poster`)
    public_url: str | None = None  # the web chat's public address, e.g. https://bot.example.gov.vn
    telegram_bot_username: str | None = None  # @name of the bot, for t.me/<name>?start=xa_<code>
    zalo_chat_url: str | None = None  # the Zalo OA / bot chat link, e.g. https://zalo.me/<id>

    def uses_dev_phone_key(self) -> bool:
        """True when PHONE_HASH_KEY was left at the development default."""
        return self.phone_hash_key == DEV_PHONE_HASH_KEY
