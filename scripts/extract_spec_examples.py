#!/usr/bin/env python3
"""Extracts every JSON response example of the porting subset spec into a test fixture.

Walks every operation of the spec and, for each response whose content type is JSON
(`application/json` or `*+json`), collects:

- the response-level `example` of the media type,
- every entry of the media type's `examples:` map (its `value`, `$ref`s to
  `components/examples` resolved),
- the schema-level `example` of the response schema (of the referenced component when the
  schema is a `$ref`).

and writes them, in a stable order, to `tests/fixtures/subset_examples.json` as a list of
`{operationId, status, content_type, schema_ref_or_inline_name, example}` (plus `source`,
saying where the example was found). The output is deterministic: sorted keys, indent 1.

Usage: python3 scripts/extract_spec_examples.py [SPEC] [OUT]
(defaults: ../shared/openapi/telnyx-porting.upstream-spec3-subset.yml and
tests/fixtures/subset_examples.json, relative to the repository root).
"""

import json
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SPEC = ROOT.parent / "shared" / "openapi" / "telnyx-porting.upstream-spec3-subset.yml"
DEFAULT_OUT = ROOT / "tests" / "fixtures" / "subset_examples.json"
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def resolve(spec, node):
    """Follows local `$ref`s (`#/a/b/c`) until `node` is not a reference."""
    seen = set()
    while isinstance(node, dict) and "$ref" in node:
        ref = node["$ref"]
        if ref in seen or not ref.startswith("#/"):
            raise SystemExit(f"cannot resolve $ref {ref!r}")
        seen.add(ref)
        target = spec
        for part in ref[2:].split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
    return node


def is_json(content_type):
    base = content_type.split(";")[0].strip().lower()
    return base == "application/json" or base.endswith("+json")


def schema_name(schema, operation_id, status):
    if isinstance(schema, dict) and "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    return f"inline:{operation_id}:{status}"


def extract(spec):
    entries = []
    for path, item in spec.get("paths", {}).items():
        item = resolve(spec, item)
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            operation_id = operation.get("operationId") or f"{method.upper()} {path}"
            for status, response in operation.get("responses", {}).items():
                response = resolve(spec, response)
                for content_type, media in (response.get("content") or {}).items():
                    if not is_json(content_type):
                        continue
                    schema = media.get("schema")
                    base = {
                        "operationId": operation_id,
                        "status": str(status),
                        "content_type": content_type,
                        "schema_ref_or_inline_name": schema_name(schema, operation_id, status),
                    }
                    if "example" in media:
                        entries.append({**base, "source": "response", "example": media["example"]})
                    for name, example in sorted((media.get("examples") or {}).items()):
                        example = resolve(spec, example)
                        if "value" in example:
                            entries.append(
                                {**base, "source": f"examples.{name}", "example": example["value"]}
                            )
                    if schema is not None:
                        resolved = resolve(spec, schema)
                        if isinstance(resolved, dict) and "example" in resolved:
                            entries.append(
                                {**base, "source": "schema", "example": resolved["example"]}
                            )
    entries.sort(key=lambda e: (e["operationId"], e["status"], e["content_type"], e["source"]))
    return entries


def main(argv):
    spec_path = Path(argv[1]) if len(argv) > 1 else DEFAULT_SPEC
    out_path = Path(argv[2]) if len(argv) > 2 else DEFAULT_OUT
    with open(spec_path, encoding="utf-8") as f:
        spec = yaml.safe_load(f)
    entries = extract(spec)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(entries, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    out_path.write_text(text, encoding="utf-8")
    print(f"wrote {len(entries)} examples to {out_path}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv)
