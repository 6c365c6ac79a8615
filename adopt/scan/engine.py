"""The generic engine that runs resource specs against AWS.

It knows nothing of any one resource type: it pages through list calls, makes
detail calls, finds child resources, fans out over regions (global services
once), runs independent (region, spec) units concurrently, and records every
failed call instead of stopping.  The result is sorted, so the inventory is the
same whatever the concurrency.
"""

from __future__ import annotations

import contextlib
import math
import re
import threading
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import botocore.exceptions
import botocore.parsers

from ..aws.session import AwsSession
from ..catalog import registry
from ..catalog.secrets import secret_shape
from ..catalog.spec import (
    Call,
    Context,
    FromSource,
    Kept,
    ParsedJson,
    ResourceSpec,
    Secret,
    Source,
    Tags,
    canonical_json,
    evaluate,
    fill_params,
    get_path,
    one_item_list,
    render_template,
    tags_of,
)
from ..errors import AdoptError, UnreadableValue
from ..model import GLOBAL_REGION, Inventory, Reference, Resource, ScanError, Skipped
from ..refs import find_references, link_nested_references
from ..writers.characters import excerpt
from .fair_pool import Lane
from .tag_index import TagIndex
from .tag_index import fetch as fetch_tag_index

DEFAULT_CONCURRENCY = 8

# Error codes that mean the credentials themselves are unusable: the scan
# cannot go on, but what it already has is kept.
FATAL_CREDENTIAL_CODES = frozenset(
    {
        "ExpiredToken",
        "ExpiredTokenException",
        "InvalidClientTokenId",
        "UnrecognizedClientException",
        "AuthFailure",
        "RequestExpired",
        "InvalidAccessKeyId",
        "SignatureDoesNotMatch",
    }
)


class CredentialsFailed(AdoptError):
    exit_code = 1


MADE_BY_AWS = "made by AWS ({type}): adopted only with --include-defaults"
LEFT_OUT = (
    "left out by the {type} spec: not an object to adopt as it is (deleted, failed, or adopted through another type)"
)
BELONGS_TO_AWS = "belongs to {target}, which AWS made: adopted only with --include-defaults"


@dataclass
class UnitResult:
    resources: list[Resource] = field(default_factory=list)
    errors: list[ScanError] = field(default_factory=list)


def extract_items(response: Mapping[str, Any], path: str | Callable | None) -> list[Any]:
    """Items at ``path`` in a response; ``A[].B`` flattens ``B`` of each ``A``."""
    if path is None:
        return [response]
    if callable(path):
        return list(path(response) or [])
    current: list[Any] = [response]
    for part in path.split("."):
        flatten = part.endswith("[]")
        key = part[:-2] if flatten else part
        nxt: list[Any] = []
        for value in current:
            got = value.get(key) if isinstance(value, Mapping) else None
            if got is None:
                continue
            if flatten:
                nxt.extend(got)
            else:
                nxt.append(got)
        current = nxt
    flat: list[Any] = []
    for value in current:
        flat.extend(value if isinstance(value, list) else [value])
    return flat


