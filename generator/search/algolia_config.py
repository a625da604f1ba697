"""Algolia settings, read only from the environment (never from files in the repository or the site).

| variable | used by | meaning |
| --- | --- | --- |
| ALGOLIA_APP_ID | push, site | application ID |
| ALGOLIA_ADMIN_KEY | push only | key with write rights; never written into the built site |
| ALGOLIA_SEARCH_KEY | site only | search-only key the browsers use |
| ALGOLIA_INDEX | push, site | index name |
| ALGOLIA_HOSTS | push (tests only) | comma-separated `scheme://host:port` replacing Algolia's hosts |
| ALGOLIA_SEARCH_HOST | site (tests only) | `scheme://host:port` the browser queries instead of `<app>-dsn.algolia.net` |

This module imports nothing from the Algolia client, so the MkDocs plugin can call frontend_settings()
on every build at no cost.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from generator.util.errors import GeneratorError

APP_ID = "ALGOLIA_APP_ID"
ADMIN_KEY = "ALGOLIA_ADMIN_KEY"
SEARCH_KEY = "ALGOLIA_SEARCH_KEY"
INDEX = "ALGOLIA_INDEX"
HOSTS = "ALGOLIA_HOSTS"
SEARCH_HOST = "ALGOLIA_SEARCH_HOST"


class AlgoliaError(GeneratorError):
    """A configuration or service problem, reported as one Indonesian line without a traceback."""


@dataclass(frozen=True)
class HostAddress:
    """One host the client talks to instead of Algolia's (testing only)."""

    scheme: str
    host: str
    port: int | None


@dataclass(frozen=True)
class AdminSettings:
    """What `klinik search push` needs. The key is kept out of repr() so it never lands in a log."""

    app_id: str
    index: str
    admin_key: str = field(repr=False)
    hosts: tuple[HostAddress, ...] = ()


def _value(environ: Mapping[str, str], name: str) -> str:
    return (environ.get(name) or "").strip()


def parse_hosts(value: str, variable: str = HOSTS) -> tuple[HostAddress, ...]:
    """Parse `http://127.0.0.1:8765,https://other:443` into host addresses."""
    hosts = []
    for item in value.split(","):
        item = item.strip()
        if not item:
            continue
        parts = urlsplit(item)
        try:
            port = parts.port
        except ValueError:
            port = -1
        if parts.scheme not in ("http", "https") or not parts.hostname or port == -1 or parts.path not in ("", "/"):
            raise AlgoliaError(f"{variable} tidak valid: {item!r}; tulis scheme://host:port, mis. http://127.0.0.1:8765 (hanya untuk pengujian)")
        hosts.append(HostAddress(parts.scheme, parts.hostname, port))
    if not hosts:
        raise AlgoliaError(f"{variable} kosong; hapus variabel itu atau tulis scheme://host:port (hanya untuk pengujian)")
    return tuple(hosts)


def admin_settings(environ: Mapping[str, str] | None = None) -> AdminSettings:
    """Read the push settings; raise AlgoliaError naming every missing variable."""
    env = os.environ if environ is None else environ
    missing = [name for name in (APP_ID, ADMIN_KEY, INDEX) if not _value(env, name)]
    if missing:
        raise AlgoliaError(f"Algolia belum dikonfigurasi: isi variabel lingkungan {', '.join(missing)}.")
    hosts = parse_hosts(_value(env, HOSTS)) if _value(env, HOSTS) else ()
    return AdminSettings(_value(env, APP_ID), _value(env, INDEX), _value(env, ADMIN_KEY), hosts)


def frontend_settings(environ: Mapping[str, str] | None = None) -> dict | None:
    """What the browser needs to query Algolia, or None when the site uses the embedded engine.

    Returns {"engine": "algolia", "appId", "searchKey", "index"} (+ "host" when ALGOLIA_SEARCH_HOST is set,
    for tests) when ALGOLIA_APP_ID, ALGOLIA_SEARCH_KEY and ALGOLIA_INDEX are all set. The admin key is
    never part of it; if the search key is the admin key, this raises AlgoliaError rather than ship it.
    """
    env = os.environ if environ is None else environ
    app_id, search_key, index = _value(env, APP_ID), _value(env, SEARCH_KEY), _value(env, INDEX)
    if not (app_id and search_key and index):
        return None
    if search_key == _value(env, ADMIN_KEY):
        raise AlgoliaError(
            f"{SEARCH_KEY} sama dengan {ADMIN_KEY}: kunci admin tidak boleh masuk ke situs; pakai kunci Search-Only dari dasbor Algolia."
        )
    settings = {"engine": "algolia", "appId": app_id, "searchKey": search_key, "index": index}
    host = _value(env, SEARCH_HOST)
    if host:
        address = parse_hosts(host, SEARCH_HOST)[0]
        settings["host"] = f"{address.scheme}://{address.host}" + (f":{address.port}" if address.port else "")
    return settings
