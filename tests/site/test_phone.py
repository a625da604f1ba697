"""Every page type of the built site on a 360 px phone: nothing sticks out sideways, every control is big enough to tap.

Issue 14 ("every page works on a phone"). The page types come from the one page inventory
(`generator/pages/inventory.py`) and the content sections, so a new kind of page is opened here without anyone
adding it by hand.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from generator.config.project import Project
from generator.content.collection import ContentSet
from generator.pages.ikm import INDEX as IKM_INDEX
from generator.pages.ikm import ikm_pages
from generator.pages.inventory import area_page, generated_pages, is_subarea_page
from generator.pages.standar import INDEX as STANDAR_INDEX
from generator.pages.standar import layanan_page
from generator.pipeline import checked
from tests.browser_support import Problems
from tests.conftest import ROOT, TIMEOUT_MS

WIDTH = 360
"""The narrowest phone in common use in Indonesia (CSS pixels)."""
PHONE = {"viewport": {"width": WIDTH, "height": 740}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
TARGET = 24
"""WCAG 2.2 success criterion 2.5.8 (target size, minimum, level AA): 24 x 24 CSS pixels."""
LABEL_PX = 12
"""Smallest text a floor plan may print on the phone, in CSS pixels."""
MISSING = "/halaman-yang-tidak-ada/"

MEASURE = r"""
(width) => {
  const running = "p, li, td, th, dd, dt, blockquote, figcaption, caption";
  const notText = "nav, [role=navigation], .klinik-jejak";
  const controls = "a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button]";
  const shown = (el) => el.checkVisibility({visibilityProperty: true, opacityProperty: true})
    && !el.closest('[aria-hidden="true"], [inert]');
  const scrollsInOwnBox = (el) => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const o = getComputedStyle(a).overflowX;
      if (o === "auto" || o === "scroll") return true;
    }
    return false;
  };
  const name = (el) => {
    const tag = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + [...el.classList].map((c) => "." + c).join("");
    const label = (el.getAttribute("aria-label") || el.innerText || el.value || "").trim().replace(/\s+/g, " ");
    return tag + (label ? ' "' + label.slice(0, 40) + '"' : "");
  };
  const inSentence = (el) => {
    if (el.tagName !== "A") return false;
    const block = el.parentElement && el.parentElement.closest(running);
    if (!block || block.closest(notText)) return false;
    const rest = block.cloneNode(true);
    rest.querySelectorAll(controls).forEach((c) => c.remove());
    return /\p{L}{2,}/u.test(rest.textContent);
  };
  const wide = [], small = [];
  for (const el of document.body.querySelectorAll("*")) {
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height || r.right <= width + 0.5 || !shown(el) || scrollsInOwnBox(el)) continue;
    wide.push(name(el) + " reaches " + Math.round(r.right) + "px");
  }
  for (const el of document.body.querySelectorAll(controls)) {
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height || !shown(el)) continue;
    if ((r.width < 24 || r.height < 24) && !inSentence(el)) {
      small.push(name(el) + " " + r.width.toFixed(1) + "x" + r.height.toFixed(1) + "px");
    }
  }
  return {scroll: document.documentElement.scrollWidth, wide: wide, small: small};
}
"""
"""One pass over the page as it is after its scripts ran. An element "sticks out" when its box ends right of the
screen and no ancestor scrolls sideways on its own (overflow-x auto or scroll, like the RAB tables). A control is
too small below 24 x 24 px, except a link that sits in a sentence: WCAG 2.5.8 exempts inline targets ("the target is
in a sentence or its size is otherwise constrained by the line-height of non-target text"). Here a link is in a
sentence when the nearest paragraph, list item, table cell, definition, quote or caption holding it also has a word
of its own (two letters or more outside every link and control); a breadcrumb or a navigation list is never a
sentence. Hidden controls (display, visibility, opacity 0, aria-hidden such as the form's spam trap) are skipped."""

PLAN_TEXT = r"""
async () => {
  const img = document.querySelector("img.klinik-denah");
  const svg = new DOMParser().parseFromString(await (await fetch(img.src)).text(), "image/svg+xml").documentElement;
  const box = svg.getAttribute("viewBox").split(/[ ,]+/).map(Number);
  const sizes = [...svg.querySelectorAll("text")].map((t) => Number(t.getAttribute("font-size")));
  return {shown: img.clientWidth, units: box[2], smallest: Math.min(...sizes), text: svg.textContent};
}
"""


def _url(src: str) -> str:
    """index.md -> /, faq/index.md -> /faq/, bidang/pembiayaan.md -> /bidang/pembiayaan/ (directory URLs)."""
    path = src.removesuffix(".md").removesuffix("index").rstrip("/")
    return f"/{path}/" if path else "/"


def page_types(content: ContentSet) -> dict[str, str]:
    """{page type: one URL of it}: every fixed page, section index and tool page, one area page, one sub-area page,
    one IKM period (when one is published), the first published document of every content section, and the 404 page."""
    areas = {area_page(a.slug) for a in content.config.taxonomy.bidang}
    periods = set(ikm_pages(content)) - {IKM_INDEX}
    services = {layanan_page(item) for item in content.config.standar.layanan} if content.config.standar else set()
    types: dict[str, str] = {}
    for src in generated_pages(content):
        kind = ("bidang/<bidang>" if src in areas else "bidang/<bidang>/<sub-bidang>" if is_subarea_page(src)
                else "ikm/<periode>" if src in periods else "standar-pelayanan/<layanan>" if src in services else src)
        types.setdefault(kind, _url(src))
    for doc in content.documents:
        if doc.published:
            types.setdefault(f"{doc.section}/<halaman>", f"/{doc.url}")
    types["404"] = MISSING
    return types


@pytest.fixture(scope="module")
def content() -> ContentSet:
    return checked(Project(ROOT)).content


@pytest.fixture(scope="module")
def phone(browser) -> Iterator:
    context = browser.new_context(locale="id-ID", **PHONE)
    context.set_default_timeout(TIMEOUT_MS)
    yield context
    context.close()


def _open(phone, url: str):
    """Open a page and wait until its scripts ran and its fonts are in; its console errors go into Problems."""
    problems = Problems()
    page = problems.watch(phone.new_page())
    page.goto(url, wait_until="load")
    page.evaluate("document.fonts.ready.then(() => true)")
    return page, problems


def test_page_types_cover_the_inventory(content):
    """The list below is derived, not typed: it holds every section with published content and every generated page
    kind, so the phone test cannot forget a page type."""
    types = page_types(content)
    sections = {d.section for d in content.documents if d.published}
    assert {f"{s}/<halaman>" for s in sections} <= set(types)
    assert {"index.md", "faq/index.md", "desain-rumah/index.md", "bidang/<bidang>", "bidang/<bidang>/<sub-bidang>", "404",
            "pengaduan-layanan.md", "layanan-pemda.md"} <= set(types)
    assert {STANDAR_INDEX, "standar-pelayanan/<layanan>", "maklumat-pelayanan.md", "perlu-ditinjau.md"} <= set(types)
    assert len(set(types.values())) == len(types), "dua jenis halaman memakai URL yang sama"


def test_every_page_type_fits_a_360px_phone(site, content, phone):
    """No page scrolls sideways (WCAG 1.4.10), no element sticks out of the screen unless it scrolls in its own box,
    and every visible control is at least 24 x 24 px (WCAG 2.5.8; see MEASURE for the inline-link exemption)."""
    base, _ = site
    report = []
    for kind, path in page_types(content).items():
        page, problems = _open(phone, base + path)
        try:
            found = page.evaluate(MEASURE, WIDTH)
        finally:
            page.close()
        lines = []
        if found["scroll"] > WIDTH:
            lines.append(f"halaman {found['scroll']}px lebih lebar dari layar {WIDTH}px")
        lines += [f"keluar layar: {w}" for w in found["wide"][:8]]
        lines += [f"target sentuh < {TARGET}px: {s}" for s in dict.fromkeys(found["small"])]
        errors = [p for p in problems.items if not (path == MISSING and (MISSING in p or "404" in p))]
        lines += [f"galat: {p}" for p in errors]
        report += [f"{kind} ({path}): {line}" for line in lines]
    assert not report, f"{len(report)} masalah di layar {WIDTH}px:\n" + "\n".join(report)


def test_floor_plans_are_readable_on_a_phone(site, content, phone):
    """Every design's plan prints its smallest text at 12 px or more on the phone, inside the screen, and draws
    doors and windows with a legend that names them."""
    base, _ = site
    report = []
    for doc in content.section("desain-rumah"):
        page, problems = _open(phone, f"{base}/{doc.url}")
        try:
            plan = page.evaluate(PLAN_TEXT)
        finally:
            page.close()
        shown_px = plan["smallest"] * plan["shown"] / plan["units"]
        if shown_px < LABEL_PX:
            report.append(f"{doc.url}: teks terkecil denah {shown_px:.1f}px (font {plan['smallest']} dari lebar "
                          f"{plan['units']} unit, tampil {plan['shown']}px); minimal {LABEL_PX}px")
        if plan["shown"] > WIDTH:
            report.append(f"{doc.url}: denah {plan['shown']}px lebih lebar dari layar")
        missing = [word for word in ("Pintu", "Jendela") if word not in plan["text"]]
        if missing:
            report.append(f"{doc.url}: legenda denah tanpa {', '.join(missing)}")
        report += [f"{doc.url}: galat: {p}" for p in problems.items]
    assert content.section("desain-rumah"), "tidak ada desain terbit untuk diuji"
    assert not report, "\n".join(report)
