"""The GitHub webhook: only a signed, merged `pertanyaan/TICKET` pull request records an answer, once per
delivery; a hostile signature header is a 401, never a 500."""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import datetime, timezone

import pytest

from generator.intake.model import Answer
from generator.intake.web.app import create_app
from generator.intake.web.webhook import merged_ticket
from tests.intake_server import VALID, FakePublisher, LiveServer, intake_project, mark_redacted, settings_for


def event(ref: str, merged: bool = True, action: str = "closed") -> dict:
    return {"action": action, "pull_request": {"merged": merged, "head": {"ref": ref}}}


@pytest.mark.parametrize("name, payload, ticket", [
    ("pull_request", event("pertanyaan/KPKP-2026-000123"), "KPKP-2026-000123"),
    ("pull_request", event("pertanyaan/KPKP-2026-000123", merged=False), None),
    ("pull_request", event("pertanyaan/KPKP-2026-000123", action="opened"), None),
    ("pull_request", event("fitur/lain"), None),
    ("push", event("pertanyaan/KPKP-2026-000123"), None),
    ("pull_request", [1, 2], None),
    ("pull_request", {"action": "closed", "pull_request": "x"}, None),
])
def test_merged_ticket(name, payload, ticket):
    assert merged_ticket(name, payload) == ticket


def test_disabled_without_secret(tmp_path):
    with LiveServer(create_app(settings_for(intake_project(tmp_path)))) as server:
        assert server.request("/api/webhook/github", data=b"{}", headers={"Content-Type": "application/json"})[0] == 404


def test_signed_merge_records_the_answer(tmp_path):
    publisher = FakePublisher()
    app = create_app(settings_for(intake_project(tmp_path), worker=True, webhook_secret="rahasia-webhook"),
                     publisher=publisher, redact=mark_redacted)
    with LiveServer(app) as server:
        ticket = json.loads(server.post_json(VALID)[2])["tiket"]
        publisher.answered.append(Answer(ticket, "Jawaban TA.", datetime.now(timezone.utc)))
        body = json.dumps(event(f"pertanyaan/{ticket}")).encode()
        signature = "sha256=" + hmac.new(b"rahasia-webhook", body, hashlib.sha256).hexdigest()
        headers = {"Content-Type": "application/json", "X-GitHub-Event": "pull_request", "X-GitHub-Delivery": "72d3162e-cc78-11e3-81ab-4c9367dc0958"}
        assert server.request("/api/webhook/github", data=body, headers={**headers, "X-Hub-Signature-256": "sha256=00"})[0] == 401
        status, _, reply = server.request("/api/webhook/github", data=body, headers={**headers, "X-Hub-Signature-256": signature})
        assert (status, json.loads(reply)) == (200, {"hasil": "jawaban dicatat", "tiket": ticket})
        assert app.state.intake.store.get(ticket)["status"] == "dijawab"


def signed(body: bytes, delivery: str | None, signature: str | None = None) -> dict:
    headers = {"Content-Type": "application/json", "X-GitHub-Event": "pull_request",
               "X-Hub-Signature-256": signature or "sha256=" + hmac.new(b"rahasia-webhook", body, hashlib.sha256).hexdigest()}
    return headers | ({"X-GitHub-Delivery": delivery} if delivery is not None else {})


@dataclass
class CountingPublisher(FakePublisher):
    """Counts answer fetches: each one is a GitHub API call a replay must not cost."""

    fetches: int = 0

    def fetch_answer(self, ticket: str):
        self.fetches += 1
        return super().fetch_answer(ticket)


@pytest.mark.parametrize("signature", ["sha256=é", "sha256=" + "é" * 64, "sha256=\u00ff\u00fe", "é"])
def test_non_ascii_signature_is_refused_not_a_500(tmp_path_factory, signature):
    app = create_app(settings_for(intake_project(tmp_path_factory.mktemp("sig")), webhook_secret="rahasia-webhook"))
    with LiveServer(app) as server:
        status, _, reply = server.request("/api/webhook/github", data=b"{}", headers=signed(b"{}", "d-1", signature))
        assert (status, json.loads(reply)) == (401, {"galat": "Tanda tangan webhook tidak cocok."})


def test_a_replayed_delivery_is_acknowledged_without_processing_twice(tmp_path):
    project, publisher = intake_project(tmp_path), CountingPublisher()
    settings = settings_for(project, worker=True, webhook_secret="rahasia-webhook")
    with LiveServer(create_app(settings, publisher=publisher, redact=mark_redacted)) as server:
        ticket = json.loads(server.post_json(VALID)[2])["tiket"]
        publisher.answered.append(Answer(ticket, "Jawaban TA.", datetime.now(timezone.utc)))
        body = json.dumps(event(f"pertanyaan/{ticket}")).encode()
        first = server.request("/api/webhook/github", data=body, headers=signed(body, "antaran-1"))
        assert (first[0], json.loads(first[2])) == (200, {"hasil": "jawaban dicatat", "tiket": ticket})
        for delivery in ("antaran-1", "antaran-1", "antaran-palsu-2"):  # GitHub's redelivery; a replay with a new id
            again = server.request("/api/webhook/github", data=body, headers=signed(body, delivery))
            assert (again[0], json.loads(again[2])) == (200, {"hasil": "sudah diterima"})
        assert publisher.fetches == 1
    with LiveServer(create_app(settings, publisher=publisher, redact=mark_redacted)) as restarted:
        again = restarted.request("/api/webhook/github", data=body, headers=signed(body, "antaran-1"))
        assert (again[0], json.loads(again[2])) == (200, {"hasil": "sudah diterima"})
        assert publisher.fetches == 1


def test_missing_delivery_id_is_refused_and_a_failed_delivery_can_be_redelivered(tmp_path):
    project = intake_project(tmp_path)
    app = create_app(settings_for(project, webhook_secret="rahasia-webhook"))  # no outbox worker: 503
    body = json.dumps(event("pertanyaan/KPKP-2026-000001")).encode()
    with LiveServer(app) as server:
        for delivery in (None, "", "x" * 101, "antaran-\u00e9"):
            status, _, reply = server.request("/api/webhook/github", data=body, headers=signed(body, delivery))
            assert (status, json.loads(reply)) == (400, {"galat": "Header X-GitHub-Delivery tidak ada atau tidak valid."})
        assert [server.request("/api/webhook/github", data=body, headers=signed(body, "antaran-1"))[0] for _ in range(2)] == [503, 503]
        ignored = json.dumps(event("fitur/lain")).encode()
        assert json.loads(server.request("/api/webhook/github", data=ignored, headers=signed(ignored, "antaran-2"))[2]) == {"hasil": "diabaikan"}
        assert json.loads(server.request("/api/webhook/github", data=ignored, headers=signed(ignored, "antaran-2"))[2]) == {"hasil": "sudah diterima"}