class Scanner:
    def __init__(
        self,
        session: AwsSession,
        regions: list[str],
        specs: Iterable[ResourceSpec],
        include_defaults: bool = False,
        concurrency: int = DEFAULT_CONCURRENCY,
        fail_fast: bool = False,
        on_progress: Callable[[str, str, int], None] | None = None,
        only: Callable[[ResourceSpec, str], bool] | None = None,
        tagging_api: bool = True,
        sources: bool = True,
    ) -> None:
        """``only(spec, region)``: the units this scan runs (one shard of a
        larger scan); by default every unit.  ``tagging_api``: read tags a
        region at a time where the tagging API speaks for a type (see
        :mod:`.tag_index`), instead of a call per resource.  ``sources``: let a
        spec's account-wide :class:`Source` answer the calls it can, instead of
        a call per resource."""
        if not regions:
            raise AdoptError("No region to scan: pass --region or set a default region in your AWS profile.")
        self.session = session
        self.regions = list(dict.fromkeys(regions))
        self.wanted = {spec.tf_type for spec in specs}
        self.include_defaults = include_defaults
        self.concurrency = max(1, concurrency)
        self.fail_fast = fail_fast
        self.on_progress = on_progress
        self.only = only
        self.account: str | None = None
        # Why the scan must stop (expired credentials, or any error under
        # --fail-fast); units not yet started are then skipped.
        self._stop: str | None = None
        self._lock = threading.Lock()
        self.tagging_api = tagging_api
        self._tag_indexes: dict[str, TagIndex | None] = {}
        self._tag_locks: dict[str, threading.Lock] = {}
        self.sources = sources
        self._source_records: dict[tuple[str, str, str], dict[str, Any] | None] = {}
        self._source_locks: dict[tuple[str, str, str], threading.Lock] = {}
        # Parents are scanned for their children, and the targets of
        # ``default_with`` to know which are AWS's, even when not wanted.
        self.needed = set(self.wanted)
        for tf_type in list(self.wanted):
            spec = registry.get(tf_type)
            self.needed.update(t for arg in spec.default_with for t in spec.references[arg].types)
            while spec.child:
                self.needed.add(spec.child.parent)
                spec = registry.get(spec.child.parent)
        self.needed &= set(registry.types())
        # (type, id) of every AWS-made resource seen, for ``default_with``.
        self._defaults: set[tuple[str, str]] = set()
        # What was seen and left out on purpose, for the census.
        self.skipped: list[Skipped] = []

    # -- units of work -------------------------------------------------------

    def units(self) -> list[tuple[ResourceSpec, str]]:
        roots = [s for s in registry.all_specs() if s.tf_type in self.needed and not s.child]
        out: list[tuple[ResourceSpec, str]] = []
        for spec in roots:
            if spec.is_global:
                out.append((spec, self.regions[0]))
            else:
                out.extend((spec, region) for region in self.regions)
        return [(spec, region) for spec, region in out if self.only is None or self.only(spec, region)]

    def run(self, pool: Executor | Lane | None = None) -> Inventory:
        """Run every unit; each item's detail calls and each child listing
        become tasks of their own in the same bounded pool, so one long unit
        (every S3 bucket of the account) does not serialise the scan.  No task
        waits for another: the pool cannot deadlock, and the calls in flight
        never exceed ``concurrency``.  Given a ``pool`` (an account's lane of
        a :class:`FairPool`), the tasks go there instead: several accounts'
        scans then share one bound."""
        self.account = self.session.account_id(self.regions[0])
        self._results: list[UnitResult] = []
        self._pending = 0
        self._idle = threading.Condition()
        self._failure: BaseException | None = None
        self._joins: dict[tuple[str, str], dict[str, list[dict]]] = {}
        self._join_locks: dict[tuple[str, str], threading.Lock] = {}
        with contextlib.ExitStack() as owned:
            if pool is None:
                pool = owned.enter_context(
                    ThreadPoolExecutor(max_workers=self.concurrency, thread_name_prefix="adopt-scan")
                )
            self._pool = pool
            for spec, region in self.units():
                self._submit(spec, region, self._run_unit, spec, region)
            with self._idle:
                while self._pending:
                    self._idle.wait()
        if self._failure is not None:
            raise self._failure
        inventory = Inventory(account_id=self.account, regions=self.regions)
        for result in self._results:
            inventory.resources.extend(result.resources)
            inventory.errors.extend(result.errors)
        inventory.resources = [r for r in inventory.resources if not self._made_by_aws(r)]
        self.skipped.sort(key=lambda k: (k.type, k.region, k.id))
        link_nested_references(inventory.resources)
        inventory.sort()  # the order tasks finished in never shows
        if self._stop is not None:
            raise ScanAborted(inventory, self._stop)
        return inventory

    def _submit(self, spec: ResourceSpec, region: str, work: Callable[..., None], *args: Any) -> None:
        with self._idle:
            self._pending += 1
        self._pool.submit(self._task, spec, region, work, args)

    def _task(self, spec: ResourceSpec, region: str, work: Callable[..., None], args: tuple) -> None:
        result = UnitResult()
        try:
            if self._stop is None:
                work(*args, result)
        except BaseException as exc:  # a bug: re-raised by run(), never lost in a worker thread
            with self._idle:
                self._failure = self._failure or exc
        finally:
            with self._idle:
                self._results.append(result)
                self._pending -= 1
                if self.on_progress:
                    where = GLOBAL_REGION if spec.is_global and spec.item_region is None else region
                    self.on_progress(spec.tf_type, where, len(result.resources))
                self._idle.notify_all()

    def _tags_from_index(self, spec: ResourceSpec, item: dict[str, Any], ctx: Context) -> bool:
        """Put the item's tags where its spec reads them, from the region's tag
        index; ``False`` when the index cannot say (the tagging call is made)."""
        path = _tags_path(spec)
        if path is None or not spec.arn or (spec.is_global and spec.item_region is None):
            return False
        try:
            arn = render_template(spec.arn, item, ctx)
            # A global listing of regional things (S3 buckets): the index of the region it lives in.
            region = ctx.region if spec.item_region is None else evaluate(spec.item_region, item, ctx)
        except Exception:  # noqa: BLE001 - an ARN or region the listing cannot spell: ask the resource itself
            return False
        if region not in self.regions:
            return False
        index = self._tag_index(region)
        if index is None or not isinstance(arn, str) or not index.speaks_for(arn):
            return False
        item[path] = index.tags(arn)
        return True

    def _tag_index(self, region: str) -> TagIndex | None:
        """The region's tag index, fetched once (``None``: unavailable, or turned off)."""
        if not self.tagging_api:
            return None
        with self._lock:
            lock = self._tag_locks.setdefault(region, threading.Lock())
        with lock:
            if region not in self._tag_indexes:
                try:
                    client = self.session.client("resourcegroupstaggingapi", region)
                    self._tag_indexes[region] = fetch_tag_index(client)
                except (
                    botocore.exceptions.BotoCoreError,
                    botocore.exceptions.ClientError,
                    botocore.parsers.ResponseParserError,
                ):
                    self._tag_indexes[region] = None  # each resource's own call then says
            return self._tag_indexes[region]

    def _from_source(self, how: FromSource, item: Mapping[str, Any], ctx: Context) -> Mapping[str, Any] | None:
        """The answer a call would give, from its source's record; ``None`` when
        the source cannot say (turned off, denied, failed, or no such record)."""
        if not self.sources:
            return None
        records = self._source_index(how, ctx.region)
        if records is None:
            return None
        try:
            record = records.get(str(render_template(how.match, item, ctx)))
        except Exception:  # noqa: BLE001 - a key the item cannot spell: the call itself says
            return None
        if record is None:
            return None
        return evaluate(how.answer, record, ctx) or {}

    def _source_index(self, how: FromSource, region: str) -> dict[str, Any] | None:
        """The source's records at ``how.records`` by their ``how.key``, fetched once per region."""
        key = (how.source.name, region, f"{how.records}#{how.key}")
        fetched = (how.source.name, region, "")
        with self._lock:
            lock = self._source_locks.setdefault(fetched, threading.Lock())
        with lock:
            if fetched not in self._source_records:
                self._source_records[fetched] = self._fetch_source(how.source, region)
            answer = self._source_records[fetched]
            if key not in self._source_records:
                self._source_records[key] = (
                    None
                    if answer is None
                    else {
                        str(get_path(r, how.key)): r
                        for r in extract_items(answer, how.records)
                        if isinstance(r, dict) and get_path(r, how.key) is not None
                    }
                )
            return self._source_records[key]

    def _fetch_source(self, source: Source, region: str) -> dict[str, Any] | None:
        if self._stop is not None:
            return None
        try:
            client = self.session.client(source.service, region)
            if client.can_paginate(source.operation):
                return client.get_paginator(source.operation).paginate(**source.params).build_full_result()
            return getattr(client, source.operation)(**source.params)
        except (
            botocore.exceptions.BotoCoreError,
            botocore.exceptions.ClientError,
            botocore.parsers.ResponseParserError,
            OSError,
        ):
            return None  # each resource's own calls then say

    def _elsewhere(self, spec: ResourceSpec, item: dict[str, Any], ctx: Context) -> bool:
        """An item of a global listing that lives outside the scanned regions."""
        return (evaluate(spec.item_region, item, ctx) or ctx.region) not in self.regions

    def _made_by_aws_item(self, spec: ResourceSpec, item: dict[str, Any], ctx: Context) -> bool:
        """True when the item is AWS's and defaults are not wanted (it is remembered either way)."""
        if spec.is_default is None or not evaluate(spec.is_default, item, ctx):
            return False
        rid = render_template(spec.id, item, ctx)
        with self._lock:
            self._defaults.add((spec.tf_type, rid or ""))
        if not self.include_defaults:
            self._skip(spec, item, ctx, MADE_BY_AWS.format(type=spec.tf_type))
        return not self.include_defaults

    def _skip(self, spec: ResourceSpec, item: Mapping[str, Any], ctx: Context, reason: str) -> None:
        rid = _safe_id(spec, item, ctx)
        if not rid:
            return
        try:
            arn = render_template(spec.arn, item, ctx)
        except Exception:  # noqa: BLE001 - an ARN only helps the census match; the skip stands without it
            arn = None
        region = GLOBAL_REGION if spec.is_global and ctx.parent is None else ctx.region
        with self._lock:
            self.skipped.append(Skipped(spec.tf_type, region, rid, arn, reason))

    def _made_by_aws(self, resource: Resource) -> bool:
        if self.include_defaults:
            return False
        spec = registry.get(resource.type)
        for ref in resource.references:
            if ref.path in spec.default_with and (ref.type, ref.value) in self._defaults:
                reason = BELONGS_TO_AWS.format(target=f"{ref.type} {ref.value}")
                self.skipped.append(Skipped(resource.type, resource.region, resource.id, resource.arn, reason))
                return True
        return False

    def _run_unit(self, spec: ResourceSpec, region: str, result: UnitResult) -> None:
        ctx = Context(region=region, account=self.account)
        items = self._call(spec, spec.list, ctx, {}, result) or []
        for detail in spec.details:
            if detail.batch:
                self._batched(spec, detail, items, ctx, result)
        for item in items:
            self._submit(spec, region, self._visit, spec, item, ctx, None)

    def _batched(
        self, spec: ResourceSpec, detail: Call, items: list[dict[str, Any]], ctx: Context, result: UnitResult
    ) -> None:
        """One call for each ``detail.batch`` items; each item gets the answers
        that share its ``batch_key`` (a failed call leaves its items without,
        as a failed call per item would)."""
        key = detail.batch_key or ""
        for start in range(0, len(items), detail.batch):
            chunk = [item for item in items[start : start + detail.batch] if _has_key(item, key)]
            if not chunk or self._stop is not None:
                continue
            filled = [fill_params(dict(detail.params), item, ctx) for item in chunk]
            params = dict(filled[0])
            for name, written in detail.params.items():
                if one_item_list(written):
                    params[name] = [value for one in filled for value in one[name]]
            client = self.session.client(detail.service or spec.service, ctx.region)
            got = self._call_once(spec, detail, ctx, client, params, result)
            if got is None:
                continue
            by_key: dict[Any, list[dict[str, Any]]] = {}
            for answer in got:
                by_key.setdefault(answer.get(key), []).append(answer)
            for item in chunk:
                _merge_detail(item, detail, by_key.get(item[key], []))

    def _visit(
        self,
        spec: ResourceSpec,
        item: dict[str, Any],
        ctx: Context,
        parent: Resource | None,
        result: UnitResult,
    ) -> None:
        """One item, and its children; an item whose data cannot be read (a
        number too large, a document nested too deep, text no file can hold)
        is recorded as that resource's error, and the scan goes on."""
        try:
            self._visit_item(spec, item, ctx, parent, result)
        except (ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError, UnreadableValue) as exc:
            rid = _safe_id(spec, item, ctx)
            result.errors.append(
                ScanError(
                    service=spec.service,
                    operation=(spec.list.operation if spec.list else "read"),
                    region=GLOBAL_REGION if spec.is_global and ctx.parent is None else ctx.region,
                    code="UnreadableResource",
                    message=excerpt(f"{rid or 'an item'} could not be read: {type(exc).__name__}: {exc}"),
                    resource_type=spec.tf_type,
                )
            )

    def _visit_item(
        self,
        spec: ResourceSpec,
        item: dict[str, Any],
        ctx: Context,
        parent: Resource | None,
        result: UnitResult,
    ) -> None:
        """One item: its detail calls, its resource, then its children (as new tasks)."""
        if spec.include is not None and not evaluate(spec.include, item, ctx):
            if spec.child is None:  # (a child's condition only says whether its parent has one)
                self._skip(spec, item, ctx, LEFT_OUT.format(type=spec.tf_type))
            return
        # Whether AWS made it is asked before the detail calls (cheap, and no
        # calls for what is skipped) and again after each, for what only a
        # detail reveals (a KMS key's manager).
        made_by_aws = self._made_by_aws_item(spec, item, ctx)
        if made_by_aws and not spec.children_when_default:
            return  # neither it nor its children are the user's to adopt
        if spec.item_region is not None and _answered(spec, item) and self._elsewhere(spec, item, ctx):
            return  # the listing says where it lives, outside the scan: no detail calls for it
        # (An AWS-made item kept for its children is not detailed: they read its listing.)
        for detail in () if made_by_aws else spec.details:
            if detail.lists_tags and self._tags_from_index(spec, item, ctx):
                continue  # the region's tag index answered it (asked here: earlier details may spell the ARN)
            if detail.unless and get_path(item, detail.unless) is not None:
                continue  # the listing answered what this call would
            if detail.batch and ctx.parent is None:
                continue  # asked for with its neighbours when the listing came (see _batched)
            got = self._call(spec, detail, ctx, item, result)
            if got is None:
                continue
            _merge_detail(item, detail, got)
            if self._made_by_aws_item(spec, item, ctx):
                if not spec.children_when_default:
                    return
                made_by_aws = True
        if self._stop is not None:
            # The scan was halted (credentials rejected, or --fail-fast) while
            # this item was being detailed: it is only half seen, and a
            # partial inventory keeps only what was fully seen.
            return
        if spec.item_region is not None:
            # A global listing of regional things (S3 buckets): the item says
            # where it lives, and only the requested regions are adopted.
            item_region = evaluate(spec.item_region, item, ctx) or ctx.region
            if item_region not in self.regions:
                return
            ctx = Context(region=item_region, account=ctx.account, parent=ctx.parent)
        resource = self.build(spec, item, ctx, parent)
        if resource is None:
            return
        check_storable(resource)
        if spec.tf_type in self.wanted and not made_by_aws:
            result.resources.append(resource)
        child_ctx = Context(region=ctx.region, account=ctx.account, parent=item)
        # Under an AWS-made parent that is not adopted, children stand on their own.
        adopted_parent = None if made_by_aws else resource
        for child in registry.children_of(spec.tf_type):
            if child.tf_type not in self.needed:
                continue
            for child_item in self._child_items(child, item, child_ctx, result):
                self._submit(child, ctx.region, self._visit, child, child_item, child_ctx, adopted_parent)

    def _child_items(self, spec: ResourceSpec, parent_item: dict, ctx: Context, result: UnitResult) -> list[dict]:
        """The items of one parent's child, in the way its ``Child`` says."""
        child = spec.child
        if child.same_item:
            return [dict(parent_item)]
        if child.items is not None:
            return [dict(i) for i in extract_items(parent_item, child.items)]
        if child.joined_on:
            index = self._joined(spec, ctx, result)
            return [dict(i) for i in index.get(str(get_path(parent_item, child.joined_on[1])), [])]
        return self._call(spec, child.call, ctx, parent_item, result) or []

    def _joined(self, spec: ResourceSpec, ctx: Context, result: UnitResult) -> dict[str, list[dict]]:
        """A child listed once per region, grouped by the parent it belongs to.

        The first task to need it lists it; others wait for that one listing.
        """
        key = (spec.tf_type, ctx.region)
        with self._lock:
            lock = self._join_locks.setdefault(key, threading.Lock())
        with lock:
            if key not in self._joins:
                index: dict[str, list[dict]] = {}
                join = spec.child.joined_on[0]
                for item in self._call(spec, spec.child.call, Context(ctx.region, ctx.account), {}, result) or []:
                    index.setdefault(str(get_path(item, join)), []).append(item)
                self._joins[key] = index
        return self._joins[key]

    # -- API calls -----------------------------------------------------------

    def _call(
        self,
        spec: ResourceSpec,
        call: Call | None,
        ctx: Context,
        item: Mapping[str, Any],
        result: UnitResult,
    ) -> list[dict[str, Any]] | None:
        """All items of a (paginated) call, or ``None`` when it failed."""
        if call is None:
            return []
        if self._stop is not None:
            return None  # halted: no call is sent once AWS has rejected the credentials (or under --fail-fast)
        if call.answered_by is not None:
            answer = self._from_source(call.answered_by, item, ctx)
            if answer is not None:
                return [i if isinstance(i, dict) else {call.item_key: i} for i in extract_items(answer, call.items)]
        client = self.session.client(call.service or spec.service, ctx.region)
        items: list[dict[str, Any]] = []
        for params in call.param_sets(fill_params(dict(call.params), item, ctx)):
            got = self._call_once(spec, call, ctx, client, params, result)
            if got is None:
                return None
            items.extend(got)
        return items

    def _call_once(
        self,
        spec: ResourceSpec,
        call: Call,
        ctx: Context,
        client: Any,
        params: dict[str, Any],
        result: UnitResult,
    ) -> list[dict[str, Any]] | None:
        """The items of one (paginated) call with these parameters, or ``None`` when it failed."""
        try:
            if client.can_paginate(call.operation):
                pages: Iterable[Mapping[str, Any]] = client.get_paginator(call.operation).paginate(**params)
            else:
                pages = [getattr(client, call.operation)(**params)]
            items: list[dict[str, Any]] = []
            for page in pages:
                items.extend(
                    item if isinstance(item, dict) else {call.item_key: item}
                    for item in extract_items(page, call.items)
                )
            return items
        except botocore.exceptions.ClientError as exc:
            code = exc.response.get("Error", {}).get("Code", "Unknown")
            if code in call.absent_on:
                return []
            self._record(
                result,
                spec,
                call,
                ctx,
                code,
                exc.response.get("Error", {}).get("Message", str(exc)),
            )
            if code in FATAL_CREDENTIAL_CODES:
                message = excerpt(str(exc.response.get("Error", {}).get("Message", "")))
                self._halt(
                    f"The scan stopped because AWS rejected the credentials ({excerpt(code, 80)}: {message}). Refresh them "
                    "(for example `aws sso login`) and scan again"
                )
            return None
        except (
            botocore.exceptions.BotoCoreError,
            botocore.parsers.ResponseParserError,  # not a BotoCoreError: an answer (an XML 500) that does not parse
            OSError,
            ValueError,
            RecursionError,
        ) as exc:
            # (A response that does not parse: the message quotes only the start of its body.)
            self._record(result, spec, call, ctx, type(exc).__name__, str(exc))
            return None

    def _halt(self, why: str) -> None:
        with self._lock:
            self._stop = self._stop or why

    def _record(
        self,
        result: UnitResult,
        spec: ResourceSpec,
        call: Call,
        ctx: Context,
        code: str,
        message: str,
    ) -> None:
        result.errors.append(
            ScanError(
                service=spec.service,
                operation=call.operation,
                region=GLOBAL_REGION if spec.is_global and ctx.parent is None else ctx.region,
                code=excerpt(code, 80),
                message=excerpt(message),
                resource_type=spec.tf_type,
            )
        )
        if self.fail_fast:
            where = GLOBAL_REGION if spec.is_global and ctx.parent is None else ctx.region
            self._halt(
                f"--fail-fast: {spec.service}:{call.operation} in {where} failed ({excerpt(code, 80)}: {excerpt(message)})"
            )

    # -- from item to resource -------------------------------------------------

    def build(
        self,
        spec: ResourceSpec,
        item: Mapping[str, Any],
        ctx: Context,
        parent: Resource | None,
    ) -> Resource | None:
        rid = render_template(spec.id, item, ctx)
        if not rid:
            return None
        attributes: dict[str, Any] = {}
        sensitive = dict(spec.sensitive)  # never kept: written as variables
        for name, expr in spec.arguments.items():
            if name in sensitive:
                continue
            value = hide_secret_shapes(evaluate(expr, item, ctx))
            if isinstance(value, ParsedJson):
                # A secret inside a document stays in place as null, so the
                # document keeps its shape; the variable goes there.
                doc = extract_secrets(value.doc, name, sensitive, keep_place=True)
                value = canonical_json(doc)
            elif name in spec.json_argument_names and isinstance(value, str):
                value = canonical_json(value)
            else:
                value = prune(extract_secrets(value, name, sensitive, keep_place=False))
            if value is None or spec.defaults.get(name, object()) == value:
                continue
            attributes[name] = value
        tags = tags_of(evaluate(spec.tags, item, ctx)) if spec.tags is not None else attributes.get("tags")
        # A tag whose value looks like a secret is kept out of the inventory too.
        tags = {k: v for k, v in (tags or {}).items() if secret_shape(v) is None} or None
        name = evaluate(spec.name, item, ctx) if spec.name is not None else None
        label = evaluate(spec.label, item, ctx) if spec.label is not None else None
        if label is None and parent is None:
            label = (tags or {}).get("Name") or name
        if parent is not None:
            is_global = parent.region == GLOBAL_REGION
        else:
            is_global = spec.is_global and spec.item_region is None
        region = GLOBAL_REGION if is_global else ctx.region
        return Resource(
            type=spec.tf_type,
            id=rid,
            import_id=render_template(spec.import_id or spec.id, item, ctx) or rid,
            region=region,
            arn=render_template(spec.arn, item, ctx),
            name=None if name is None else str(name),
            tags=dict(tags or {}),
            attributes=attributes,
            references=[
                Reference(path, tf_type, ref.attribute, value)
                for path, tf_type, ref, value in find_references(attributes, spec.references)
            ],
            exports=exported_values(spec, item, ctx),
            sensitive=sensitive,
            parent={"type": parent.type, "id": parent.id} if parent else None,
            label=None if label is None else str(label),
        )


