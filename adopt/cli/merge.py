"""``adopt merge``: the outputs of the shards of one scan, joined."""

from __future__ import annotations

import sys

import click

from .common import EXIT_PARTIAL, Output, check_writable, output_options
from .organization import print_accounts


@click.command("merge")
@click.argument("directories", nargs=-1, required=True, type=click.Path(file_okay=False))
@click.option("-o", "--output", "out_dir", required=True, help="Directory to write the joined scan into.")
@output_options
@click.pass_obj
def merge_command(out: Output, directories: tuple[str, ...], out_dir: str) -> None:
    """Join the outputs of `adopt scan --shard K/N` (every shard, once each)
    into what one scan of all of it writes."""
    from ..scan.merge import merge

    check_writable(out_dir)
    index = merge(list(directories), out_dir)
    print_accounts(out, index)
    out.info(f"Joined {len(directories)} shard(s) into {out_dir}/ ({len(index['accounts'])} accounts).")
    if any(e["problem"] or e["errors"] for e in index["accounts"]):
        sys.exit(EXIT_PARTIAL)
