"""Single-use proofs over real HTTP: a solved ALTCHA and a form token each store one question, however the
proof is re-encoded, across a restart, between two servers on one store and between concurrent posts; a
non-ASCII proof is a 4xx, never a 500; spent rows past their expiry are purged."""

from __future__ import annotations

import base64
import json
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone

import altcha
import pytest
from sqlalchemy import func, select

from generator.intake.store.db import Store, open_engine
from generator.intake.store.replay import Proof, SpentTokens, spent_tokens
from generator.intake.web.app import create_app
from generator.intake.web.spam import FORM_UNKNOWN, REPLAYED, altcha_proof, issue_form_token
from tests.intake_server import VALID, LiveServer, intake_project, settings_for

FAILED = {"galat": {"formulir": "Pemeriksaan anti-spam (ALTCHA) gagal. Muat ulang halaman lalu kirim lagi."}}
POW = dict(pow=True, pow_difficulty=1000, rate_limit_no_pow=1)


def solution(server: LiveServer) -> dict:
    """A solved challenge from the server, as the widget would send it (before base64)."""
    challenge = json.loads(server.request("/api/altcha")[2])
    solved = altcha.solve_challenge_v1(challenge["challenge"], challenge["salt"], challenge["algorithm"], challenge["maxnumber"])
    return {k: challenge[k] for k in ("algorithm", "challenge", "salt", "signature")} | {"number": solved.number}


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def rows(server: LiveServer) -> int:
    from generator.intake.store.schema import submissions

    with server.server.config.app.state.intake.store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(submissions)).scalar_one()


def unpadded(payload: dict) -> str:
    """Standard base64 with its '=' padding dropped (JSON spaces added until there is padding to drop)."""
    data = json.dumps(payload).encode()
    data += b" " * ((1 - len(data)) % 3)
    encoded = b64(data)
    assert encoded.endswith("==")
    return encoded.rstrip("=")


def urlsafe(payload: dict) -> str:
    """URL-safe base64 of a payload whose bytes are sure to give '-' or '_'."""
    encoded = base64.urlsafe_b64encode(json.dumps({**payload, "isi": "?>?>?>?>?>?>"}).encode()).decode()
    assert "-" in encoded or "_" in encoded
    return encoded


def wrapped(payload: dict) -> str:
    encoded = b64(json.dumps(payload).encode())
    return "\n".join(encoded[i:i + 60] for i in range(0, len(encoded), 60))


# Each turns the widget's payload into another encoding of the same solution.
REENCODINGS = {
    "json-spasi": lambda p: b64(json.dumps(p, indent=2).encode()),
    "urutan-kunci": lambda p: b64(json.dumps(dict(reversed(list(p.items())))).encode()),
    "tanpa-padding": unpadded,
    "urlsafe": urlsafe,
    "isian-tambahan": lambda p: b64(json.dumps({**p, "took": 123, "x": "y"}).encode()),
    "angka-teks": lambda p: b64(json.dumps({**p, "number": str(p["number"])}).encode()),
    "salt-tanpa-&": lambda p: b64(json.dumps({**p, "salt": p["salt"].removesuffix("&")}).encode()),
    "base64-berbaris": wrapped,
}


@pytest.fixture(scope="module")
def pow_server(tmp_path_factory):
    with LiveServer(create_app(settings_for(intake_project(tmp_path_factory.mktemp("pow")), **POW))) as server:
        yield server


@pytest.mark.parametrize("name", REENCODINGS)
def test_a_reencoded_spent_solution_is_refused(pow_server, name):
    payload = solution(pow_server)
    original, variant = b64(json.dumps(payload).encode()), REENCODINGS[name](payload)
    key = pow_server.server.config.app.state.intake.key
    assert altcha_proof(key, variant) == altcha_proof(key, original) is not None  # one solution, two spellings
    assert pow_server.post_json({**VALID, "altcha": original})[0] == 201
    replay = pow_server.post_json({**VALID, "altcha": variant})
    assert (replay[0], json.loads(replay[2])) == (422, FAILED)
    other = solution(pow_server)  # and the other way round: the variant first, then the widget's own spelling
    assert pow_server.post_json({**VALID, "altcha": REENCODINGS[name](other)})[0] == 201
    assert pow_server.post_json({**VALID, "altcha": b64(json.dumps(other).encode())})[0] == 422


