"""Families of alike resources, and how their members drifted apart.

Between ``existing`` (what Terraform already has) and ``batches``: it reads an
inventory (and, through the caller, a selection of it) and finds the sets of
resources of one type that were meant to be alike (the servers SERVER1 to
SERVER3), their common values, their baseline and each member's deviations.

- :mod:`.compare`: what two members are compared on (identity set aside);
- :mod:`.names`: name stems (``SERVER1``..``SERVER3`` -> ``server*``);
- :mod:`.families`: the grouping rule and the family model;
- :mod:`.risks`: what a difference risks (network access, data, capacity);
- :mod:`.report`: the ``adopt-drift/1`` JSON, the Markdown and the summary.
"""

from .families import Family, Member, Signal, find_families

__all__ = ["Family", "Member", "Signal", "find_families"]
