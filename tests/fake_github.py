"""A local stand-in for the GitHub REST endpoints the intake uses: state in memory, every request recorded."""

from __future__ import annotations

import base64
import hashlib
import http.server
import json
import re
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import parse_qs, unquote, urlsplit

REPO = "kementerian-pkp/klinik-pkp"
TOKEN = "ghs_rahasia_token_uji_123"


@dataclass
class Recorded:
    """One request as the server saw it."""

    method: str
    path: str
    body: object
    authorization: str
    at: float


@dataclass
class State:
    """Refs, files, commits, pull requests and queued failures of the fake repository."""

    refs: dict[str, str] = field(default_factory=lambda: {"main": "a" * 40})
    files: dict[tuple[str, str], str] = field(default_factory=dict)  # (branch, path) -> text
    commits: list[dict] = field(default_factory=list)  # {sha, branch, path, text, date}
    pulls: list[dict] = field(default_factory=list)
    requests: list[Recorded] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)
    """(part of "METHOD path" to match, "" for any; kind: 500, 403-reset, 429-retry, 403-bare, 403-denied)."""
    tokens: set[str] = field(default_factory=lambda: {TOKEN})
    installation_tokens: int = 0


def _sha(*parts: str) -> str:
    return hashlib.sha1("\0".join(parts).encode()).hexdigest()


class Handler(http.server.BaseHTTPRequestHandler):
    state: State

    def log_message(self, *args):  # noqa: D401 - silence the default stderr log
        pass

    def _reply(self, status: int, data: object = None, headers: dict | None = None) -> None:
        body = json.dumps(data).encode() if data is not None else b""
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def _failure(self, request: str) -> bool:
        entry = next((f for f in self.state.failures if f[0] in request), None)
        if entry is None:
            return False
        self.state.failures.remove(entry)
        kind = entry[1]
        if kind == "500":
            self._reply(502, {"message": "Server Error"})
        elif kind == "403-reset":
            reset = str(int(time.time()) + 30)
            self._reply(403, {"message": "API rate limit exceeded"}, {"x-ratelimit-remaining": "0", "x-ratelimit-reset": reset})
        elif kind == "429-retry":
            self._reply(429, {"message": "secondary rate limit"}, {"Retry-After": "17"})
        elif kind == "403-bare":
            self._reply(403, {"message": "You have exceeded a secondary rate limit"})
        elif kind == "stale-list":  # GitHub's lists can lag behind a just-created pull request
            self._reply(200, [])
        elif kind == "403-denied":
            self._reply(403, {"message": "Resource not accessible by integration"}, {"x-ratelimit-remaining": "4999"})
        return True

    def _handle(self, method: str) -> None:
        url = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length)) if length else None
        auth = self.headers.get("Authorization", "")
        self.state.requests.append(Recorded(method, self.path, body, auth, time.monotonic()))
        if self._failure(f"{method} {self.path}"):
            return
        app = re.fullmatch(r"/app/installations/(\d+)/access_tokens", url.path)
        if app and method == "POST":
            self.state.installation_tokens += 1
            token = f"ghs_installation_{self.state.installation_tokens}"
            self.state.tokens.add(token)
            return self._reply(201, {"token": token, "expires_at": "2099-01-01T00:00:00Z"})
        if auth.removeprefix("Bearer ") not in self.state.tokens:
            return self._reply(401, {"message": "Bad credentials"})
        prefix = f"/repos/{REPO}"
        if not url.path.startswith(prefix):
            return self._reply(404, {"message": "Not Found"})
        route = url.path[len(prefix):]
        for pattern, handler in ROUTES:
            match = re.fullmatch(pattern[1], route)
            if match and pattern[0] == method:
                return handler(self, query, body, *[unquote(g) for g in match.groups()])
        self._reply(404, {"message": "Not Found"})

    def do_GET(self):  # noqa: N802 - http.server naming
        self._handle("GET")

    def do_POST(self):  # noqa: N802
        self._handle("POST")

    def do_PUT(self):  # noqa: N802
        self._handle("PUT")

    def do_DELETE(self):  # noqa: N802
        self._handle("DELETE")

    # --- endpoints ------------------------------------------------------------------------
    def get_ref(self, query, body, branch):
        if branch not in self.state.refs:
            return self._reply(404, {"message": "Not Found"})
        self._reply(200, {"ref": f"refs/heads/{branch}", "object": {"sha": self.state.refs[branch], "type": "commit"}})

    def create_ref(self, query, body):
        branch = body["ref"].removeprefix("refs/heads/")
        if branch in self.state.refs:
            return self._reply(422, {"message": "Reference already exists"})
        self.state.refs[branch] = body["sha"]
        for (ref, path), text in list(self.state.files.items()):
            if ref == "main":
                self.state.files[(branch, path)] = text
        self._reply(201, {"ref": body["ref"], "object": {"sha": body["sha"]}})

    def get_contents(self, query, body, path):
        ref = query.get("ref", "main")
        commit = next((c for c in self.state.commits if c["sha"] == ref and c["path"] == path), None)
        text = commit["text"] if commit else self.state.files.get((ref, path))
        if text is None:
            folders = sorted({p[len(path) + 1:].split("/")[0] for (r, p) in self.state.files if r == ref and p.startswith(path + "/")})
            if folders:
                return self._reply(200, [{"name": name, "type": "dir"} for name in folders])
            return self._reply(404, {"message": "Not Found"})
        self._reply(200, {"path": path, "sha": _sha(text), "content": base64.b64encode(text.encode()).decode(), "encoding": "base64"})

    def put_contents(self, query, body, path):
        existing = self.state.files.get((body["branch"], path))
        if existing is not None and "sha" not in body:
            return self._reply(422, {"message": "Invalid request.\n\n\"sha\" wasn't supplied."})
        if existing is not None and body["sha"] != _sha(existing):
            return self._reply(409, {"message": f"{path} does not match {body['sha']}"})
        text = base64.b64decode(body["content"]).decode()
        self.commit(body["branch"], path, text, "2026-11-23T03:00:00Z", author=body.get("author"))
        self._reply(200 if existing is not None else 201, {"content": {"path": path, "sha": _sha(text)}})

    def merge_pull(self, query, body, number):
        pull = self.state.pulls[int(number) - 1]
        if pull.get("merged"):
            return self._reply(405, {"message": "Pull Request is not mergeable"})
        branch = pull["head"]["ref"]
        for (ref, path), text in list(self.state.files.items()):
            if ref == branch and self.state.files.get(("main", path)) != text:
                self.commit("main", path, text, "2026-11-24T02:00:00Z", author={"name": "merge", "title": body.get("commit_title")})
        pull["merged"], pull["state"] = True, "closed"
        self._reply(200, {"merged": True, "message": "Pull Request successfully merged", "sha": self.state.refs["main"]})

    def delete_ref(self, query, body, branch):
        if branch not in self.state.refs:
            return self._reply(422, {"message": "Reference does not exist"})
        del self.state.refs[branch]
        for key in [k for k in self.state.files if k[0] == branch]:
            del self.state.files[key]
        self._reply(204)

    def list_pulls(self, query, body):
        head, state = query.get("head", ""), query.get("state", "open")
        found = [p for p in self.state.pulls if f"{REPO.split('/')[0]}:{p['head']['ref']}" == head]
        self._reply(200, [p for p in found if state == "all" or p.get("state", "open") == state])

    def create_pull(self, query, body):
        if any(p["head"]["ref"] == body["head"] for p in self.state.pulls):
            message = f"A pull request already exists for {REPO.split('/')[0]}:{body['head']}."
            return self._reply(422, {"message": "Validation Failed", "errors": [{"resource": "PullRequest", "code": "custom", "message": message}]})
        number = len(self.state.pulls) + 1
        pull = {
            "number": number, "html_url": f"https://github.com/{REPO}/pull/{number}", "title": body["title"],
            "body": body["body"], "head": {"ref": body["head"]}, "base": {"ref": body["base"]}, "draft": body["draft"],
            "labels": [], "requested_reviewers": [], "requested_teams": [],
        }
        self.state.pulls.append(pull)
        self._reply(201, pull)

    def add_labels(self, query, body, number):
        pull = self.state.pulls[int(number) - 1]
        for name in body["labels"]:
            if name not in [label["name"] for label in pull["labels"]]:
                pull["labels"].append({"name": name})
        self._reply(200, pull["labels"])

    def request_reviewers(self, query, body, number):
        pull = self.state.pulls[int(number) - 1]
        pull["requested_reviewers"] += [{"login": u} for u in body.get("reviewers", [])]
        pull["requested_teams"] += [{"slug": t} for t in body.get("team_reviewers", [])]
        self._reply(201, pull)

    def list_commits(self, query, body):
        found = [c for c in self.state.commits if c["path"] == query["path"] and c["branch"] == query.get("sha", "main")]
        self._reply(200, [{"sha": c["sha"], "commit": {"committer": {"date": c["date"]}}} for c in reversed(found)])

    def commit(self, branch: str, path: str, text: str, date: str, author: dict | None = None) -> None:
        """Record a commit that sets one file on a branch (used by the endpoints and by tests)."""
        sha = _sha(branch, path, text, date)
        self.state.files[(branch, path)] = text
        self.state.refs[branch] = sha
        self.state.commits.append({"sha": sha, "branch": branch, "path": path, "text": text, "date": date, "author": author})


