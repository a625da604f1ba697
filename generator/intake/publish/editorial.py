"""Decap CMS's editorial-workflow conventions, so a file proposed outside the editor shows on its board.

From Decap 3.x: branches are `cms/<collection>/<slug>` (decap-cms-lib-util `CMS_BRANCH_PREFIX`,
`branchFromContentKey`), where a nested entry's slug is its path under the collection folder without the
extension (decap-cms-core `slugFromCustomPath`); the status is the label `decap-cms/<status>` on the open pull
request (GitHub backend, `statusToLabel`) or the branch description in the local repository (decap-server's git
mode, `branch.<name>.description`). Decap reads the shortest changed `.md` file of the branch as the entry, so a
proposal changes exactly one file."""

from __future__ import annotations

import base64
import datetime as dt
import posixpath
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from generator.intake.model import PublishError
from generator.intake.publish.github_client import GitHubClient
from generator.intake.publish.gitrepo import BOT_EMAIL, BOT_NAME, GitFailed, Repo, bot_env, commit_file

CMS_BRANCH_PREFIX = "cms/"
LABEL_PREFIX = "decap-cms/"
STATUSES = ("draft", "pending_review", "pending_publish")
"""Decap's workflow columns: Draf, Ditinjau, Siap terbit (decap-cms-core `Statuses`)."""
NO_COMMIT = "0" * 40


def entry_slug(path: str, folder: str) -> str:
    """Decap's slug of the entry at `path` in a folder collection: its path under the folder, without extension."""
    inner = posixpath.relpath(path, folder)
    if inner.startswith("../") or inner == ".":
        raise ValueError(f"{path} tidak berada di folder koleksi {folder}")
    return posixpath.splitext(inner)[0]


def status_label(status: str) -> str:
    """The label (GitHub) or branch description (decap-server) that puts an entry in a workflow column."""
    if status not in STATUSES:
        raise ValueError(f"status alur kerja {status!r} tidak dikenal; pilih: {', '.join(STATUSES)}")
    return f"{LABEL_PREFIX}{status}"


@dataclass(frozen=True)
class Proposal:
    """One new or changed file of one collection, offered for review as Decap would offer it."""

    collection: str
    folder: str
    path: str
    text: str
    title: str
    body: str
    status: str = "pending_review"
    labels: tuple[str, ...] = ()
    reviewers: tuple[str, ...] = ()
    team_reviewers: tuple[str, ...] = ()

    @property
    def branch(self) -> str:
        """cms/<collection>/<slug>: the branch Decap would make for this entry."""
        return f"{CMS_BRANCH_PREFIX}{self.collection}/{entry_slug(self.path, self.folder)}"

    @property
    def label(self) -> str:
        """decap-cms/<status>: the workflow column the entry starts in."""
        return status_label(self.status)


def propose_git(repo_path: Path, base_branch: str, proposal: Proposal, now: dt.datetime | None = None) -> str:
    """Create `cms/<collection>/<slug>` in a local repository (plumbing only, never the working tree) with the
    status as its description, as decap-server's git mode keeps it; return the branch. Refuses an existing branch."""
    repo = Repo(Path(repo_path))
    base = repo.resolve(f"refs/heads/{base_branch}")
    if base is None:
        raise PublishError(f"cabang dasar {base_branch!r} tidak ada di {repo.path}")
    branch, label = proposal.branch, proposal.label
    when = (now or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S+0000")
    commit = commit_file(repo, base, proposal.path, proposal.text, proposal.title, bot_env(when))
    try:
        repo.run("update-ref", f"refs/heads/{branch}", commit, NO_COMMIT)  # create only: never move a branch an editor made
    except GitFailed:
        raise PublishError(f"cabang {branch} sudah ada (usulan lain atau draf di editor); hapus atau selesaikan dulu") from None
    repo.run("config", f"branch.{branch}.description", label)
    return branch


def _resumable(client: GitHubClient, api: str, owner: str, proposal: Proposal) -> bool:
    """Whether an existing branch of this name is our own unfinished proposal (same file, no pull request yet);
    True means the file is already there. Anything else is someone's work: refused."""
    taken = PublishError(f"cabang {proposal.branch} sudah ada di GitHub (usulan lain atau draf di editor); hapus atau selesaikan dulu")
    pulls = client.request("GET", f"{api}/pulls?head={quote(f'{owner}:{proposal.branch}', safe='')}&state=open", what="mencari pull request")
    if pulls.data:
        raise taken
    found = client.request("GET", f"{api}/contents/{quote(proposal.path)}?ref={quote(proposal.branch, safe='')}",
                           what="membaca berkas usulan", ok=(404,))
    if found.status == 404:
        return False
    if base64.b64decode(found.data.get("content", "")).decode("utf-8", "replace") != proposal.text:
        raise taken
    return True


def propose_github(client: GitHubClient, repo: str, base_branch: str, proposal: Proposal) -> str:
    """Branch → the one file → pull request → status label (+ area labels) → reviewers; return the PR's address.
    A run cut off half way (GitHub down, rate limit) is finished by the next one."""
    api = f"/repos/{repo}"
    branch = proposal.branch
    base = client.request("GET", f"{api}/git/ref/heads/{quote(base_branch)}", what="membaca cabang dasar")
    created = client.request("POST", f"{api}/git/refs", {"ref": f"refs/heads/{branch}", "sha": base.data["object"]["sha"]},
                             what="membuat cabang", ok=(422,))
    written = created.status == 422 and _resumable(client, api, repo.split("/")[0], proposal)
    if not written:
        bot = {"name": BOT_NAME, "email": BOT_EMAIL}
        body = {"message": proposal.title, "content": base64.b64encode(proposal.text.encode("utf-8")).decode(),
                "branch": branch, "committer": bot, "author": bot}
        client.request("PUT", f"{api}/contents/{quote(proposal.path)}", body, what="menulis berkas usulan")
    pull = client.request("POST", f"{api}/pulls", {"title": proposal.title, "head": branch, "base": base_branch,
                                                     "body": proposal.body, "draft": False}, what="membuat pull request").data
    labels = list(dict.fromkeys([proposal.label, *proposal.labels]))
    client.request("POST", f"{api}/issues/{pull['number']}/labels", {"labels": labels}, what="memberi label")
    if proposal.reviewers or proposal.team_reviewers:
        client.request("POST", f"{api}/pulls/{pull['number']}/requested_reviewers",
                       {"reviewers": list(proposal.reviewers), "team_reviewers": list(proposal.team_reviewers)}, what="meminta peninjau")
    return pull["html_url"]