def exported_values(spec: ResourceSpec, item: Mapping[str, Any], ctx: Context) -> dict[str, str]:
    """The spec's exports that have a value: strings, none shaped like a secret."""
    exports: dict[str, str] = {}
    for name, expr in spec.exports.items():
        value = evaluate(expr, item, ctx)
        if isinstance(value, str) and value and secret_shape(value) is None:
            exports[name] = value
    return exports


def hide_secret_shapes(value: Any) -> Any:
    """Every string that has the shape of a secret (a private key, a URL with
    a password, a token) becomes a ``Secret``, wherever it is in the value."""
    if isinstance(value, str):
        reason = secret_shape(value)
        return Secret(f"the value looks like {reason}; supply it") if reason else value
    if isinstance(value, ParsedJson):
        return ParsedJson(hide_secret_shapes(value.doc))
    if isinstance(value, Kept):
        return Kept(hide_secret_shapes(value.value))
    if isinstance(value, dict):
        return {k: hide_secret_shapes(v) for k, v in value.items()}
    if isinstance(value, list):
        return [hide_secret_shapes(v) for v in value]
    return value


def extract_secrets(value: Any, path: str, sink: dict[str, str], keep_place: bool) -> Any:
    """Take every ``Secret`` out of a value, recording its path and reason."""
    if isinstance(value, Secret):
        sink[path] = value.reason
        return None
    if isinstance(value, dict):
        out = {k: extract_secrets(v, f"{path}.{k}", sink, keep_place) for k, v in value.items()}
        return out if keep_place else {k: v for k, v in out.items() if not isinstance(value[k], Secret)}
    if isinstance(value, list):
        return [extract_secrets(v, f"{path}[{i}]", sink, keep_place) for i, v in enumerate(value)]
    return value


