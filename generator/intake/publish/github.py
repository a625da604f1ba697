"""The `github` backend: branch, file and pull request per ticket, each step safe to repeat."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
from pathlib import Path
from urllib.parse import quote

from generator.config.peninjau import Route, Routing
from generator.intake.model import Answer, PublicSubmission, PublishError
from generator.intake.publish.git import branch_for, commit_message, is_ticket, publishable_text
from generator.intake.publish.github_client import GitHubClient
from generator.intake.publish.gitrepo import BOT_EMAIL, BOT_NAME
from generator.intake.publish.submission_file import ANSWER_HEADING, SubmissionFile, parse, path_for
from generator.util.dates import JAKARTA
from generator.util.errors import GeneratorError
from generator.util.secure import same

BOT = {"name": BOT_NAME, "email": BOT_EMAIL}


def balai_label(slug: str) -> str:
    """The label naming the case's Balai, so each Balai's TA can filter the pull requests that are theirs."""
    return f"balai:{slug}"


def pr_title(item: PublicSubmission, route: Route) -> str:
    return f"Pertanyaan {item.ticket}: {route.title}"


def pr_body(item: PublicSubmission, route: Route) -> str:
    """Ticket, area, province and dates only: the question is in the file, identity nowhere."""
    cell = lambda value: str(value).replace("|", "/").replace("\n", " ")  # noqa: E731 - table cells
    path = path_for(item.ticket, item.received)
    return "\n".join([
        "Pertanyaan warga yang menunggu jawaban Tenaga Ahli.",
        "",
        "| | |",
        "| --- | --- |",
        f"| Tiket | {item.ticket} |",
        f"| Bidang | {cell(route.title)} |",
        f"| Provinsi | {cell(item.provinsi)} |",
        f"| Diterima | {item.received.astimezone(JAKARTA):%Y-%m-%d %H:%M} WIB |",
        f"| Tenggat | {item.deadline.isoformat()} |",
        "",
        f"Tulis jawaban di bagian `{ANSWER_HEADING}` berkas `{path}` pada cabang ini, ubah `status` menjadi "
        "`dijawab`, lalu gabungkan (merge). Identitas penanya tidak pernah masuk ke repositori.",
    ])


def verify_signature(secret: str, body: bytes, signature_header: str | None) -> bool:
    """Check GitHub's X-Hub-Signature-256 (HMAC-SHA256 of the raw body) in constant time."""
    if not secret or not signature_header or not signature_header.startswith("sha256="):
        return False
    return same(signature_header.strip(), "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest())


class GitHubPublisher:
    """Publish each ticket as a pull request from pertanyaan/TICKET into the base branch."""

    def __init__(
        self, repo: str, token: str | None = None, app_id: str | None = None, app_private_key: str | None = None,
        installation_id: str | None = None, base_branch: str = "main", api_url: str = "https://api.github.com",
        routing: Routing | None = None, min_interval_s: float = 1.0,
    ):
        if repo.count("/") != 1 or not all(repo.split("/")):
            raise PublishError(f"repositori GitHub harus berbentuk pemilik/nama, bukan {repo!r}")
        self.repo, self.owner = repo, repo.split("/")[0]
        self.base_branch = base_branch
        self.routing = routing or Routing()
        self.client = GitHubClient(
            api_url, token=token, app_id=app_id, app_private_key=app_private_key,
            installation_id=installation_id, min_interval_s=min_interval_s,
        )

    def _api(self, path: str) -> str:
        return f"/repos/{self.repo}{path}"

    def _ensure_branch(self, branch: str) -> None:
        base = self.client.request("GET", self._api(f"/git/ref/heads/{quote(self.base_branch)}"), what="membaca cabang dasar")
        sha = base.data["object"]["sha"]
        created = self.client.request(
            "POST", self._api("/git/refs"), {"ref": f"refs/heads/{branch}", "sha": sha}, what="membuat cabang", ok=(422,)
        )
        if created.status == 422 and "already exists" not in created.message:
            raise PublishError(f"GitHub 422 saat membuat cabang {branch}: {created.message}")

    def _ensure_file(self, item: PublicSubmission, text: str, branch: str) -> None:
        """Write the file unless the branch already has it (a TA may already be answering there)."""
        path = str(path_for(item.ticket, item.received))
        existing = self.client.request(
            "GET", self._api(f"/contents/{path}?ref={quote(branch, safe='')}"), what="membaca berkas pertanyaan", ok=(404,)
        )
        if existing.status == 200:
            return
        body = {
            "message": commit_message(item), "content": base64.b64encode(text.encode()).decode(),
            "branch": branch, "committer": BOT, "author": BOT,
        }
        self.client.request("PUT", self._api(f"/contents/{path}"), body, what="menulis berkas pertanyaan")

    def _ensure_pull(self, item: PublicSubmission, branch: str, route: Route) -> dict:
        head = quote(f"{self.owner}:{branch}", safe="")
        found = self.client.request("GET", self._api(f"/pulls?head={head}&state=all"), what="mencari pull request")
        if isinstance(found.data, list) and found.data:
            return found.data[0]
        body = {"title": pr_title(item, route), "head": branch, "base": self.base_branch, "body": pr_body(item, route), "draft": False}
        created = self.client.request("POST", self._api("/pulls"), body, what="membuat pull request", ok=(422,))
        if created.status != 422:
            return created.data
        again = self.client.request("GET", self._api(f"/pulls?head={head}&state=all"), what="mencari pull request")
        if "already exists" in json.dumps(created.data) and isinstance(again.data, list) and again.data:
            return again.data[0]  # GitHub's list lagged behind a PR made by an earlier attempt
        raise PublishError(f"GitHub 422 saat membuat pull request: {created.message}")

    def _ensure_routing(self, pull: dict, route: Route, balai: str) -> None:
        number = pull["number"]
        have_labels = {label.get("name") for label in pull.get("labels", [])}
        labels = [*route.labels, *([balai_label(balai)] if balai else [])]
        if not set(labels) <= have_labels:
            self.client.request("POST", self._api(f"/issues/{number}/labels"), {"labels": labels}, what="memberi label")
        have_users = {user.get("login") for user in pull.get("requested_reviewers", [])}
        have_teams = {team.get("slug") for team in pull.get("requested_teams", [])}
        users = [u for u in route.reviewers if u not in have_users]
        teams = [t for t in route.team_reviewers if t not in have_teams]
        if users or teams:
            self.client.request(
                "POST", self._api(f"/pulls/{number}/requested_reviewers"),
                {"reviewers": users, "team_reviewers": teams}, what="meminta peninjau",
            )

    def publish(self, item: PublicSubmission) -> str:
        """Branch → file → pull request → labels → reviewers; each step skipped when already done."""
        text = publishable_text(item)
        branch = branch_for(item.ticket)
        route = self.routing.route(item.area)
        self._ensure_branch(branch)
        self._ensure_file(item, text, branch)
        pull = self._ensure_pull(item, branch, route)
        self._ensure_routing(pull, route, item.balai)
        return pull["html_url"]

    def answers(self) -> list[Answer]:
        """GitHub announces merged answers by webhook (GitHub advises against polling): nothing to scan."""
        return []

    def _answered_at(self, path: str) -> dt.datetime | None:
        """Time of the oldest commit on the base branch whose version of the file has an answer."""
        commits = self.client.request(
            "GET", self._api(f"/commits?path={quote(path)}&sha={quote(self.base_branch)}&per_page=100"), what="membaca riwayat berkas"
        ).data or []
        for commit in reversed(commits):
            text = self._read(path, commit["sha"])
            if text is not None and _parsed(text, path).answer_markdown:
                return dt.datetime.fromisoformat(commit["commit"]["committer"]["date"].replace("Z", "+00:00"))
        return None

    def _read(self, path: str, ref: str) -> str | None:
        reply = self.client.request("GET", self._api(f"/contents/{path}?ref={quote(ref, safe='')}"), what="membaca berkas", ok=(404,))
        if reply.status == 404:
            return None
        return base64.b64decode(reply.data["content"]).decode("utf-8")

    def fetch_answer(self, ticket: str) -> Answer | None:
        """The answer on the base branch: look in each month folder of the ticket's year."""
        if not is_ticket(ticket):
            return None
        year = ticket.split("-")[1]
        months = self.client.request(
            "GET", self._api(f"/contents/submissions/{year}?ref={quote(self.base_branch, safe='')}"), what="membaca folder pertanyaan", ok=(404,)
        )
        folders = sorted(entry["name"] for entry in months.data if entry.get("type") == "dir") if months.status == 200 else []
        for month in folders:
            path = f"submissions/{year}/{month}/{ticket}.md"
            text = self._read(path, self.base_branch)
            if text is None:
                continue
            answer = _parsed(text, path).answer_markdown
            when = self._answered_at(path) if answer else None
            return Answer(ticket, answer, when) if when else None
        return None


def _parsed(text: str, path: str) -> SubmissionFile:
    try:
        return parse(text, Path(path))
    except GeneratorError as exc:
        raise PublishError(f"berkas pertanyaan tidak valid: {str(exc).splitlines()[0]}") from None
