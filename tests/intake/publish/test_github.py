"""The GitHub backend against a local fake GitHub: exact requests, idempotence, limits, no personal data."""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import hashlib
import hmac
import json

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from generator.config.peninjau import AreaReviewers, Routing
from generator.intake.model import Answer, PublishError, PublishRetry
from generator.intake.privacy.redact import redact
from generator.intake.publish.github import GitHubPublisher, verify_signature
from generator.intake.publish.submission_file import render
from tests.fake_github import REPO, TOKEN, FakeGitHub
from tests.intake_repo import submission

R = f"/repos/{REPO}"
FILE = "submissions/2026/11/KPKP-2026-000123.md"
ROUTING = Routing(titles={"pembiayaan": "Pembiayaan Perumahan"}, areas={"pembiayaan": AreaReviewers(peninjau=["ta-budi"], tim=["tim-pembiayaan"])})
FRESH = [
    f"GET {R}/git/ref/heads/main",
    f"POST {R}/git/refs",
    f"GET {R}/contents/{FILE}?ref=pertanyaan%2FKPKP-2026-000123",
    f"PUT {R}/contents/{FILE}",
    f"GET {R}/pulls?head=kementerian-pkp%3Apertanyaan%2FKPKP-2026-000123&state=all",
    f"POST {R}/pulls",
    f"POST {R}/issues/1/labels",
    f"POST {R}/pulls/1/requested_reviewers",
]