def test_a_post_with_field_errors_keeps_its_solution(pow_server):
    payload = b64(json.dumps(solution(pow_server)).encode())
    wrong = pow_server.post_json({**VALID, "altcha": payload, "pertanyaan": "pendek"})
    assert wrong[0] == 422 and "pertanyaan" in json.loads(wrong[2])["galat"]
    assert pow_server.post_json({**VALID, "altcha": payload})[0] == 201
    assert pow_server.post_json({**VALID, "altcha": payload})[0] == 422


def test_spent_proofs_survive_a_restart_and_a_second_server(tmp_path):
    settings = settings_for(intake_project(tmp_path), **POW, min_fill_seconds=1)
    fresh_token = lambda server: issue_form_token(server.server.config.app.state.intake.key, now=time.time() - 60)  # noqa: E731
    fresh_payload = lambda server: b64(json.dumps(solution(server)).encode())  # noqa: E731
    with LiveServer(create_app(settings)) as first:
        token, payload = fresh_token(first), fresh_payload(first)
        assert first.post_json({**VALID, "altcha": payload, "token_formulir": token})[0] == 201
        with LiveServer(create_app(settings)) as second:  # e.g. a second worker process on the same database
            assert json.loads(second.post_json({**VALID, "altcha": payload, "token_formulir": fresh_token(second)})[2]) == FAILED
            replay = second.post_json({**VALID, "altcha": fresh_payload(second), "token_formulir": token})
            assert json.loads(replay[2]) == {"galat": {"formulir": REPLAYED["form"]}}
    with LiveServer(create_app(settings)) as restarted:
        assert json.loads(restarted.post_json({**VALID, "altcha": payload, "token_formulir": fresh_token(restarted)})[2]) == FAILED
        replay = restarted.post_json({**VALID, "altcha": fresh_payload(restarted), "token_formulir": token})
        assert json.loads(replay[2]) == {"galat": {"formulir": REPLAYED["form"]}}
        assert restarted.post_json({**VALID, "altcha": fresh_payload(restarted), "token_formulir": fresh_token(restarted)})[0] == 201
        assert rows(restarted) == 2


def test_one_form_token_stores_one_question(tmp_path):
    with LiveServer(create_app(settings_for(intake_project(tmp_path), min_fill_seconds=2))) as server:
        token = issue_form_token(server.server.config.app.state.intake.key, now=time.time() - 60)
        wrong = server.post_form({**VALID, "token_formulir": token, "setuju": ""})
        assert wrong[0] == 422 and 'name="token_formulir" value="' + token in wrong[2]  # kept for the corrected post
        assert server.post_form({**VALID, "token_formulir": token})[0] == 200
        statuses = [server.post_json({**VALID, "token_formulir": token, "pertanyaan": f"Pertanyaan ulangan nomor {n} dengan token lama"})
                    for n in range(12)]
        assert {(s, json.loads(body)["galat"]["formulir"]) for s, _, body in statuses} == {(422, REPLAYED["form"])}
        assert server.post_json({**VALID, "token_formulir": issue_form_token(server.server.config.app.state.intake.key,
                                                                               now=time.time() - 60)})[0] == 201
        assert rows(server) == 2


