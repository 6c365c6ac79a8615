"""``adopt pr``: one batch on a branch of its own, ready for review."""

from __future__ import annotations

import click

from .common import Existing, Output, common_options, output_options


@click.command()
@click.option("--plan", "plan_path", default="adopt-plan.json", show_default=True, help="Plan file from `adopt plan`.")
@click.option("--batch", "batch_number", type=int, required=True, help="The batch to propose.")
@click.option("--repo", default=".", show_default=True, help="The git repository of your Terraform code.")
@click.option(
    "--path", "subdir", default=".", show_default=True, help="The root module's folder inside the repository."
)
@click.option("--open", "open_it", is_flag=True, help="Push the branch and open the pull request with `gh`.")
@click.option(
    "--schema", "schema_path", help="A `terraform providers schema -json` file instead of the bundled schema."
)
@common_options
@output_options
@click.pass_obj
def pr(
    out: Output,
    plan_path: str,
    batch_number: int,
    repo: str,
    subdir: str,
    open_it: bool,
    schema_path: str | None,
    profile: str | None,
    regions: tuple[str, ...],
    endpoint_url: str | None,
) -> None:
    """Put one batch on a new branch adopt/batch-N, committed, ready for review."""
    existing = Existing(profile=profile, regions=regions, endpoint_url=endpoint_url)
    from ..emit.pr import make_pull_request
    from ..schema import load

    result = make_pull_request(
        plan_path,
        batch_number,
        repo,
        load(schema_path),
        existing.session_factory(),
        subdir,
        open_it,
    )
    out.info(f"Committed {len(result.files)} files on branch {result.branch} ({result.commit[:12]}).")
    if result.url:
        out.info(f"Opened {result.url}")
    else:
        out.info("Open the pull request with:")
        out.info(f"  {result.command_line}")
