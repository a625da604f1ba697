"""What the browser tests share: a page's problems, the phone-width check and axe-core's serious findings."""

from __future__ import annotations

from dataclasses import dataclass, field

from playwright.sync_api import Page

from tests.conftest import AXE

BLOCKING = {"serious", "critical"}
BACKGROUND = ("/favicon.png", "/sitemap.xml")


@dataclass
class Problems:
    """Console errors, uncaught exceptions and failed requests seen by one page."""

    items: list[str] = field(default_factory=list)
    leaves: bool = False
    """A test whose page navigates away mid-load: requests the browser cuts off then (net::ERR_ABORTED) are no fault."""

    def watch(self, page: Page) -> Page:
        page.on("console", lambda m: m.type == "error" and self.items.append(f"console: {m.text} ({m.location.get('url')})"))
        page.on("pageerror", lambda e: self.items.append(f"pageerror: {e}"))
        # Fetches the page starts on its own (the browser's favicon, Material's sitemap.xml) are cut off whenever a
        # page moves on, under load even in a test that stays.
        page.on("requestfailed", lambda r: ((self.leaves or r.url.endswith(BACKGROUND)) and "ERR_ABORTED" in (r.failure or ""))
                or self.items.append(f"requestfailed: {r.url} ({r.failure})"))
        page.on("response", lambda r: r.status >= 400 and self.items.append(f"HTTP {r.status}: {r.url}"))
        return page


def assert_fits(page: Page) -> None:
    """No sideways scrolling on a phone (WCAG 1.4.10 reflow); wide tables scroll inside their own box."""
    width = page.viewport_size["width"]
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"{page.url}: halaman {scroll}px lebih lebar dari layar {width}px"


def describe_violations(violations: list[dict]) -> str:
    """One line per rule: id, impact, the first three target selectors, and axe's reason for the first one."""
    lines = []
    for v in violations:
        nodes = v["nodes"]
        targets = [" ".join(map(str, n["target"])) for n in nodes[:3]]
        more = f" (+{len(nodes) - 3} lagi)" if len(nodes) > 3 else ""
        checks = [c["message"] for n in nodes[:1] for kind in ("any", "all", "none") for c in n[kind]]
        lines.append(f"  {v['id']} [{v['impact']}] {v['help']}: {', '.join(targets)}{more}")
        if checks:
            lines.append(f"    -> {checks[0]}")
    return "\n".join(lines)


def axe_blocking(page: Page) -> list[dict]:
    """Run axe-core on the page as it is now; return its serious and critical violations."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [v for v in result["violations"] if v["impact"] in BLOCKING]
