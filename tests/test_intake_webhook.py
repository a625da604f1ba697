"""The GitHub webhook: only a signed, merged `pertanyaan/TICKET` pull request records an answer."""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import datetime, timezone

import pytest

from generator.intake.app import create_app
from generator.intake.model import Answer
from generator.intake.webhook import merged_ticket

from .intake_server import VALID, FakePublisher, LiveServer, intake_project, mark_redacted, settings_for


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
        headers = {"Content-Type": "application/json", "X-GitHub-Event": "pull_request"}
        assert server.request("/api/webhook/github", data=body, headers={**headers, "X-Hub-Signature-256": "sha256=00"})[0] == 401
        status, _, reply = server.request("/api/webhook/github", data=body, headers={**headers, "X-Hub-Signature-256": signature})
        assert (status, json.loads(reply)) == (200, {"hasil": "jawaban dicatat", "tiket": ticket})
        assert app.state.intake.store.get(ticket)["status"] == "dijawab"