def test_concurrent_posts_with_one_proof_store_one_question(pow_server):
    payload = b64(json.dumps(solution(pow_server)).encode())
    before, results, start = rows(pow_server), [], threading.Barrier(8)

    def post(n: int) -> None:
        start.wait()
        results.append(pow_server.post_json({**VALID, "altcha": payload, "pertanyaan": f"Pertanyaan serentak nomor {n} untuk uji"})[0])

    threads = [threading.Thread(target=post, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(results) == [201] + [422] * 7
    assert rows(pow_server) == before + 1


@pytest.fixture(scope="module")
def strict_server(tmp_path_factory):
    settings = settings_for(intake_project(tmp_path_factory.mktemp("ascii")), **POW, min_fill_seconds=1)
    with LiveServer(create_app(settings)) as server:
        yield server


@pytest.mark.parametrize("field, value", [
    ("token_formulir", "1700000000.é"),
    ("token_formulir", "1700000000.0123456789abcdef.é" + "0" * 63),
    ("token_formulir", "١٧٠٠٠٠٠٠٠٠.0123456789abcdef." + "0" * 64),
    ("token_formulir", "1700000000.\udc00.x"),
    ("altcha", "é" * 40),
    ("altcha", b64(json.dumps({"algorithm": "SHA-256", "challenge": "é", "salt": "x?expires=9999999999&",
                               "signature": "ü", "number": 1}).encode())),
])
@pytest.mark.parametrize("encoding", ["json", "form"])
def test_non_ascii_proofs_get_a_4xx(strict_server, field, value, encoding):
    data = {**VALID, "token_formulir": issue_form_token(strict_server.server.config.app.state.intake.key, now=time.time() - 60),
            field: value}
    if encoding == "json":
        status, _, body = strict_server.post_json(data)
        assert status == 422, body
        assert json.loads(body)["galat"]["formulir"] in (FORM_UNKNOWN, FAILED["galat"]["formulir"])
    else:
        form = urllib.parse.urlencode(data, errors="surrogatepass").encode()
        status, _, page = strict_server.request("/api/pertanyaan", data=form, headers={"Content-Type": "application/x-www-form-urlencoded"})
        assert status == 422, page
        assert "Formulir tidak dikenali" in page or "Pemeriksaan anti-spam (ALTCHA) gagal" in page


def test_expired_rows_are_purged_and_live_ones_kept(tmp_path):
    store = Store(open_engine(f"sqlite:///{tmp_path / 'klinik.db'}"))
    spent = SpentTokens(store)
    now = datetime.now(timezone.utc)
    old, live = Proof("altcha", "lama", now - timedelta(minutes=1)), Proof("form", "baru", now + timedelta(hours=1))
    assert spent.spend([old], now=now - timedelta(hours=1)) is None
    assert spent.spend([live], now=now) is None  # purges `old` in the same transaction
    assert (spent.count("altcha"), spent.count("form")) == (0, 1)
    assert spent.spend([Proof("altcha", "lain", now + timedelta(hours=1)), live]) == live
    assert spent.count("altcha") == 0  # all or nothing: the fresh proof was not kept either
    with store.engine.connect() as conn:
        keys = list(conn.execute(select(spent_tokens.c.key)).scalars())
    assert keys == [live.key] and "baru" not in keys  # stored hashed


def race(url: str) -> None:
    """Eight writers, each with its own engine (as separate processes would be), spend one proof at once."""
    tables = [SpentTokens(Store(open_engine(url))) for _ in range(8)]
    proof = Proof("altcha", "serentak", datetime.now(timezone.utc) + timedelta(hours=1))
    start = threading.Barrier(8)

    def spend(spent: SpentTokens):
        start.wait()
        return spent.spend([proof])

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(spend, tables))
    assert results.count(None) == 1 and results.count(proof) == 7
    other = Proof("form", "lain", proof.expires)
    assert tables[0].spent([other, proof]) == proof and tables[1].spent([other]) is None
    tables[2].release([proof])
    assert tables[3].spent([proof]) is None and tables[4].spend([proof]) is None


def test_spending_is_atomic_between_engines_on_sqlite(tmp_path):
    race(f"sqlite:///{tmp_path / 'klinik.db'}")


def test_spending_is_atomic_between_engines_on_postgresql(pg_url):  # noqa: F811
    race(pg_url)
