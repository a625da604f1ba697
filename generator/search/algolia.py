"""`klinik search push`: send the content's records, settings and synonyms to an Algolia index.

Incremental without local state: the index itself remembers what it holds. Every record carries a
`hash` of its other attributes; a push browses the index for {objectID: hash}, saves the records that are
new or whose hash differs, and deletes the objectIDs that are no longer produced. `--full` rebuilds the
index with replace_all_objects (copy settings/synonyms to a temporary index, fill it, move it over).

Settings and synonyms are set on every push, before the records, so a full rebuild copies the current
ones. Dictionary mapping (site_config/pencarian.yml):

- `sinonim` group   → a regular (two-way) synonym;
- `normalisasi`     → a one-way synonym word → standard form (plus the standard form's synonym group,
                      since Algolia does not chain synonyms). The browser sends the citizen's raw query
                      to Algolia, so the index must know the colloquial forms;
- `kata_pengisi`    → optionalWords: a query may contain them without the records having to.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass

from generator.config.pencarian import SearchDictionary
from generator.config.project import Project
from generator.pipeline import checked
from generator.search.algolia_config import AdminSettings, AlgoliaError, admin_settings
from generator.search.records import build_records

BROWSE_PAGE = 1000
BATCH_SIZE = 1000

INDEX_SETTINGS_BASE: dict = {
    "searchableAttributes": [
        "unordered(hierarchy.lvl1)",
        "unordered(alias)",
        "unordered(tag)",
        "unordered(hierarchy.lvl2)",
        "unordered(hierarchy.lvl3)",
        "content",
        "unordered(hierarchy.lvl0)",
    ],
    "attributesForFaceting": ["topic", "type"],
    "attributeForDistinct": "url_without_anchor",
    "customRanking": ["asc(position)"],
    "attributesToRetrieve": ["hierarchy", "content", "url", "url_without_anchor", "anchor", "topic", "type"],
    "attributesToHighlight": ["hierarchy.lvl1", "hierarchy.lvl2", "hierarchy.lvl3", "content"],
    "attributesToSnippet": ["content:20"],
    "highlightPreTag": "<mark>",
    "highlightPostTag": "</mark>",
    "snippetEllipsisText": "…",
    "queryLanguages": ["id"],
    "indexLanguages": ["id"],
    "ignorePlurals": False,
    "removeWordsIfNoResults": "allOptional",
}
"""What every push sets; optionalWords is added from the dictionary. `hash` stays retrievable on purpose:
unretrievableAttributes is bypassed only for the admin key, and a push with a narrower write key must still
read the hashes (searches do not return it anyway: it is not in attributesToRetrieve)."""


def index_settings(dictionary: SearchDictionary) -> dict:
    """The index settings for this dictionary."""
    return {**INDEX_SETTINGS_BASE, "optionalWords": sorted(set(dictionary.kata_pengisi))}


def synonyms(dictionary: SearchDictionary) -> list[dict]:
    """Algolia synonyms for the dictionary: sinonim groups two-way, normalisasi one-way."""
    out: list[dict] = [
        {"objectID": f"sinonim-{index}", "type": "synonym", "synonyms": list(group)}
        for index, group in enumerate(dictionary.sinonim)
    ]
    groups = dictionary.groups_of()
    for word, target in dictionary.normalisasi.items():
        alternatives = [target]
        if target in groups:
            alternatives += [t for t in dictionary.sinonim[groups[target]] if t != target and t != word]
        out.append({"objectID": f"normalisasi-{word}", "type": "oneWaySynonym", "input": word, "synonyms": alternatives})
    return out


@dataclass
class PushResult:
    """What one push changed in the index."""

    index: str
    new: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0
    full: bool = False

    def summary(self) -> str:
        if self.full:
            return f"Algolia: indeks {self.index} diganti penuh, {self.new} rekaman."
        return f"Algolia: {self.new} baru, {self.changed} berubah, {self.removed} dihapus, {self.unchanged} tetap."


def make_client(settings: AdminSettings):
    """A SearchClientSync for these settings (custom hosts when ALGOLIA_HOSTS is set, for tests)."""
    from algoliasearch.http.hosts import Host, HostsCollection
    from algoliasearch.search.client import SearchClientSync
    from algoliasearch.search.config import SearchConfig

    config = SearchConfig(settings.app_id, settings.admin_key)
    if settings.hosts:
        config.hosts = HostsCollection([Host(url=h.host, scheme=h.scheme, port=h.port) for h in settings.hosts])
        config.proxies = {}  # a local test server is reached directly, whatever HTTP_PROXY says
    return SearchClientSync.create_with_config(config)


def _where(settings: AdminSettings) -> str:
    if settings.hosts:
        return ", ".join(f"{h.scheme}://{h.host}" + (f":{h.port}" if h.port else "") for h in settings.hosts)
    return f"{settings.app_id}.algolia.net"


@contextlib.contextmanager
def reported(settings: AdminSettings) -> Iterator[None]:
    """Turn the client's and the network's exceptions into one Indonesian line (AlgoliaError)."""
    import requests
    from algoliasearch.http.exceptions import AlgoliaUnreachableHostException, RequestException

    try:
        yield
    except RequestException as exc:
        status, message = exc.status_code, " ".join(str(exc).split())
        if status in (401, 403):
            raise AlgoliaError(
                f"Algolia menolak kunci (HTTP {status}: {message}): periksa ALGOLIA_APP_ID dan ALGOLIA_ADMIN_KEY "
                f"(kunci harus boleh addObject, deleteObject, browse, editSettings untuk indeks {settings.index})."
            ) from None
        raise AlgoliaError(f"Algolia menolak permintaan (HTTP {status}): {message}") from None
    except (AlgoliaUnreachableHostException, requests.exceptions.RequestException):
        raise AlgoliaError(
            f"Algolia tidak dapat dihubungi ({_where(settings)}): periksa koneksi internet dan ALGOLIA_APP_ID."
        ) from None
    except Exception as exc:  # the client's task polling gives up with a bare Exception
        if str(exc).startswith("Stopped waiting"):
            raise AlgoliaError(f"Algolia belum selesai memproses perubahan indeks {settings.index}; jalankan push lagi nanti.") from None
        raise


def _wait(client, index: str, task_id: int) -> None:
    client.wait_for_task(index_name=index, task_id=task_id)


def current_hashes(client, index: str) -> dict[str, str | None]:
    """{objectID: hash} of everything in the index (empty when the index does not exist yet)."""
    from algoliasearch.http.exceptions import RequestException

    found: dict[str, str | None] = {}

    def collect(response) -> None:
        for hit in response.hits:
            found[hit.object_id] = hit.to_dict().get("hash")

    try:
        client.browse_objects(index, collect, {"attributesToRetrieve": ["hash"], "hitsPerPage": BROWSE_PAGE})
    except RequestException as exc:
        if exc.status_code != 404:
            raise
    return found


def sync(client, index: str, records: list[dict], dictionary: SearchDictionary, full: bool = False) -> PushResult:
    """Set settings and synonyms, then bring the index's records in line with `records`."""
    response = client.set_settings(index, index_settings(dictionary))
    _wait(client, index, response.task_id)
    response = client.save_synonyms(index, synonyms(dictionary), replace_existing_synonyms=True)
    _wait(client, index, response.task_id)
    if full:
        client.replace_all_objects(index, records, batch_size=BATCH_SIZE)
        return PushResult(index, new=len(records), full=True)
    existing = current_hashes(client, index)
    wanted = {r["objectID"]: r for r in records}
    if len(wanted) != len(records):
        raise AlgoliaError("objectID ganda di antara rekaman pencarian; laporkan sebagai bug generator.")
    to_save = [r for oid, r in wanted.items() if oid not in existing or existing[oid] != r["hash"]]
    new = sum(1 for r in to_save if r["objectID"] not in existing)
    removed = sorted(oid for oid in existing if oid not in wanted)
    if to_save:
        client.save_objects(index, to_save, wait_for_tasks=True, batch_size=BATCH_SIZE)
    if removed:
        client.delete_objects(index, removed, wait_for_tasks=True, batch_size=BATCH_SIZE)
    return PushResult(index, new, len(to_save) - new, len(removed), len(wanted) - len(to_save))


def push(project: Project, *, full: bool = False) -> PushResult:
    """Check the content, build its records and sync them to the configured index.

    Raises AlgoliaError (one line) for configuration and service problems, ContentErrors for content.
    """
    settings = admin_settings()
    state = checked(project)
    records = build_records(state)
    client = make_client(settings)
    try:
        with reported(settings):
            return sync(client, settings.index, records, state.content.config.pencarian, full=full)
    finally:
        client.close()