def prune(value: Any) -> Any:
    """Drop ``None`` and empty collections, which Terraform treats as unset
    (unless the spec said to ``Keep`` them)."""
    if isinstance(value, Kept):
        return value.value
    if isinstance(value, dict):
        out = {k: prune(v) for k, v in value.items()}
        out = {k: v for k, v in out.items() if v is not None}
        return out or None
    if isinstance(value, list):
        out_list = [prune(v) for v in value]
        out_list = [v for v in out_list if v is not None]
        return out_list or None
    if value == "":
        return None
    return value


MAX_DEPTH = 64


def check_storable(resource: Resource) -> None:
    """Refuse a resource whose data cannot be stored and read back as it is:
    NaN or infinities, numbers beyond JSON's reach, lone surrogates, nesting
    deeper than any real resource needs."""

    def walk(value: Any, depth: int) -> None:
        if depth > MAX_DEPTH:
            raise UnreadableValue(f"its data is nested more than {MAX_DEPTH} levels deep")
        if isinstance(value, dict):
            for k, v in value.items():
                walk(k, depth + 1)
                walk(v, depth + 1)
        elif isinstance(value, (list, tuple)):
            for v in value:
                walk(v, depth + 1)
        elif isinstance(value, float) and not math.isfinite(value):
            raise UnreadableValue(f"it holds the number {value!r}, which JSON and Terraform cannot")
        elif isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > MAX_INT_BITS:
            raise UnreadableValue("it holds a number too large to keep exactly")
        elif isinstance(value, str) and _SURROGATE.search(value):
            raise UnreadableValue("it holds text with a lone surrogate, which no file can hold")

    walk(resource.to_json(), 0)


