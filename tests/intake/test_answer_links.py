"""A merged answer on the private status page, over real HTTP: only http(s), mailto and relative links stay live."""

from __future__ import annotations

import json
from html.parser import HTMLParser

from generator.intake.outbox import outbox_for
from generator.intake.publish.git import GitPublisher
from generator.intake.web.app import create_app
from tests.intake_repo import answer_and_merge
from tests.intake_server import VALID, LiveServer, reviewed_project, settings_for

HOSTILE_ANSWER = """Bisa. Baca [panduan](https://pu.go.id/panduan?a=1&b=2), tanya lewat [surel](mailto:klinik@pkp.go.id),
lihat [tanya jawab lain](../faq/), lalu [klik](javascript:alert(1)), [data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==),
[vb](vbscript:msgbox(1)), [huruf besar](JaVaScRiPt:alert(2)), [spasi]( javascript:alert(3) ), [rujukan][1], <javascript:alert(4)>,
<a href="javascript:alert(5)">mentah</a> <img src=x onerror=alert(6)> <svg onload=alert(7)>

| Kolom | Tautan |
| --- | --- |
| satu | [sel](javascript:alert(8)) |

[1]: javascript:alert(9)
"""
SAFE = {"https://pu.go.id/panduan?a=1&b=2", "mailto:klinik@pkp.go.id"}
"""../faq/ is a link into the site: with no built site here it leads nowhere and shows as text (web/answer_links.py)."""


class AnswerLinks(HTMLParser):
    """Elements, attributes and links inside the page's answer block."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str, str]] = []
        self.text = ""

    def handle_starttag(self, tag, attrs):
        if self.depth:
            self.depth += 1
            self.tags.append(tag)
            self.attributes += [(tag, k, v or "") for k, v in attrs]
        elif tag == "div" and ("class", "klinik-status__jawaban") in attrs:
            self.depth = 1

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.text += data


def test_status_page_keeps_only_safe_links_in_the_answer(tmp_path):
    project = reviewed_project(tmp_path)
    settings = settings_for(project, repo_path=project)
    app = create_app(settings)
    with LiveServer(app) as server:
        status, _, body = server.post_json(VALID)
        assert status == 201, body
        receipt = json.loads(body)
        outbox = outbox_for(settings, app.state.intake.store, GitPublisher(project))
        assert outbox.drain() == 1
        answer_and_merge(project, receipt["tiket"], HOSTILE_ANSWER)
        assert outbox.check_answers() == 1
        status, _, page = server.request(receipt["tautan_status"].removeprefix(server.base))
    assert status == 200
    answer = AnswerLinks()
    answer.feed(page)
    hrefs = {v for tag, k, v in answer.attributes if k == "href"}
    assert hrefs == SAFE
    assert [a for a in answer.attributes if a[1] in ("src", "style") or a[1].startswith("on")] == []
    assert set(answer.tags) <= {"p", "a", "table", "thead", "tbody", "tr", "th", "td"}
    assert "<img src=x onerror=alert(6)>" in answer.text and "klik" in answer.text  # raw HTML shows as text
    assert "tanya jawab lain" in answer.text
