"""The ignore file (``.adoptignore``): resources a person has decided not to adopt.

One pattern per line, matched against ``TYPE.ID`` (the ID or the import ID):

    aws_s3_bucket.cdk-assets-*     # a type and an ID, * wildcards
    aws_iam_role.*                 # every resource of a type
    tag:ManagedBy=cloudformation   # a tag (KEY=VALUE, wildcards in the value)
    arn:aws:sagemaker:*            # an ARN (what the census saw, by its ARN)
    !aws_iam_role.app-server       # ! re-includes what an earlier line ignored

As in .gitignore, the last pattern that matches decides.
"""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass

from ..errors import BadInput
from ..model import Resource

DEFAULT_FILE = ".adoptignore"


@dataclass(frozen=True)
class Rule:
    pattern: str
    negate: bool
    line: int

    def matches(self, resource: Resource) -> bool:
        if self.pattern.startswith("tag:"):
            key, sep, value = self.pattern[len("tag:") :].partition("=")
            if key not in resource.tags:
                return False
            return not sep or fnmatch.fnmatchcase(resource.tags[key], value)
        if self.pattern.startswith("arn:"):
            return bool(resource.arn) and fnmatch.fnmatchcase(resource.arn, self.pattern)
        candidates = {f"{resource.type}.{resource.id}", f"{resource.type}.{resource.import_id}"}
        return any(fnmatch.fnmatchcase(c, self.pattern) for c in candidates)


class IgnoreRules:
    def __init__(self, rules: list[Rule], source: str | None = None) -> None:
        self.rules = rules
        self.source = source

    def ignored(self, resource: Resource) -> Rule | None:
        """The rule that ignores the resource, or None."""
        decision: Rule | None = None
        for rule in self.rules:
            if rule.matches(resource):
                decision = None if rule.negate else rule
        return decision

    @classmethod
    def parse(cls, text: str, source: str = DEFAULT_FILE) -> IgnoreRules:
        rules = []
        for number, raw in enumerate(text.splitlines(), start=1):
            line = raw.split(" #", 1)[0].strip() if not raw.lstrip().startswith("#") else ""
            if not line:
                continue
            negate = line.startswith("!")
            pattern = line[1:].strip() if negate else line
            if not pattern or (not pattern.startswith(("tag:", "arn:")) and "." not in pattern and pattern != "*"):
                raise BadInput(
                    f"{source}, line {number}: {raw.strip()!r} is not a pattern; use TYPE.ID, TYPE.*, "
                    "tag:KEY=VALUE, arn:PATTERN or * (a leading ! re-includes)."
                )
            if pattern.startswith("tag:") and not pattern[len("tag:") :].partition("=")[0]:
                raise BadInput(f"{source}, line {number}: a tag pattern needs a key: tag:KEY=VALUE.")
            rules.append(Rule(pattern=pattern, negate=negate, line=number))
        return cls(rules, source)

    @classmethod
    def load(cls, path: str | None) -> IgnoreRules:
        """``path`` given: it must exist.  Not given: ``.adoptignore`` if present."""
        if path is None:
            if not os.path.exists(DEFAULT_FILE):
                return cls([])
            path = DEFAULT_FILE
        try:
            with open(path, encoding="utf-8") as fh:
                return cls.parse(fh.read(), path)
        except FileNotFoundError as exc:
            raise BadInput(f"Ignore file {path} does not exist.") from exc
        except (OSError, UnicodeDecodeError) as exc:
            raise BadInput(f"Cannot read the ignore file {path}: {exc}.") from exc
