"""``adopt demo`` and ``adopt types``."""

from __future__ import annotations

import click

from .common import Output, output_options


@click.command()
@click.option(
    "--out",
    "out_dir",
    default="adopt-demo",
    show_default=True,
    help="Directory for the demo's files.",
)
@output_options
@click.pass_obj
def demo(out: Output, out_dir: str) -> None:
    """Run scan and generate on a built-in emulated AWS estate (needs moto)."""
    from ..demo.run import run_demo

    run_demo(out_dir, out)


@click.command(name="types")
@output_options
@click.pass_obj
def list_types(out: Output) -> None:
    """List the supported Terraform resource types."""
    from ..catalog import registry

    for spec in registry.all_specs():
        scope = "global" if spec.is_global else "regional"
        parent = f"child of {spec.parent}" if spec.parent else ""
        out.info(f"{spec.tf_type:<55} {spec.service:<10} {scope:<9} {parent}".rstrip())
