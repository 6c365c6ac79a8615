"""What a difference between alike resources risks, for the reviewer.

Read from the specs (a type's ``risk``, ``stateful`` and ``references``) and
from the provider's argument names for size, never from per-type code:

- network access: the argument references a security group, a route or
  another type whose spec says ``risk="network"``, or belongs to such a type;
- privilege: it references a type whose spec says ``risk="privilege"`` (IAM),
  or belongs to one;
- data: a setting of a stateful resource (a bucket, a queue, a log group)
  other than its size;
- capacity: how big the resource is (an instance type, a memory size).
"""

from __future__ import annotations

from ..catalog import registry
from .compare import argument_head

NETWORK = "network access: who can reach what differs"
PRIVILEGE = "privilege: what the resource may do differs"
DATA = "data: what is kept, for how long and how it is protected differs"
CAPACITY = "capacity: size, throughput or cost differs"

# The provider's argument names for how big a resource is.
CAPACITY_ARGUMENTS = frozenset(
    {
        "instance_type",
        "instance_class",
        "node_type",
        "memory_size",
        "memory",
        "cpu",
        "size",
        "allocated_storage",
        "max_allocated_storage",
        "iops",
        "throughput",
        "storage_throughput",
        "provisioned_throughput_in_mibps",
        "read_capacity",
        "write_capacity",
        "desired_capacity",
        "min_size",
        "max_size",
        "desired_count",
        "num_cache_nodes",
        "reserved_concurrent_executions",
        "ephemeral_storage",
    }
)


def _kind(tf_type: str) -> set[str]:
    spec = registry.find(tf_type)
    if spec is None:
        return set()
    kinds = set()
    if spec.risk == "network":
        kinds.add(NETWORK)
    if spec.risk == "privilege":
        kinds.add(PRIVILEGE)
    return kinds


def risks(tf_type: str, argument: str) -> list[str]:
    """The risk notes for a difference in ``argument`` between resources of ``tf_type``."""
    spec = registry.find(tf_type)
    notes: set[str] = set()
    head = argument_head(argument)
    if head == "tags":
        return []
    child = registry.find(argument)
    if child is not None and child.parent == tf_type:
        notes |= _kind(argument)
        if spec is not None and spec.stateful:
            notes.add(DATA)
        return sorted(notes)
    notes |= _kind(tf_type)
    if spec is not None:
        for path, ref in spec.references.items():
            if argument_head(path) == head:
                for target in ref.types:
                    notes |= _kind(target)
    if head in CAPACITY_ARGUMENTS:
        notes.add(CAPACITY)
    elif spec is not None and spec.stateful:
        notes.add(DATA)
    return sorted(notes)
