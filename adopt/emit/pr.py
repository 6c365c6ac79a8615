"""`adopt pr`: one batch as a git branch and commit, ready for a pull request."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from dataclasses import dataclass

from ..errors import AdoptError, BadInput
from ..schema import Schema
from .batch import build_batch
from .generate import write_module
from .manifest import MANIFEST


@dataclass
class PullRequest:
    branch: str
    commit: str
    files: list[str]
    command: list[str]
    url: str | None = None

    @property
    def command_line(self) -> str:
        return shlex.join(self.command)


def _git(repo: str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    try:
        result = subprocess.run(["git", "-C", repo, *args], capture_output=True, text=True)
    except FileNotFoundError as exc:
        raise AdoptError("git is not installed; `adopt pr` needs it.") from exc
    if check and result.returncode != 0:
        raise AdoptError(f"git {' '.join(args)} failed in {repo}: {result.stderr.strip() or result.stdout.strip()}")
    return result


def inside_repository(repo: str, subdir: str) -> str:
    """The module's folder, refused unless it is inside the repository (no
    ``..`` or symlink leads out of it)."""
    root = os.path.realpath(repo)
    target = os.path.realpath(os.path.join(repo, subdir))
    if os.path.commonpath([root, target]) != root:
        raise BadInput(f"--path {subdir} leads outside the repository {repo}; name a folder inside it.")
    return os.path.join(repo, subdir)


def make_pull_request(
    plan_path: str,
    number: int,
    repo: str,
    schema: Schema,
    session_factory,
    subdir: str = ".",
    open_it: bool = False,
) -> PullRequest:
    out_dir = inside_repository(repo, subdir)  # before any git command runs
    if _git(repo, "rev-parse", "--is-inside-work-tree", check=False).returncode != 0:
        raise BadInput(f"{repo} is not a git repository.")
    if _git(repo, "status", "--porcelain").stdout.strip():
        raise BadInput(f"The work tree of {repo} has uncommitted changes; commit or stash them first.")
    branch = f"adopt/batch-{number}"
    if _git(repo, "rev-parse", "--verify", "--quiet", f"refs/heads/{branch}", check=False).returncode == 0:
        raise BadInput(f"The branch {branch} already exists in {repo}; delete it or finish that pull request first.")
    module = build_batch(plan_path, number, schema, out_dir, session_factory)  # fails before touching git
    _git(repo, "checkout", "-q", "-b", branch)
    written = write_module(module, out_dir, inventory=os.path.abspath(plan_path))
    # The manifest goes in too: it lets a later run tell a reviewer's edits from adopt's own files.
    relative = [os.path.relpath(p, repo) for p in [*written, os.path.join(out_dir, MANIFEST)]]
    # -A under the module's folder also records the files of an earlier run
    # of this batch that this one removed (the work tree was clean before).
    _git(repo, "add", "-A", "--", os.path.relpath(out_dir, repo))
    title = next(line[2:] for line in module.files[f"ADOPTION-{number}.md"].splitlines() if line.startswith("# "))
    summary = f"{len(module.entries)} resources to import; see ADOPTION-{number}.md."
    identity = [] if _git(repo, "config", "user.email", check=False).stdout.strip() else [
        "-c", "user.name=adopt", "-c", "user.email=adopt@localhost"
    ]  # fmt: skip
    _git(repo, *identity, "commit", "-q", "-m", title, "-m", summary)
    commit = _git(repo, "rev-parse", "HEAD").stdout.strip()
    body = os.path.join(subdir, f"ADOPTION-{number}.md") if subdir != "." else f"ADOPTION-{number}.md"
    command = ["gh", "pr", "create", "--title", title, "--body-file", body, "--head", branch]
    pr = PullRequest(branch, commit, relative, command)
    if open_it:
        if shutil.which("gh") is None:
            raise AdoptError(
                f"--open needs the GitHub CLI `gh`, which is not installed. Run instead: {pr.command_line}"
            )
        _git(repo, "push", "-q", "-u", "origin", branch)
        result = subprocess.run(command, cwd=repo, capture_output=True, text=True)
        if result.returncode != 0:
            raise AdoptError(f"gh pr create failed: {result.stderr.strip()}")
        pr.url = result.stdout.strip()
    return pr
