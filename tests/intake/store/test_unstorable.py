"""One bad post among many honest ones over real HTTP: only the bad one fails, with a 4xx, never a 500."""

from __future__ import annotations

import json
import re
from concurrent.futures import ThreadPoolExecutor

from generator.intake.store.db import Unstorable
from generator.intake.web import forms
from generator.intake.web.app import create_app
from tests.intake_server import VALID, LiveServer, intake_project, settings_for

BAD = [{**VALID, "nama": "Siti \udc00Aminah"}, {**VALID, "pertanyaan": VALID["pertanyaan"] + " \ud83d"},
       {**VALID, "kabupaten_kota": "Kota Denpasar\udc00"}, {**VALID, "email": "siti\udc00@contoh.id"}]
LABELS = {"nama": "Nama", "pertanyaan": "Pertanyaan", "kabupaten_kota": "Kabupaten/kota", "email": "Alamat email"}


def mixed_load(server: LiveServer, bad: list[dict]) -> tuple[list[int], list[tuple[dict, int, dict]]]:
    """180 honest posts and 20 bad ones, all at once from 16 clients; (honest statuses, bad (post, status, reply))."""
    posts = [bad[n // 10 % len(bad)] if n % 10 == 3 else VALID for n in range(200)]
    with ThreadPoolExecutor(max_workers=16) as pool:
        replies = list(pool.map(server.post_json, posts))
    honest = [(status, json.loads(body)) for post, (status, _, body) in zip(posts, replies, strict=False) if post is VALID]
    bad = [(post, status, json.loads(body)) for post, (status, _, body) in zip(posts, replies, strict=False) if post is not VALID]
    tickets = sorted(reply.get("tiket", "") for _, reply in honest)
    year = re.match(r"KPKP-(\d{4})-", tickets[-1]).group(1)
    assert tickets == [f"KPKP-{year}-{n:06d}" for n in range(1, 181)]  # gapless: no number lost to a bad post
    return [status for status, _ in honest], bad


def test_surrogate_posts_get_422_while_honest_concurrent_posts_get_201(tmp_path):
    with LiveServer(create_app(settings_for(intake_project(tmp_path)))) as server:
        honest, bad = mixed_load(server, BAD)
    assert honest == [201] * 180
    assert len(bad) == 20
    for post, status, reply in bad:  # each gets its own field's message
        field = next(k for k in LABELS if post[k] != VALID[k])
        message = f"{LABELS[field]} berisi karakter yang tidak valid. Hapus atau ketik ulang bagian itu, lalu kirim lagi."
        assert (status, reply) == (422, {"galat": {field: message}})


def test_a_value_only_the_database_refuses_fails_only_its_own_post(tmp_path, monkeypatch):
    """Should a value ever slip past the form's checks, group commit still fails that post alone, as a 422."""
    monkeypatch.setattr(forms, "invalid_characters", lambda data: {})  # the gap: let surrogates reach the store
    with LiveServer(create_app(settings_for(intake_project(tmp_path)))) as server:
        honest, bad = mixed_load(server, [BAD[0], BAD[1], BAD[3]])  # the values that pass the form's other checks
        assert server.post_json(VALID)[0] == 201  # and the store goes on
        _, _, metrics = server.request("/metrics")
    assert honest == [201] * 180
    assert [(status, reply) for _, status, reply in bad] == [(422, {"galat": {"formulir": Unstorable.message}})] * 20
    assert 'klinik_submissions_total{hasil="422"} 20.0' in metrics

