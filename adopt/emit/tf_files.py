"""The small ``.tf`` files of a generated module, written by the HCL writer.

Every file is its header comment, a few comment lines saying what the file is
for, then its blocks, each after a blank line.  The resource blocks come from
:mod:`adopt.emit.render`; the rest are built here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..writers import hcl
from ..writers.hcl import Line
from .render import Variable

TERRAFORM_REQUIRED = ">= 1.5"
# Import blocks with for_each, which a family's members are imported with.
TERRAFORM_REQUIRED_FOR_EACH_IMPORTS = ">= 1.7"
AWS_PROVIDER_REQUIRED = "~> 6.0"
# The long tail (adopt.longtail): the awscc major line the bundled schema is from.
AWSCC_PROVIDER_REQUIRED = "~> 1.0"
REQUIRED_PROVIDERS = {
    "aws": {"source": "hashicorp/aws", "version": AWS_PROVIDER_REQUIRED},
    "awscc": {"source": "hashicorp/awscc", "version": AWSCC_PROVIDER_REQUIRED},
}

IMPORTS_INTRO = (
    'Import blocks (Terraform >= 1.5): `terraform plan` shows each as "will be',
    'imported"; `terraform apply` records them in the state without changing AWS.',
)
FOR_EACH_IMPORTS_REQUIRED = "A family of alike resources is imported by one block with for_each (Terraform >= 1.7)."
VARIABLES_INTRO = (
    "Secret values are never read or written by adopt: supply each one yourself",
    "(for example TF_VAR_<name> in the environment, or a secrets manager).",
)


def tf_file(header: str, blocks: Iterable[list[Line]], intro: Sequence[str] = ()) -> str:
    """``header`` and ``intro`` are comment texts (without ``#``)."""
    lines = [hcl.comment(header, 0), *(hcl.comment(text, 0) for text in intro)]
    for block in blocks:
        lines.append(Line(0))
        lines.extend(block)
    return hcl.render(lines)


def versions_block(for_each_imports: bool = False, providers: Sequence[str] = ("aws",)) -> list[Line]:
    """``for_each_imports``: the module imports a family with one block, which needs Terraform 1.7;
    ``providers``: those the module uses (awscc only when it adopts through Cloud Control)."""
    required = TERRAFORM_REQUIRED_FOR_EACH_IMPORTS if for_each_imports else TERRAFORM_REQUIRED
    entries = [line for name in providers for line in hcl.assignment(name, REQUIRED_PROVIDERS[name], 2)]
    return [
        Line(0, "terraform {"),
        Line(1, hcl.quote(required), key="required_version"),
        Line(1),
        Line(1, "required_providers {"),
        *entries,
        Line(1, "}"),
        Line(0, "}"),
    ]


def import_block(address: str, import_id: str, provider: str | None) -> list[Line]:
    lines = [Line(0, "import {")]
    if provider:
        lines.append(Line(1, provider, key="provider"))
    lines.append(Line(1, address, key="to"))
    lines.append(Line(1, hcl.quote(import_id), key="id"))
    lines.append(Line(0, "}"))
    return lines


def variable_block(variable: Variable) -> list[Line]:
    return [
        Line(0, f'variable "{variable.name}" {{'),
        Line(1, hcl.quote(variable.description), key="description"),
        Line(1, variable.type, key="type"),
        Line(1, "true", key="sensitive"),
        Line(0, "}"),
    ]


TFVARS_INTRO = (
    "The values this module still needs, none given: copy this file to terraform.tfvars",
    "(keep that out of version control), uncomment each line and fill in its value,",
    "or set TF_VAR_<name> in the environment instead.",
)


def tfvars_example(header: str, variables: Iterable[Variable]) -> str:
    """``terraform.tfvars.example``: each variable's description and its name, with no value."""
    lines = [hcl.comment(header, 0), *(hcl.comment(text, 0) for text in TFVARS_INTRO)]
    for variable in variables:
        hcl.check_identifier(variable.name, "The variable name")
        lines += [Line(0), hcl.comment(variable.description, 0), hcl.comment(f'{variable.name} = "..."', 0)]
    return hcl.render(lines)
