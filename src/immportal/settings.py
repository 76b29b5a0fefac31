"""Settings, read once from the environment (prefix ``IMMPORTAL_``) and passed in."""

from ipaddress import IPv4Network, IPv6Network
from pathlib import Path
from typing import Annotated

import platformdirs
from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


def default_data_dir() -> Path:
    """Where embedded defaults (PostgreSQL data, local files) live."""
    return Path(platformdirs.user_data_dir("immportal"))


class Settings(BaseSettings):
    """Every knob of the portal; defaults run everything embedded on one machine."""

    model_config = SettingsConfigDict(env_prefix="IMMPORTAL_", frozen=True, extra="ignore")

    database_url: str | None = Field(
        default=None, description="PostgreSQL URL; unset starts an embedded server."
    )
    database_app_role: str = Field(
        default="immportal_app",
        description="Role the portal assumes at run time; it may not UPDATE or DELETE events.",
    )
    database_pool_size: int = Field(default=10, ge=1)
    database_command_timeout: float = Field(
        default=15, gt=0, description="Seconds a page's query may take before it fails with 503."
    )
    data_dir: Path = Field(default_factory=default_data_dir)
    cipher_key: SecretStr | None = Field(
        default=None, description="Base64 AES key (16/24/32 bytes); encrypts event payloads."
    )
    trusted_proxies: Annotated[list[IPv4Network | IPv6Network], NoDecode] = Field(
        default_factory=list,
        description="Comma-separated CIDRs of proxies whose X-Forwarded-For is believed.",
    )
    approval_review_offices: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Comma-separated office codes where approvals, too, need a supervisor.",
    )
    public_url: str = Field(
        default="",
        description="Where people reach the portal (links, CSRF origin); default http://HOST:PORT.",
    )
    rabbitmq_url: SecretStr | None = Field(
        default=None, description="AMQP URL; unset uses the in-process bus (single process only)."
    )
    rabbitmq_exchange: str = "immportal.events"
    rabbitmq_queue_prefix: str = "immportal"
    notification_max_attempts: int = Field(default=5, ge=1)
    notification_retry_delay: float = Field(default=30.0, gt=0)
    smtp_host: str | None = Field(default=None, description="Unset writes mail to a local mailbox.")
    smtp_port: int = 25
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    smtp_starttls: bool = False
    smtp_tls: bool = False
    mail_sender: str = "immportal <no-reply@immportal.example>"
    relay_batch_size: int = Field(default=500, ge=1)
    host: str = "127.0.0.1"
    port: int = 8080
    dev: bool = False
    run_workers: bool = True
    web_processes: int | None = Field(
        default=None,
        ge=1,
        description="Web processes sharing the port; unset: one per core, one in dev mode "
        "or on the embedded database.",
    )
    web_process_index: int | None = Field(
        default=None,
        ge=0,
        description="Set by `serve` for each of several web processes it starts (not by hand).",
    )
    auto_migrate: bool = True
    projection_batch_size: int = Field(default=1000, ge=1)
    projection_idle_wait: float = Field(default=1.0, gt=0)
    readiness_max_lag: int = Field(default=10_000, ge=0)
    blob_dir: Path | None = Field(
        default=None, description="Blob directory without S3; default DATA_DIR/blobs."
    )
    s3_endpoint_url: str | None = Field(
        default=None, description="S3-compatible endpoint; unset with a bucket means AWS itself."
    )
    s3_bucket: str | None = Field(default=None, description="Unset keeps blobs on local disk.")
    s3_access_key_id: str | None = None
    s3_secret_access_key: SecretStr | None = None
    s3_region: str | None = None
    upload_max_bytes: int = Field(default=20 * 1024 * 1024, ge=1)
    image_max_pixels: int = Field(default=50_000_000, ge=1)
    image_max_total_pixels: int = Field(
        default=200_000_000, ge=1, description="Pixels decoded across all pages of one image."
    )
    inspection_workers: int = Field(
        default=2, ge=1, description="Processes that inspect uploads (images, PDFs) at once."
    )
    inspection_cpu_seconds: float = Field(
        default=10.0, gt=0, description="CPU time one upload's inspection may take."
    )
    clamd_address: str = Field(
        default="", description="clamd as HOST:PORT or a unix socket path; empty: unscanned."
    )
    payments_url: str | None = Field(
        default=None,
        description="Hosted payment provider's API; unset starts the sandbox provider in process.",
    )
    payments_api_key: SecretStr | None = Field(
        default=None, description="Key for the provider's API; unset with the in-process sandbox."
    )
    payments_webhook_secret: SecretStr | None = Field(
        default=None, description="Shared HMAC secret of the provider's webhooks."
    )
    payments_sandbox_host: str = "127.0.0.1"
    payments_sandbox_port: int = Field(
        default=0,
        ge=0,
        description="Port of the in-process sandbox provider; 0 picks a free one (it is found "
        "by URL, so nothing needs to know it in advance).",
    )
    payments_sandbox_public_url: str = Field(
        default="",
        description="Where browsers reach a separately run sandbox provider; default its "
        "listening address.",
    )
    payments_sandbox_webhook_url: str = Field(
        default="",
        description="Where a separately run sandbox posts webhooks; default the portal's "
        "public URL + /payments/webhook.",
    )
    checkpoint_key_file: Path | None = Field(
        default=None,
        description="Keys file signing the event log's checkpoints (docs/transparency.md); "
        "unset: DATA_DIR/checkpoint-keys, made at first start, in development mode only.",
    )
    checkpoint_origin: str = Field(
        default="",
        description="The log's name in its checkpoints; default the public URL's host + /log.",
    )
    checkpoint_every_events: int = Field(
        default=1000, ge=1, description="A checkpoint is signed after this many new events..."
    )
    checkpoint_every_seconds: float = Field(
        default=60.0, gt=0, description="...or this long after the last one, if any event came."
    )
    transparency_batch_size: int = Field(default=2000, ge=1)
    document_signing_key_file: Path | None = Field(
        default=None,
        description="PEM private key (ECDSA or RSA) that PAdES-signs notices and receipts; "
        "unset: a development CA and key in DATA_DIR/document-signing, development mode only.",
    )
    document_signing_chain_file: Path | None = Field(
        default=None,
        description="PEM certificates of that key: its own first, then those above it.",
    )
    credential_key_file: Path | None = Field(
        default=None,
        description="Keys file (Ed25519, like the checkpoint keys) signing the status "
        "credentials share codes download; unset: DATA_DIR/credential-keys, development only.",
    )
    allow_sandbox_payments: bool = Field(
        default=False,
        description="Outside development mode, run the in-process sandbox payment provider "
        "(no money is taken) instead of refusing to start without IMMPORTAL_PAYMENTS_URL.",
    )
    allow_unscanned_uploads: bool = Field(
        default=False,
        description="Outside development mode, keep uploads unscanned instead of refusing to "
        "start without IMMPORTAL_CLAMD_ADDRESS.",
    )
    allow_local_mailbox: bool = Field(
        default=False,
        description="Outside development mode, write mail to DATA_DIR/mailbox instead of "
        "refusing to start without IMMPORTAL_SMTP_HOST.",
    )
    retention_sessions_days: float = Field(
        default=7, gt=0, description="Days an ended session is kept (the sessions page's history)."
    )
    retention_link_tokens_days: float = Field(
        default=30, gt=0, description="Days an emailed link's token is kept after it died."
    )
    retention_counters_days: float = Field(
        default=2, gt=0, description="Days rate-limit counters are kept after their window."
    )
    retention_processed_messages_days: float = Field(
        default=30,
        gt=0,
        description="Days a consumer remembers a handled message; keep it longer than the "
        "broker may redeliver one.",
    )
    retention_idempotency_keys_days: float = Field(
        default=1,
        gt=0,
        description="Days the first outcome of a request sent with an idempotency key is kept.",
    )
    housekeeping_every_seconds: float = Field(
        default=3600, gt=0, description="How often the maintenance worker purges."
    )
    languages: Annotated[list[str], NoDecode] = Field(
        default_factory=lambda: ["en", "es"],
        description="Comma-separated languages people can choose (each needs a catalog in "
        "immportal/locale/); English first. Development mode adds Arabic, to show right-to-left "
        "pages.",
    )
    metrics_host: str = Field(
        default="127.0.0.1", description="Where the Prometheus metrics listener binds."
    )
    metrics_port: int | None = Field(
        default=None,
        ge=0,
        le=65535,
        description="Port of the metrics listener (GET /metrics); unset: no listener. "
        "0 picks a free port.",
    )
    log_level: str = "info"
    log_json: bool = True

    @field_validator("trusted_proxies", mode="before")
    @classmethod
    def _split_proxies(cls, value: object) -> object:
        # An environment variable holds "10.0.0.0/8, 192.168.1.7", not JSON.
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @field_validator("approval_review_offices", mode="before")
    @classmethod
    def _split_offices(cls, value: object) -> object:
        # "NBC, CSC" in an environment variable; codes are kept in capitals.
        if isinstance(value, str):
            return [part.strip().upper() for part in value.split(",") if part.strip()]
        return value

    @field_validator("languages", mode="before")
    @classmethod
    def _split_languages(cls, value: object) -> object:
        # "en, es" in an environment variable; English, the source language, always first.
        if isinstance(value, str):
            value = [part.strip() for part in value.split(",") if part.strip()]
        if isinstance(value, list):
            return ["en", *(code for code in value if code != "en")]
        return value

    @property
    def enabled_languages(self) -> tuple[str, ...]:
        """The languages offered: the setting's, plus Arabic (right to left) in development."""
        extra = ("ar",) if self.dev and "ar" not in self.languages else ()
        return (*self.languages, *extra)

    @model_validator(mode="after")
    def _default_public_url(self) -> "Settings":
        # Links and the CSRF origin must match where the portal really listens.
        if not self.public_url:
            host = "127.0.0.1" if self.host in ("0.0.0.0", "::") else self.host  # noqa: S104
            object.__setattr__(self, "public_url", f"http://{host}:{self.port}")
        return self
