"""Read and write a git repository through plumbing only: never its working tree, index or HEAD."""

from __future__ import annotations

import os
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

BOT_NAME = "Klinik PKP Bot"
BOT_EMAIL = "bot@klinik.pkp.go.id"


class GitFailed(Exception):
    """A git command exited non-zero; the message holds git's own first error line."""

    def __init__(self, args: list[str], returncode: int, stderr: str):
        first = next((line for line in stderr.splitlines() if line.strip()), "")
        super().__init__(f"git {args[0]} gagal ({returncode}): {first}")
        self.returncode = returncode
        self.stderr = stderr


@dataclass(frozen=True)
class Repo:
    """A git repository addressed by path; every call is a separate `git` process."""

    path: Path

    def run(self, *args: str, stdin: bytes | None = None, env: dict[str, str] | None = None) -> str:
        """Run `git args...` in the repository and return its standard output as text."""
        full_env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C", **(env or {})}
        try:
            done = subprocess.run(
                ["git", "-C", str(self.path), *args], input=stdin, capture_output=True, env=full_env, check=False
            )
        except FileNotFoundError as exc:
            raise GitFailed(list(args), 127, "program git tidak ditemukan") from exc
        if done.returncode != 0:
            raise GitFailed(list(args), done.returncode, done.stderr.decode("utf-8", "replace"))
        return done.stdout.decode("utf-8", "replace")

    def resolve(self, ref: str) -> str | None:
        """Return the commit a ref points to, or None when it does not exist."""
        try:
            return self.run("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").strip() or None
        except GitFailed:
            return None

    def read_blobs(self, specs: list[str]) -> dict[str, str | None]:
        """Read many `rev:path` blobs with one `git cat-file --batch`; missing ones map to None."""
        if not specs:
            return {}
        out = subprocess.run(
            ["git", "-C", str(self.path), "cat-file", "--batch"],
            input="".join(f"{spec}\n" for spec in specs).encode(), capture_output=True, check=False,
        )
        if out.returncode != 0:
            raise GitFailed(["cat-file"], out.returncode, out.stderr.decode("utf-8", "replace"))
        data, position, result = out.stdout, 0, {}
        for spec in specs:
            end = data.index(b"\n", position)
            header = data[position:end].decode()
            position = end + 1
            if header.endswith(" missing") or header.endswith(" ambiguous"):
                result[spec] = None
                continue
            _, kind, size = header.rsplit(" ", 2)
            content = data[position : position + int(size)]
            position += int(size) + 1
            result[spec] = content.decode("utf-8", "replace") if kind == "blob" else None
        return result

    def branches(self, prefix: str) -> list[str]:
        """Local and remote-tracking refs whose branch name starts with `prefix` (e.g. pertanyaan/)."""
        out = self.run("for-each-ref", "--format=%(refname)", f"refs/heads/{prefix}", f"refs/remotes/*/{prefix}*")
        return [line for line in out.splitlines() if line]


def commit_file(repo: Repo, parent: str, path: str, text: str, message: str, env: dict[str, str]) -> str:
    """Write blob, tree and commit objects for one changed file; nothing points at them until update-ref."""
    blob = repo.run("hash-object", "-w", "--stdin", stdin=text.encode()).strip()
    with tempfile.TemporaryDirectory(prefix="klinik-index-") as tmp:
        index = {"GIT_INDEX_FILE": os.path.join(tmp, "index")}
        repo.run("read-tree", parent, env=index)
        repo.run("update-index", "--add", "--cacheinfo", f"100644,{blob},{path}", env=index)
        tree = repo.run("write-tree", env=index).strip()
    return repo.run("commit-tree", tree, "-p", parent, "-m", message, env=env).strip()


def bot_env(when: str) -> dict[str, str]:
    """Author and committer of every intake commit: the bot, never a person."""
    return {
        "GIT_AUTHOR_NAME": BOT_NAME, "GIT_AUTHOR_EMAIL": BOT_EMAIL, "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_NAME": BOT_NAME, "GIT_COMMITTER_EMAIL": BOT_EMAIL, "GIT_COMMITTER_DATE": when,
    }