# Numbers of up to about 300 digits (far beyond any AWS setting) are kept.
MAX_INT_BITS = 1000
_SURROGATE = re.compile("[\ud800-\udfff]")


def _safe_id(spec: ResourceSpec, item: Mapping[str, Any], ctx: Context) -> str | None:
    try:
        return render_template(spec.id, item, ctx)
    except Exception:  # noqa: BLE001 - only for naming what could not be read
        return None


class ScanAborted(AdoptError):
    """The scan could not go on; what was seen so far is kept."""

    exit_code = 1

    def __init__(self, inventory: Inventory, why: str) -> None:
        super().__init__(f"{why}; what was seen before is kept in the partial inventory.")
        self.inventory = inventory


def _answered(spec: ResourceSpec, item: Mapping[str, Any]) -> bool:
    """The listing answered every detail call that says where an item lives (``unless``)."""
    skippable = [d.unless for d in spec.details if d.unless]
    return bool(skippable) and all(get_path(item, path) is not None for path in skippable)


def _merge_detail(item: dict[str, Any], detail: Call, got: list[dict[str, Any]]) -> None:
    """A detail call's answer joins its item: under ``merge_into``, or its keys merged in."""
    if detail.merge_into:
        item[detail.merge_into] = got if detail.items is not None else (got[0] if got else None)
    elif got:
        for key, value in got[0].items():
            if key != "ResponseMetadata":
                item.setdefault(key, value)


def _has_key(item: Mapping[str, Any], key: str) -> bool:
    return isinstance(item.get(key), (str, int))


def _tags_path(spec: ResourceSpec) -> str | None:
    """Where the spec's ``tags`` argument reads the item's tags (``Tags``), when a plain path."""
    tags = spec.arguments.get("tags")
    return tags.path if isinstance(tags, Tags) and isinstance(tags.path, str) else None
