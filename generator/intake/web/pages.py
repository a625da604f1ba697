"""HTML for the form, the receipt and the status page, spliced into the built site's own page shell."""

from __future__ import annotations

import functools
import re
from datetime import date, datetime
from pathlib import Path

import markdown
import nh3
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from generator.config.wilayah import Wilayah
from generator.intake.model import PEMOHON_NAMA
from generator.intake.photos import MAX_BYTES, MAX_QUESTION_PHOTOS
from generator.intake.web.answer_links import Resolve, SiteLinks, answer_source, external, site_href
from generator.intake.web.forms import QUESTION_MAX, QUESTION_MIN, client_rules
from generator.util.dates import tanggal, utc, waktu
from generator.util.jsonscript import script_json

START, END = "<!-- klinik:halaman -->", "<!-- klinik:/halaman -->"
TOKEN_MARKER = "__KLINIK_TOKEN_FORMULIR__"
STATUS_TEXT = {
    "menunggu-jawaban": "Menunggu jawaban Tenaga Ahli",
    "dijawab": "Sudah dijawab",
    "diterbitkan": "Sudah dijawab dan diterbitkan sebagai tanya jawab umum",
}


@functools.lru_cache(maxsize=1)
def environment() -> Environment:
    """Autoescaping on: everything here may echo what a citizen typed."""
    return Environment(loader=PackageLoader("generator.intake.web", "templates"), autoescape=select_autoescape(default=True),
                       trim_blocks=True, lstrip_blocks=True)


def form_html(wilayah: Wilayah, areas: dict[str, str], *, values: dict[str, str] | None = None,
              errors: dict[str, str] | None = None, token: str = TOKEN_MARKER, pow: bool = True) -> str:
    """The question form; the built page carries TOKEN_MARKER, which the intake app fills per request."""
    return environment().get_template("form.html.j2").render(
        wilayah=wilayah, areas=areas, values=values or {}, errors=errors or {}, token=token, pow=pow,
        qmin=QUESTION_MIN, qmax=QUESTION_MAX, foto_max=MAX_QUESTION_PHOTOS, foto_mb=MAX_BYTES // (1024 * 1024),
        rules=Markup(script_json(client_rules(), compact=True)), pemohon_pilihan=PEMOHON_NAMA,
    )


REQUESTER_RADIO = re.compile(r'<input type="radio" name="jenis_pemohon" [^>]*>')


def preset_requester(html: str, kind: str) -> str:
    """The built form with another requester type chosen (/ajukan/?pemohon=pemda), for browsers without JavaScript."""
    if kind not in PEMOHON_NAMA:
        return html

    def choose(match: re.Match) -> str:
        tag = match.group(0).replace(" checked", "")
        return tag.replace(f'value="{kind}"', f'value="{kind}" checked') if f'value="{kind}"' in tag else tag
    return REQUESTER_RADIO.sub(choose, html)


def receipt_html(ticket: str, received: datetime, deadline: date, area_name: str, status_url: str, email: bool, *,
                 jangka: str, here: bool = False) -> str:
    """The receipt; `here` when it is the status page itself, whose address is then the one to keep."""
    return environment().get_template("tanda_terima.html.j2").render(
        ticket=ticket, received=waktu(received), deadline=tanggal(deadline), status_url=status_url, area=area_name,
        email=email, here=here, jangka=jangka,
    )


ANSWER_TAGS = {"p", "br", "hr", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li", "a",
               "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td"}
ANSWER_LINK_SCHEMES = {"http", "https", "mailto"}
"""Links an answer may keep; javascript:, data:, vbscript: and every other scheme lose their href."""


def answer_html(answer: str, resolve: Resolve | None = None) -> Markup:
    """The TA's Markdown answer as HTML: raw HTML shown as text, links given their site address by `resolve`
    (by default only other sites' links stay), then nh3 keeps only plain tags and safe links."""
    extensions: list = ["tables", SiteLinks(resolve or external)]
    rendered = markdown.markdown(answer.replace("&", "&amp;").replace("<", "&lt;"), extensions=extensions)
    return Markup(nh3.clean(rendered, tags=ANSWER_TAGS, attributes={"a": {"href", "title"}}, url_schemes=ANSWER_LINK_SCHEMES,
                            link_rel="noopener noreferrer nofollow"))


def status_html(row: dict, area_name: str, later: list[dict] = (), *, site: Path, receipt: str | None = None, **context) -> str:
    """The private status page of one ticket (the asker's link) and its follow-ups, answers cleaned for display;
    `receipt` (the receipt's HTML) takes the place of the status list while the question waits for its answer."""
    def shown_answer(case: dict) -> Markup | None:
        source = answer_source(case["ticket"], utc(case["received"]))
        return answer_html(case["answer"], lambda target: site_href(site, source, target)) if case.get("answer") else None

    shown = [{**f, "received_text": waktu(utc(f["received"])), "deadline_text": tanggal(f["deadline"]),
              "status_text": STATUS_TEXT.get(f["status"], f["status"]), "answer_html": shown_answer(f),
              "answered": waktu(utc(f["answered_at"])) if f["answered_at"] else ""} for f in later]
    return environment().get_template("status.html.j2").render(
        s=row, area=area_name, received=waktu(utc(row["received"])), deadline=tanggal(row["deadline"]),
        status=STATUS_TEXT.get(row["status"], row["status"]), answer_html=shown_answer(row), receipt=Markup(receipt) if receipt else None,
        answered=waktu(utc(row["answered_at"])) if row.get("answered_at") else "", later=shown, **context,
    )


class SitePages:
    """A built form page (/ajukan/ unless told) as a shell: the app swaps its body for errors, receipts and status."""

    def __init__(self, site_dir: Path, folder: str = "ajukan"):
        self.site, self.folder = site_dir, folder
        self.path = site_dir / folder / "index.html"

    @functools.cached_property
    def shell(self) -> str:
        """The built page, or a bare page when the site was not built (the API still works)."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except OSError:
            text = ""
        if START not in text or END not in text:
            return (f'<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Ajukan pertanyaan</title>'
                    f'<meta name="viewport" content="width=device-width, initial-scale=1"></head><body><main>{START}{END}</main></body></html>')
        return text

    def ajukan(self, token: str, form) -> str:
        """The form page as built, with a fresh signed token; without a built site, form() in a bare page."""
        if TOKEN_MARKER in self.shell:
            return self.shell.replace(TOKEN_MARKER, token)
        return self.page("Ajukan pertanyaan", "<h1>Ajukan pertanyaan</h1>" + form())

    def page(self, title: str, body: str) -> str:
        """The site's page with our body and title; <base> keeps its relative links working off /api/."""
        before, rest = self.shell.split(START, 1)
        _, after = rest.split(END, 1)
        before = re.sub(r"<title>.*?</title>", f"<title>{title} - Klinik PKP</title>", before, count=1, flags=re.S)
        before = before.replace("<head>", f'<head><base href="/{self.folder}/">', 1)
        return f"{before}{START}{body}{END}{after}"
