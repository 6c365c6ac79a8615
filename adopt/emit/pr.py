"""`adopt pr`: one batch as a git branch and commit, ready for a pull request.

The pull request's description is the batch's ``ADOPTION-<N>.md``, its
pictures included.  A code host takes only so much (GitHub: 65,536
characters); a longer file's sections that do not fit are left out of the
description, which names them and points at the file on the branch.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from dataclasses import dataclass

from ..errors import AdoptError, BadInput
from ..fileio import replace_file
from ..schema import Schema
from .batch import build_batch
from .generate import write_module
from .manifest import MANIFEST

BODY_LIMIT = 65_536  # characters GitHub takes in a pull request's description


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


def description(readme: str, name: str, limit: int = BODY_LIMIT) -> str:
    """``readme`` (the batch's ``ADOPTION-<N>.md``) as a pull request's
    description of at most ``limit`` characters: whole; or its opening and,
    in order, each ``## `` section that still fits, the others named in a
    closing note.  The pictures come first, so they are kept."""
    if len(readme) <= limit:
        return readme
    opening, *sections = readme.split("\n## ")
    kept, left = [opening], []
    note = f"\n\n---\n\nLeft out here for length, in `{name}` on this branch: "
    room = limit - len(opening) - len(note) - 200  # 200 for the names of what is left out
    for section in sections:
        heading = section.split("\n", 1)[0]
        if len(section) + 4 <= room - len(heading) - 2:
            kept.append(section)
            room -= len(section) + 4
        else:
            left.append(heading)
            room -= len(heading) + 2
    body = "\n## ".join(kept).rstrip("\n")
    return f"{body}{note}{', '.join(left)}.\n"


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
    readme = f"ADOPTION-{number}.md"
    body = os.path.join(subdir, readme) if subdir != "." else readme
    text = module.files[readme]
    if len(text) > BODY_LIMIT:  # a shortened copy, in the git directory: not part of the change
        body = os.path.join(_git(repo, "rev-parse", "--absolute-git-dir").stdout.strip(), f"adopt-pr-{number}.md")
        replace_file(body, description(text, readme))
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