@pytest.fixture
def fake():
    server = FakeGitHub()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def app_key():
    """A GitHub App private key (RSA, PEM) made once for the module."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()).decode()
    return key, pem


def publisher(fake: FakeGitHub, **kwargs) -> GitHubPublisher:
    options = {"token": TOKEN, "api_url": fake.url, "routing": ROUTING, "min_interval_s": 0, **kwargs}
    return GitHubPublisher(REPO, **options)


def test_publish_sends_exactly_these_requests(fake):
    url = publisher(fake).publish(submission())
    assert url == f"https://github.com/{REPO}/pull/1"
    assert fake.calls() == FRESH
    bodies = [r.body for r in fake.state.requests]
    assert bodies[1] == {"ref": "refs/heads/pertanyaan/KPKP-2026-000123", "sha": "a" * 40}
    bot = {"name": "Klinik PKP Bot", "email": "bot@klinik.pkp.go.id"}
    assert bodies[3] == {
        "message": "Pertanyaan KPKP-2026-000123 (pembiayaan)", "content": base64.b64encode(render(submission()).encode()).decode(),
        "branch": "pertanyaan/KPKP-2026-000123", "committer": bot, "author": bot,
    }
    assert bodies[5] == {
        "title": "Pertanyaan KPKP-2026-000123: Pembiayaan Perumahan", "head": "pertanyaan/KPKP-2026-000123", "base": "main",
        "draft": False,
        "body": "Pertanyaan warga yang menunggu jawaban Tenaga Ahli.\n\n| | |\n| --- | --- |\n| Tiket | KPKP-2026-000123 |\n"
        "| Bidang | Pembiayaan Perumahan |\n| Provinsi | Jawa Barat |\n| Diterima | 2026-11-23 10:00 WIB |\n| Tenggat | 2026-11-26 |\n\n"
        f"Tulis jawaban di bagian `## Jawaban` berkas `{FILE}` pada cabang ini, ubah `status` menjadi `dijawab`, lalu gabungkan "
        "(merge). Identitas penanya tidak pernah masuk ke repositori.",
    }
    assert bodies[6] == {"labels": ["bidang/pembiayaan", "menunggu-jawaban"]}
    assert bodies[7] == {"reviewers": ["ta-budi"], "team_reviewers": ["tim-pembiayaan"]}
    assert {r.authorization for r in fake.state.requests} == {f"Bearer {TOKEN}"}


def test_publish_again_changes_nothing(fake):
    first = publisher(fake).publish(submission())
    fake.state.requests.clear()
    assert publisher(fake).publish(submission()) == first
    assert fake.calls() == FRESH[:3] + FRESH[4:5]
    assert len(fake.state.pulls) == 1 and len(fake.state.commits) == 1


@pytest.mark.parametrize("failing", FRESH)
def test_a_failure_at_any_step_then_retry_makes_one_pr(fake, failing):
    fake.state.failures.append((failing, "500"))
    with pytest.raises(PublishRetry) as caught:
        publisher(fake).publish(submission())
    assert caught.value.after_seconds is None
    assert publisher(fake).publish(submission()) == f"https://github.com/{REPO}/pull/1"
    assert len(fake.state.pulls) == 1 and len(fake.state.commits) == 1
    pull = fake.state.pulls[0]
    assert [label["name"] for label in pull["labels"]] == ["bidang/pembiayaan", "menunggu-jawaban"]
    assert pull["requested_reviewers"] == [{"login": "ta-budi"}] and pull["requested_teams"] == [{"slug": "tim-pembiayaan"}]


@pytest.mark.parametrize(
    ("kind", "low", "high"),
    [("403-reset", 29, 32), ("429-retry", 17, 17), ("403-bare", 60, 60)],
)
def test_rate_limits_say_when_to_retry(fake, kind, low, high):
    fake.state.failures.append((f"POST {R}/pulls", kind))
    with pytest.raises(PublishRetry) as caught:
        publisher(fake).publish(submission())
    assert low <= caught.value.after_seconds <= high
    assert "membatasi laju" in caught.value.reason


def test_host_down_is_transient(fake):
    fake.stop()
    with pytest.raises(PublishRetry, match="GitHub tidak terjangkau saat membaca cabang dasar") as caught:
        publisher(fake).publish(submission())
    assert caught.value.after_seconds is None
    fake.start()
    assert publisher(fake).publish(submission()) == f"https://github.com/{REPO}/pull/1"


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda f: f.state.tokens.clear(), "GitHub 401 saat membaca cabang dasar: token ditolak (Bad credentials)"),
        (lambda f: f.state.failures.append(("refs", "403-denied")), "GitHub 403 saat membuat cabang: akses ditolak (Resource not accessible by integration)"),
        (
            lambda f: f.state.refs.pop("main"),
            "GitHub 404 saat membaca cabang dasar: repositori, cabang atau berkas tidak ditemukan (atau token tanpa akses) (Not Found)",
        ),
    ],
)
def test_permanent_failures_are_clear_and_never_show_the_token(fake, setup, message):
    setup(fake)
    with pytest.raises(PublishError) as caught:
        publisher(fake).publish(submission())
    assert str(caught.value) == message
    assert TOKEN not in str(caught.value)


def test_no_personal_data_reaches_github(fake):
    planted = ["0812-3456-7890", "budi.santoso@gmail.com", "3201012345670001", "Jl. Melati No. 4"]
    question = f"Saya tinggal di {planted[3]}, NIK {planted[2]}, HP {planted[0]}, surel {planted[1]}. Bisa KPR?"
    with pytest.raises(PublishError, match="data pribadi"):
        publisher(fake).publish(submission(question=question))
    assert fake.state.requests == []
    publisher(fake).publish(submission(question=redact(question)))
    sent = json.dumps([r.body for r in fake.state.requests]) + "".join(fake.state.files.values())
    assert "[disamarkan]" in sent
    for value in planted:
        assert value not in sent


def test_mutating_calls_are_paced(fake):
    publisher(fake, min_interval_s=0.05).publish(submission())
    times = [r.at for r in fake.state.requests if r.method != "GET"]
    assert len(times) == 5
    assert [later - earlier >= 0.05 for earlier, later in zip(times, times[1:], strict=False)] == [True] * 4, [
        later - earlier for earlier, later in zip(times, times[1:], strict=False)
    ]


def test_github_app_token_is_fetched_once_and_reused(fake, app_key):
    key, pem = app_key
    app = publisher(fake, token=None, app_id="123456", app_private_key=pem, installation_id="42")
    app.publish(submission(123))
    app.publish(submission(124))
    first = fake.state.requests[0]
    assert f"{first.method} {first.path}" == "POST /app/installations/42/access_tokens"
    claims = jwt.decode(first.authorization.removeprefix("Bearer "), key.public_key(), algorithms=["RS256"])
    assert claims["iss"] == "123456" and claims["exp"] - claims["iat"] == 600
    assert fake.state.installation_tokens == 1
    assert {r.authorization for r in fake.state.requests[1:]} == {"Bearer ghs_installation_1"}


def test_fetch_answer_reads_the_base_branch(fake):
    gh = publisher(fake)
    gh.publish(submission())
    text = render(submission())
    fake.commit("main", FILE, text, "2026-11-24T01:00:00Z")
    assert gh.fetch_answer("KPKP-2026-000123") is None
    fake.commit("main", FILE, text.replace("menunggu-jawaban", "dijawab") + "\nBisa.\n", "2026-11-24T02:00:00Z")
    assert gh.fetch_answer("KPKP-2026-000123") == Answer("KPKP-2026-000123", "Bisa.", dt.datetime(2026, 11, 24, 2, 0, tzinfo=dt.timezone.utc))
    assert gh.fetch_answer("KPKP-2026-000999") is None
    assert gh.fetch_answer("../../etc") is None
    assert gh.answers() == []


def test_verify_signature():
    body = b'{"action":"closed"}'
    good = "sha256=" + hmac.new(b"rahasia", body, hashlib.sha256).hexdigest()
    assert verify_signature("rahasia", body, good)
    assert not verify_signature("rahasia", body + b" ", good)
    assert not verify_signature("lain", body, good)
    assert not verify_signature("rahasia", body, None)
    assert not verify_signature("rahasia", body, good.replace("sha256=", "sha1="))
    assert not verify_signature("", body, "sha256=" + hmac.new(b"", body, hashlib.sha256).hexdigest())


def test_bad_configuration_is_refused_before_any_request():
    with pytest.raises(PublishError, match="pemilik/nama"):
        GitHubPublisher("klinik-pkp", token=TOKEN)
    with pytest.raises(PublishError, match="isi token, atau app id"):
        GitHubPublisher(REPO)


def test_an_expired_installation_token_is_renewed_once(fake, app_key):
    _, pem = app_key
    app = publisher(fake, token=None, app_id="123456", app_private_key=pem, installation_id="42")
    app.publish(submission(123))
    fake.state.tokens.discard("ghs_installation_1")  # GitHub revoked it early
    assert app.publish(submission(124)) == f"https://github.com/{REPO}/pull/2"
    assert fake.state.installation_tokens == 2


def test_a_pull_request_missing_from_a_lagging_list_is_found_not_duplicated(fake):
    first = publisher(fake).publish(submission())
    fake.state.requests.clear()
    fake.state.failures.append((f"GET {R}/pulls", "stale-list"))
    assert publisher(fake).publish(submission()) == first
    assert fake.calls()[-3:] == [FRESH[4], FRESH[5], FRESH[4]]
    assert len(fake.state.pulls) == 1


def test_an_invalid_item_is_a_permanent_error(fake):
    with pytest.raises(PublishError, match="KPKP-2026-000123: bidang tidak valid: 'Pembiayaan'"):
        publisher(fake).publish(submission(area="Pembiayaan"))
    assert fake.state.requests == []


def test_a_wrong_github_app_installation_is_a_clear_permanent_error(fake, app_key):
    _, pem = app_key
    fake.state.failures.append(("access_tokens", "403-denied"))
    with pytest.raises(PublishError) as caught:
        publisher(fake, token=None, app_id="123456", app_private_key=pem, installation_id="42").publish(submission())
    assert str(caught.value) == "GitHub App: 403 saat meminta token instalasi (Resource not accessible by integration)"


def test_the_pull_request_is_labelled_with_the_cases_balai_once(fake):
    """Besides the area's labels, `balai:<slug>`; a pull request made before it had the label gets it on the next run."""
    item = dataclasses.replace(submission(), balai="jawa-iii")
    publisher(fake).publish(item)
    assert fake.state.requests[6].body == {"labels": ["bidang/pembiayaan", "menunggu-jawaban", "balai:jawa-iii"]}
    fake.state.requests.clear()
    publisher(fake).publish(item)
    assert fake.calls() == FRESH[:3] + FRESH[4:5]  # already labelled: nothing more sent
    fake.state.pulls[0]["labels"] = [{"name": "bidang/pembiayaan"}, {"name": "menunggu-jawaban"}]
    publisher(fake).publish(item)
    assert [label["name"] for label in fake.state.pulls[0]["labels"]] == ["bidang/pembiayaan", "menunggu-jawaban", "balai:jawa-iii"]


def test_a_case_without_a_known_balai_gets_only_the_area_labels(fake):
    publisher(fake).publish(dataclasses.replace(submission(), balai=""))
    assert [label["name"] for label in fake.state.pulls[0]["labels"]] == ["bidang/pembiayaan", "menunggu-jawaban"]