ROUTES = [
    (("GET", r"/git/ref/heads/(.+)"), Handler.get_ref),
    (("POST", r"/git/refs"), Handler.create_ref),
    (("GET", r"/contents/(.+)"), Handler.get_contents),
    (("PUT", r"/contents/(.+)"), Handler.put_contents),
    (("GET", r"/pulls"), Handler.list_pulls),
    (("POST", r"/pulls"), Handler.create_pull),
    (("POST", r"/issues/(\d+)/labels"), Handler.add_labels),
    (("POST", r"/pulls/(\d+)/requested_reviewers"), Handler.request_reviewers),
    (("GET", r"/commits"), Handler.list_commits),
    (("PUT", r"/pulls/(\d+)/merge"), Handler.merge_pull),
    (("DELETE", r"/git/refs/heads/(.+)"), Handler.delete_ref),
]


class FakeGitHub:
    """Start, stop (connection refused) and restart the fake on one 127.0.0.1 port."""

    def __init__(self) -> None:
        self.state = State()
        self.port = 0
        self._server: http.server.ThreadingHTTPServer | None = None
        self.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        handler = type("BoundHandler", (Handler,), {"state": self.state})
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), handler)
        self.port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def commit(self, branch: str, path: str, text: str, date: str) -> None:
        Handler.commit(type("S", (), {"state": self.state})(), branch, path, text, date)  # type: ignore[arg-type]

    def calls(self) -> list[str]:
        return [f"{r.method} {r.path}" for r in self.state.requests]
