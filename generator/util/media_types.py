"""Content types of built-site files whose extension alone says the wrong thing, shared by both servers."""

from __future__ import annotations

FEED_FILE = "feed.xml"
"""The Atom feed at the site root: `.xml` would be served as application/xml, which feed readers may not take."""

CMS_CONFIG_FILE = "admin/config.yml"
"""The browser editor's configuration: Decap reads it as YAML and warns in the console when it is served otherwise."""

MEDIA_TYPES = {FEED_FILE: "application/atom+xml; charset=utf-8", CMS_CONFIG_FILE: "text/yaml; charset=utf-8"}
"""File name (at the site root) → Content-Type."""


def media_type(relative_path: str) -> str | None:
    """The Content-Type of a site file by its path from the site root, or None to let the extension decide."""
    return MEDIA_TYPES.get(relative_path.replace("\\", "/").lstrip("/"))
