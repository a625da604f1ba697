"""The editor's Indonesian interface is complete: every key of the English locale Decap ships, with the same placeholders."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from generator.site.editor import START_FILES
from tests.conftest import ROOT

LOCALES = ROOT / "node_modules" / "decap-cms-locales"
ENGLISH = LOCALES / "dist" / "esm" / "en" / "index.js"
OURS = START_FILES / "klinik-cms-id.js"

READ_BOTH = r"""
const fs = require("fs");
const vm = require("vm");
const [ours, english] = process.argv.slice(1);
const sandbox = { window: {} };
vm.runInNewContext(fs.readFileSync(ours, "utf8"), sandbox);
// Decap's locale file is an ES module holding one object literal: evaluate it as a function body.
const en = new Function(fs.readFileSync(english, "utf8").replace(/export default (\w+);\s*$/, "return $1;"))();
process.stdout.write(JSON.stringify({ id: sandbox.window.KLINIK_CMS_ID, en: en, manual: sandbox.window.CMS_MANUAL_INIT }));
"""

SAME_IN_BOTH = {"app.header.media", "editor.editorToolbar.status", "editor.editorWidgets.markdown.markdown",
                "ui.toast.onFailToAuth", "workflow.workflowCard.lastChangeNoAuthor"}
"""Keys whose Indonesian text may equal the English one: a loanword, a name, or only a placeholder."""


def _flat(tree: dict, prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in tree.items():
        path = f"{prefix}{key}"
        out.update(_flat(value, f"{path}.") if isinstance(value, dict) else {path: value})
    return out


@pytest.fixture(scope="module")
def locales() -> dict:
    node = shutil.which("node")
    if node is None or not ENGLISH.is_file():
        pytest.fail("node atau node_modules/decap-cms-locales tidak ada: jalankan `make setup` (npm ci)", pytrace=False)
    done = subprocess.run([node, "-e", READ_BOTH, str(OURS), str(ENGLISH)], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def test_the_compared_english_locale_is_the_one_the_bundle_carries():
    """decap-cms-app pins decap-cms-locales exactly; the installed copy is that version, so its keys are the bundle's."""
    app = json.loads((ROOT / "node_modules" / "decap-cms-app" / "package.json").read_text(encoding="utf-8"))
    installed = json.loads((LOCALES / "package.json").read_text(encoding="utf-8"))["version"]
    assert app["dependencies"]["decap-cms-locales"] == installed


def test_every_english_key_has_an_indonesian_text(locales):
    ours, english = _flat(locales["id"]), _flat(locales["en"])
    assert sorted(set(english) - set(ours)) == [], "kunci Decap yang belum diterjemahkan"
    assert sorted(set(ours) - set(english)) == [], "kunci yang tidak dikenal Decap (salah eja atau sudah dihapus)"
    assert all(isinstance(text, str) and text.strip() for text in ours.values())


def test_placeholders_are_kept_and_the_text_is_indonesian(locales):
    """%{name} placeholders are filled by Decap: each one the English text has must stay, and no new one appear."""
    ours, english = _flat(locales["id"]), _flat(locales["en"])
    for key, text in english.items():
        assert set(re.findall(r"%\{\w+\}", ours[key])) == set(re.findall(r"%\{\w+\}", text)), key
        assert "||||" not in ours[key], f"{key}: bahasa Indonesia tidak punya bentuk jamak"
    untranslated = sorted(key for key, text in english.items() if ours[key] == text and key not in SAME_IN_BOTH)
    assert untranslated == []


def test_the_locale_file_holds_decap_until_the_locale_is_registered(locales):
    """Decap starts itself when its script runs unless told not to; klinik-cms.js starts it after registering `id`."""
    assert locales["manual"] is True
    start = (START_FILES / "klinik-cms.js").read_text(encoding="utf-8")
    assert start.index('CMS.registerLocale("id"') < start.index("CMS.init()")
