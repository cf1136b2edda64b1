#!/usr/bin/env python3
"""Writes cli/src/commands/*.rs: the command table of `telnyx-porting`, one module per command
group, from the Telnyx porting and documents specs (descriptions, path ids, query filters, body
fields) and the table below (group, verb, the library call). Run it again when a spec or a call
changes:

    python3 scripts/gen-cli-commands.py \
        ../shared/openapi/telnyx-porting.upstream-spec3-subset.yml \
        ../shared/openapi/telnyx-documents.upstream-spec3-subset.yml
    cargo fmt --all

Needs PyYAML. The modules it writes say so at their top; edit this script, not them.
"""
import re
import sys

import yaml

SPECS = sys.argv[1:] or [
    "../shared/openapi/telnyx-porting.upstream-spec3-subset.yml",
    "../shared/openapi/telnyx-documents.upstream-spec3-subset.yml",
]
OUT = "cli/src/commands"

# operationId -> (module, group, verb, aliases, kind, call), or a list of them when one
# operation is several commands (the official tool's `documents upload` and `upload-json`)
# kind: one (a JSON answer), empty (204), binary (PDF), list (paginated: walk pages),
# page (one page that cannot be paginated).
# call: the library call (for a list, the one-page call; its walker is the same method + `_all`); `c` is the client, `q` the typed list query, ids are bound as
# `id0`, `id1` (parsed from the flags in path order), `body` is the typed body.
O = "porting_orders"
OPS = {
    # porting-orders
    "ListPortingOrders": (O, "porting-orders", "list", [], "list:ListPortingOrdersQuery", "c.porting_orders().list(&q)"),
    "CreatePortingOrder": (O, "porting-orders", "create", [], "one", "c.porting_orders().create(&body)"),
    "ListExceptionTypes": (O, "porting-orders", "retrieve-exception-types", [], "one", "c.porting_orders().exception_types()"),
    "GetPortingOrder": (O, "porting-orders", "retrieve", [], "one", "c.porting_orders().retrieve_with(id0, &q)"),
    "UpdatePortingOrder": (O, "porting-orders", "update", [], "one", "c.porting_orders().update(id0, &body)"),
    "DeletePortingOrder": (O, "porting-orders", "delete", [], "empty", "c.porting_orders().delete(id0)"),
    "ListAllowedFocWindows": (O, "porting-orders", "retrieve-allowed-foc-windows", [], "one", "c.porting_orders().allowed_foc_windows(id0)"),
    "GetPortingOrderLoaTemplate": (O, "porting-orders", "retrieve-loa-template", [], "binary", "c.porting_orders().loa_template_with(id0, &q)"),
    "ListPortingOrderRequirements": (O, "porting-orders", "retrieve-requirements", [], "list:ListRequirementsQuery", "c.porting_orders().requirements(id0, &q)"),
    "GetPortingOrderSubRequest": (O, "porting-orders", "retrieve-sub-request", [], "one", "c.porting_orders().sub_request(id0)"),
    # actions
    "ActivatePortingOrder": ("order_actions", "porting-orders:actions", "activate", [], "one", "c.porting_orders().actions().activate(id0)"),
    "CancelPortingOrder": ("order_actions", "porting-orders:actions", "cancel", [], "one", "c.porting_orders().actions().cancel(id0)"),
    "ConfirmPortingOrder": ("order_actions", "porting-orders:actions", "confirm", [], "one", "c.porting_orders().actions().confirm(id0)"),
    "SharePortingOrder": ("order_actions", "porting-orders:actions", "share", [], "one", "c.porting_orders().actions().share(id0, &body)"),
    # comments
    "ListPortingOrderComments": ("order_comments", "porting-orders:comments", "list", [], "list:ListCommentsQuery", "c.porting_orders().comments().list(id0, &q)"),
    "CreatePortingOrderComment": ("order_comments", "porting-orders:comments", "create", [], "one", "c.porting_orders().comments().create(id0, &body)"),
    # additional documents
    "ListAdditionalDocuments": ("order_documents", "porting-orders:additional-documents", "list", [], "list:ListAdditionalDocumentsQuery", "c.porting_orders().additional_documents().list(id0, &q)"),
    "CreateAdditionalDocuments": ("order_documents", "porting-orders:additional-documents", "create", [], "one", "c.porting_orders().additional_documents().create(id0, &body)"),
    "DeleteAdditionalDocument": ("order_documents", "porting-orders:additional-documents", "delete", [], "empty", "c.porting_orders().additional_documents().delete(id0, id1)"),
    # verification codes
    "ListVerificationCodes": ("order_verification_codes", "porting-orders:verification-codes", "list", [], "list:ListVerificationCodesQuery", "c.porting_orders().verification_codes().list(id0, &q)"),
    "SendPortingVerificationCodes": ("order_verification_codes", "porting-orders:verification-codes", "send", [], "empty", "c.porting_orders().verification_codes().send(id0, &body)"),
    "VerifyPortingVerificationCodes": ("order_verification_codes", "porting-orders:verification-codes", "verify", [], "one", "c.porting_orders().verification_codes().verify(id0, &body)"),
    # activation jobs
    "ListPortingOrderActivationJobs": ("order_activation_jobs", "porting-orders:activation-jobs", "list", [], "list:ListActivationJobsQuery", "c.porting_orders().activation_jobs().list(id0, &q)"),
    "GetPortingOrdersActivationJob": ("order_activation_jobs", "porting-orders:activation-jobs", "retrieve", [], "one", "c.porting_orders().activation_jobs().retrieve(id0, id1)"),
    "UpdatePortingOrdersActivationJob": ("order_activation_jobs", "porting-orders:activation-jobs", "update", [], "one", "c.porting_orders().activation_jobs().update(id0, id1, &body)"),
    # action requirements
    "listPortingActionRequirements": ("order_action_requirements", "porting-orders:action-requirements", "list", [], "list:ListActionRequirementsQuery", "c.porting_orders().action_requirements().list(id0, &q)"),
    "initiatePortingActionRequirement": ("order_action_requirements", "porting-orders:action-requirements", "initiate", [], "one", "c.porting_orders().action_requirements().initiate(id0, &id1, &body)"),
    # associated phone numbers
    "listPortingAssociatedPhoneNumbers": ("order_associated_phone_numbers", "porting-orders:associated-phone-numbers", "list", [], "list:ListAssociatedPhoneNumbersQuery", "c.porting_orders().associated_phone_numbers().list(id0, &q)"),
    "createPortingAssociatedPhoneNumber": ("order_associated_phone_numbers", "porting-orders:associated-phone-numbers", "create", [], "one", "c.porting_orders().associated_phone_numbers().create(id0, &body)"),
    "deletePortingAssociatedPhoneNumber": ("order_associated_phone_numbers", "porting-orders:associated-phone-numbers", "delete", [], "one", "c.porting_orders().associated_phone_numbers().delete(id0, id1)"),
    # phone number blocks
    "listPortingPhoneNumberBlocks": ("order_phone_number_blocks", "porting-orders:phone-number-blocks", "list", [], "list:ListPhoneNumberBlocksQuery", "c.porting_orders().phone_number_blocks().list(id0, &q)"),
    "createPortingPhoneNumberBlock": ("order_phone_number_blocks", "porting-orders:phone-number-blocks", "create", [], "one", "c.porting_orders().phone_number_blocks().create(id0, &body)"),
    "deletePortingPhoneNumberBlock": ("order_phone_number_blocks", "porting-orders:phone-number-blocks", "delete", [], "one", "c.porting_orders().phone_number_blocks().delete(id0, id1)"),
    # phone number extensions
    "listPortingPhoneNumberExtensions": ("order_phone_number_extensions", "porting-orders:phone-number-extensions", "list", [], "list:ListPhoneNumberExtensionsQuery", "c.porting_orders().phone_number_extensions().list(id0, &q)"),
    "createPortingPhoneNumberExtension": ("order_phone_number_extensions", "porting-orders:phone-number-extensions", "create", [], "one", "c.porting_orders().phone_number_extensions().create(id0, &body)"),
    "deletePortingPhoneNumberExtension": ("order_phone_number_extensions", "porting-orders:phone-number-extensions", "delete", [], "one", "c.porting_orders().phone_number_extensions().delete(id0, id1)"),
    # phone number configurations
    "ListPhoneNumberConfigurations": ("order_phone_number_configurations", "porting-orders:phone-number-configurations", "list", [], "list:ListPhoneNumberConfigurationsQuery", "c.porting_orders().phone_number_configurations().list(&q)"),
    "CreatePhoneNumberConfigurations": ("order_phone_number_configurations", "porting-orders:phone-number-configurations", "create", [], "one", "c.porting_orders().phone_number_configurations().create(&body)"),
    # porting
    "listPortingUKCarriers": ("porting", "porting", "list-uk-carriers", [], "one", "c.porting().uk_carriers()"),
    "listPortingEvents": ("porting_events", "porting:events", "list", [], "list:ListPortingEventsQuery", "c.porting().events().list(&q)"),
    "showPortingEvent": ("porting_events", "porting:events", "retrieve", [], "one", "c.porting().events().retrieve(id0)"),
    "republishPortingEvent": ("porting_events", "porting:events", "republish", [], "empty", "c.porting().events().republish(id0)"),
    "ListPortingReports": ("porting_reports", "porting:reports", "list", [], "list:ListPortingReportsQuery", "c.porting().reports().list(&q)"),
    "CreatePortingReport": ("porting_reports", "porting:reports", "create", [], "one", "c.porting().reports().create(&body)"),
    "GetPortingReport": ("porting_reports", "porting:reports", "retrieve", [], "one", "c.porting().reports().retrieve(id0)"),
    "ListLoaConfigurations": ("porting_loa_configurations", "porting:loa-configurations", "list", [], "list:ListLoaConfigurationsQuery", "c.porting().loa_configurations().list(&q)"),
    "CreateLoaConfiguration": ("porting_loa_configurations", "porting:loa-configurations", "create", [], "one", "c.porting().loa_configurations().create(&body)"),
    "PreviewLoaConfigurationParams": ("porting_loa_configurations", "porting:loa-configurations", "preview", ["preview-0"], "binary", "c.porting().loa_configurations().preview(&body)"),
    "GetLoaConfiguration": ("porting_loa_configurations", "porting:loa-configurations", "retrieve", [], "one", "c.porting().loa_configurations().retrieve(id0)"),
    "UpdateLoaConfiguration": ("porting_loa_configurations", "porting:loa-configurations", "update", [], "one", "c.porting().loa_configurations().update(id0, &body)"),
    "DeleteLoaConfiguration": ("porting_loa_configurations", "porting:loa-configurations", "delete", [], "empty", "c.porting().loa_configurations().delete(id0)"),
    "PreviewLoaConfiguration": ("porting_loa_configurations", "porting:loa-configurations", "preview-saved", ["preview-1"], "binary", "c.porting().loa_configurations().preview_saved(id0)"),
    # top level
    "ListPortingPhoneNumbers": ("porting_phone_numbers", "porting-phone-numbers", "list", [], "list:ListPortingPhoneNumbersQuery", "c.porting_phone_numbers().list(&q)"),
    "PostPortabilityCheck": ("portability_checks", "portability-checks", "run", [], "one", "c.portability_checks().run(&body)"),
    # documents (the official tool's names: `documents upload-json|upload|list|retrieve|update|
    # delete|download|generate-download-link`, `document-links list`). Both uploads send JSON
    # through the library's one upload call.
    "ListDocuments": ("documents", "documents", "list", [], "list:ListDocumentsQuery", "c.documents().list(&q)"),
    "CreateDocument": [
        ("documents", "documents", "upload", [], "one", "c.documents().upload(&body)"),
        ("documents", "documents", "upload-json", [], "one", "c.documents().upload(&body)"),
    ],
    "RetrieveDocument": ("documents", "documents", "retrieve", [], "one", "c.documents().retrieve(id0)"),
    "UpdateDocument": ("documents", "documents", "update", [], "one", "c.documents().update(id0, &body)"),
    "DeleteDocument": ("documents", "documents", "delete", [], "one", "c.documents().delete(id0)"),
    "DownloadDocument": ("documents", "documents", "download", [], "binary", "c.documents().download(id0)"),
    "getDocumentDownloadLink": ("documents", "documents", "generate-download-link", [], "one", "c.documents().download_link(id0)"),
    "ListDocumentLinks": ("document_links", "document-links", "list", [], "list:ListDocumentLinksQuery", "c.documents().list_links(&q)"),
}

# How many operations each spec holds, and how many commands they make.
OPERATIONS = 54 + 8
COMMANDS = OPERATIONS + 1

# (operationId, path parameter) -> the flag, where the official tool names it otherwise.
ID_FLAGS = {("UpdateDocument", "id"): "document-id"}

# operationId -> the prefix of its body flags (the official tool's `BodyRoot` flag name:
# `--document.filename`); each flag also takes its bare name, hidden, unless listed in
# EXTRA_BODY.
BODY_ROOT = {"CreateDocument": "document"}

# operationId -> the only body fields that become flags (the spec's UpdateDocument body is the
# whole document; the rest of it is read-only).
BODY_ONLY = {"UpdateDocument": ["customer_reference", "filename"]}

# operationId -> flags before the spec's body flags: (flag, path, kind, help, alias).
UPLOAD_HELP = "A file to upload: read, base64-encoded into `file`, and its name sent as `filename` unless --document.filename gives one (at most 20 MB)."
ROOT_HELP = "The whole document, as the official tool takes it: JSON or a YAML flow map ({filename: loa.pdf, url: https://example.com/loa.pdf}); the flags below set its fields one by one."
EXTRA_BODY = {"CreateDocument": [
    ("document", [], "Json", ROOT_HELP, None),
    ("file", ["file"], "FilePath", UPLOAD_HELP, None),
]}

# (operationId, body path) -> the kind of that flag, where the spec's type is not enough.
BODY_KINDS = {("CreateDocument", ("file",)): "Base64OrPath"}
BASE64_HELP = " @PATH reads the file and sends its base64."

# (operationId, verb) -> what the long help adds to the spec's description.
MORE_DESC = {
    ("CreateDocument", "upload"): " Here `upload` and `upload-json` both send the JSON upload (the official tool's `upload` is multipart): give --file PATH and the file is read and base64-encoded for you, or --document.url.",
    ("CreateDocument", "upload-json"): " Here `upload` and `upload-json` both send the JSON upload: give --document.file BASE64 (or @PATH), or --document.url; --file PATH reads and encodes a file.",
}

# (operationId, verb) -> the example, where the one made from the spec would not show the point.
EXAMPLES = {
    ("CreateDocument", "upload"): "telnyx-porting documents upload --file loa.pdf --document.customer-reference 'Acct 42'",
    ("CreateDocument", "upload-json"): "telnyx-porting documents upload-json --document.url https://example.com/loa.pdf --document.filename loa.pdf",
    ("ListDocuments", "list"): "telnyx-porting documents list --filter.filename.contains loa --sort -created_at --format jsonl",
}

# operationId -> (the library's typed query, {query key: its field}): these flags are parsed
# into the typed query the call takes (`retrieve_with(id, &q)`), so a bad value is refused
# before sending, instead of going out as a raw query pair.
TYPED_QUERY = {
    "GetPortingOrder": ("RetrievePortingOrderQuery", {"include_phone_numbers": "include_phone_numbers"}),
    "GetPortingOrderLoaTemplate": ("LoaTemplateQuery", {"loa_configuration_id": "loa_configuration_id"}),
}

# Path parameter -> the Rust type its flag parses into.
ID_TYPES = {
    ("porting_orders", "id"): "PortingOrderId",
    ("porting_orders", "porting_order_id"): "PortingOrderId",
}
ACTION_REQ_ID = "initiatePortingActionRequirement"

# The spec `resolve` follows: each one in turn, as the loop below reads it.
spec = {}


def resolve(node):
    seen = 0
    while isinstance(node, dict) and "$ref" in node and seen < 20:
        parts = node["$ref"].lstrip("#/").split("/")
        cur = spec
        for p in parts:
            cur = cur[p]
        node = cur
        seen += 1
    return node


def merged(schema):
    """Properties of a schema, following allOf."""
    schema = resolve(schema)
    props, required = {}, list(schema.get("required", []))
    for sub in schema.get("allOf", []):
        p, r = merged(sub)
        props.update(p)
        required += r
    props.update(schema.get("properties", {}))
    return props, required


def unwrap(schema):
    """`anyOf`/`oneOf` of one schema and `null`: (that schema, True); else (schema, False)."""
    schema = resolve(schema)
    alts = schema.get("anyOf") or schema.get("oneOf")
    if alts:
        real = [resolve(a) for a in alts if resolve(a).get("type") != "null"]
        if len(real) == 1 and len(real) < len(alts):
            inner = dict(real[0])
            if schema.get("description"):
                inner["description"] = schema["description"]
            return inner, True
    return schema, False


def types_of(schema):
    schema = resolve(schema)
    t = schema.get("type")
    if isinstance(t, list):
        return [x for x in t]
    if t:
        return [t] + (["null"] if schema.get("nullable") else [])
    if "oneOf" in schema or "anyOf" in schema:
        out = []
        for s in schema.get("oneOf", []) + schema.get("anyOf", []):
            out += types_of(s)
        return out
    if "properties" in schema or "allOf" in schema:
        return ["object"]
    return ["string"]


def kebab(name):
    return name.replace("_", "-")


def singular(name):
    if name.endswith("ies"):
        return name[:-3] + "y"
    if name.endswith("sses") or name.endswith("shes") or name.endswith("xes"):
        return name[:-2]
    if name.endswith("s") and not name.endswith("ss"):
        return name[:-1]
    return name


def clean(text):
    text = (text or "").strip()
    text = re.sub(r"<br\s*/?>", " ", text)
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub(r"\s+", " ", text)
    return text


def first_sentence(text):
    text = clean(text)
    m = re.match(r"(.+?[.!?])(\s|$)", text)
    text = m.group(1) if m else text
    if text and text[-1] not in ".!?":
        text += "."
    return text


def rs(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def ex_value(schema):
    schema = resolve(schema)
    e = schema.get("example")
    if e is None and schema.get("enum"):
        e = schema["enum"][0]
    return e


def body_fields(schema):
    """(flag, json path, kind, help) for a body schema."""
    out = []
    props, required = merged(schema)

    def walk(prefix_flag, prefix_path, props, depth):
        for name, sub in props.items():
            sub_r, wrapped = unwrap(sub)
            ts = types_of(sub_r)
            nullable = "null" in ts or wrapped
            base = [t for t in ts if t != "null"]
            desc = first_sentence(sub_r.get("description", ""))
            if sub_r.get("enum"):
                vals = [str(v) for v in sub_r["enum"] if v is not None]
                if vals:
                    desc = (desc + " " if desc else "") + "One of: " + ", ".join(vals) + "."
            path = prefix_path + [name]
            if base and base[0] == "array" and depth == 0:
                items = resolve(sub_r.get("items", {}))
                it = [t for t in types_of(items) if t != "null"]
                flag = prefix_flag + kebab(singular(name))
                kind = "ObjectList" if it and it[0] == "object" else "List"
                if kind == "List" and it and it[0] in ("integer", "number"):
                    kind = "NumberList"
                alias = prefix_flag + kebab(name) if singular(name) != name else None
                out.append((flag, path, kind, desc + (" Repeat the flag for each value." if kind == "List" else " One JSON object per occurrence; repeat the flag for each."), alias))
                if kind == "ObjectList":
                    # The official tool's inner flags: `--additional-document.document-id X
                    # --additional-document.document-type loa`; a new element starts when the
                    # last one already has that field.
                    inner, _ = merged(items)
                    for leaf, leaf_schema in inner.items():
                        leaf_schema, _w = unwrap(leaf_schema)
                        lt = [t for t in types_of(leaf_schema) if t != "null"]
                        if lt and lt[0] in ("object", "array"):
                            continue
                        ldesc = first_sentence(leaf_schema.get("description", ""))
                        if leaf_schema.get("enum"):
                            ldesc += " One of: " + ", ".join(str(v) for v in leaf_schema["enum"] if v is not None) + "."
                        out.append((flag + "." + kebab(leaf), path + [leaf], "ItemField",
                                    ldesc + f" Sets {leaf} of the current --{flag} element.", None))
            elif base and base[0] == "array":
                out.append((prefix_flag + kebab(name), path, "Json", desc + " (JSON array)", None))
            elif base and base[0] == "object":
                out.append((prefix_flag + kebab(name), path, "Json", desc + " (a JSON object; or set its fields one by one with the dotted flags)", None))
                inner, _ = merged(sub_r)
                if inner and depth < 2:
                    walk(prefix_flag + kebab(name) + ".", path, inner, depth + 1)
            else:
                t = base[0] if base else "string"
                kind = {"integer": "Int", "number": "Number", "boolean": "Bool"}.get(t, "Str")
                if nullable:
                    kind = {"Str": "NullableStr", "Int": "NullableInt", "Bool": "NullableBool", "Number": "NullableNumber"}[kind]
                    desc += " `null` sends JSON null."
                out.append((prefix_flag + kebab(name), path, kind, desc, None))

    walk("", [], props, 0)
    return out, required


def query_fields(params):
    out = []
    page = False
    for p in params:
        p = resolve(p)
        if p.get("in") != "query":
            continue
        name = p["name"]
        schema = resolve(p.get("schema", {}))
        if name == "page":
            page = True
            continue
        if schema.get("type") == "object" or "properties" in schema:
            def walk(keys, props):
                for k, sub in props.items():
                    sub = resolve(sub)
                    parts = keys + k.split(".")
                    if (sub.get("type") == "object" or "properties" in sub) and sub.get("properties"):
                        walk(parts, sub["properties"])
                        continue
                    ts = [t for t in types_of(sub) if t != "null"]
                    desc = first_sentence(sub.get("description", ""))
                    if sub.get("enum"):
                        desc += " One of: " + ", ".join(str(v) for v in sub["enum"] if v is not None) + "."
                    multi = "array" in ts
                    if multi:
                        desc += " Repeat the flag (or comma-join) for several."
                    key = parts[0] + "".join("[" + x + "]" for x in parts[1:])
                    flag = ".".join(kebab(x) for x in parts)
                    aliases = []
                    if parts[0] == "sort" and len(parts) == 2 and parts[1] == "value":
                        aliases.append("sort")
                    out.append((flag, key, "Multi" if multi else "Str", desc, aliases))
            walk([name], schema.get("properties", {}))
        else:
            ts = [t for t in types_of(schema) if t != "null"]
            kind = "Bool" if ts and ts[0] == "boolean" else "Multi" if ts and ts[0] == "array" else "Str"
            desc = first_sentence(p.get("description", "") or schema.get("description", ""))
            if kind == "Multi":
                items = resolve(schema.get("items", {}))
                if items.get("enum"):
                    desc += " One of: " + ", ".join(str(v) for v in items["enum"] if v is not None) + "."
                desc += " Repeat the flag (or comma-join) for several."
            out.append((kebab(name), name, kind, desc, []))
    return out, page


def command_of(path, item, method, op, entry):
    """Adds the command `entry` makes of the operation `op` to `modules`."""
    oid = op["operationId"]
    module, group, verb, aliases, kind, call = entry
    params = op.get("parameters", []) + item.get("parameters", [])
    path_params = [p for p in (resolve(x) for x in params) if p.get("in") == "path"]
    # keep path order
    names = re.findall(r"\{([^}]+)\}", path)
    ids = []
    for n in names:
        p = next((x for x in path_params if x["name"] == n), {"name": n})
        snake = re.sub(r"([A-Z])", lambda m: "_" + m.group(1).lower(), n)
        if oid == ACTION_REQ_ID and snake == "id":
            ty = "String"
        elif snake in ("id", "porting_order_id") and path.startswith("/porting_orders/{"):
            ty = "PortingOrderId" if path.index("{" + n + "}") == len("/porting_orders/") else "Uuid"
        else:
            ty = "Uuid"
        flag = ID_FLAGS.get((oid, n), kebab(snake))
        ids.append((flag, ty, first_sentence(p.get("description", "")) or "Identifies the resource."))
    qf, paged = query_fields(params)
    bf, required = [], []
    rb = op.get("requestBody")
    if rb:
        rb = resolve(rb)
        schema = rb["content"]["application/json"]["schema"]
        bf, required = body_fields(schema)
        if oid in BODY_ONLY:
            bf = [f for f in bf if f[1][0] in BODY_ONLY[oid]]
        if oid in BODY_ROOT:
            root = BODY_ROOT[oid]
            extra = {f[0] for f in EXTRA_BODY.get(oid, [])}
            bf = [(root + "." + flag, path_, kind_, help_, None if flag in extra else flag)
                  for (flag, path_, kind_, help_, _alias) in bf]
        bf = [(flag, path_, BODY_KINDS.get((oid, tuple(path_)), kind_),
               help_ + (BASE64_HELP if (oid, tuple(path_)) in BODY_KINDS else ""), alias)
              for (flag, path_, kind_, help_, alias) in bf]
        bf = EXTRA_BODY.get(oid, []) + bf
    # example
    ex = ["telnyx-porting", group, verb]
    pos_flag = "id" if any(i[0] == "id" for i in ids) else (ids[0][0] if ids else None)
    for (flag, ty, _h) in ids:
        v = "f1486bae-f067-460c-ad43-73a92848f902" if ty != "String" else "a1b2c3"
        ex += [v] if flag == pos_flag else ["--" + flag, v]
    if rb:
        props, _ = merged(schema)
        for r in required:
            sub = resolve(props.get(r, {}))
            e = ex_value(sub)
            ts = types_of(sub)
            if ts and ts[0] == "array":
                items = e if isinstance(e, list) else [ex_value(sub.get("items", {})) or "VALUE"]
                for v in items[:2]:
                    if isinstance(v, dict):
                        import json
                        ex += ["--" + kebab(singular(r)), "'" + json.dumps(v) + "'"]
                    else:
                        ex += ["--" + kebab(singular(r)), str(v)]
            elif ts and ts[0] == "object":
                import json
                ex += ["--" + kebab(r), "'" + json.dumps(e or {}) + "'"]
            else:
                v = str(e if e is not None else "VALUE")
                ex += ["--" + kebab(r), "'" + v + "'" if " " in v else v]
    if kind == "binary":
        ex += ["--output", "loa.pdf"]
    if kind.startswith("list"):
        ex += ["--format", "jsonl"]
    example = EXAMPLES.get((oid, verb), " ".join(ex))
    modules.setdefault(module, []).append(dict(
        oid=oid, method=method.upper(), path=path, group=group, verb=verb, aliases=aliases,
        kind=kind, call=call, summary=clean(op.get("summary", "")), desc=clean(op.get("description", "")) + MORE_DESC.get((oid, verb), ""),
        ids=ids, query=qf, paged=paged, body=bf, example=example, positional=pos_flag,
    ))


modules = {}
count = 0
commands = 0
for spec_path in SPECS:
    spec = yaml.safe_load(open(spec_path))
    for path, item in spec["paths"].items():
        for method, op in item.items():
            if method not in ("get", "post", "patch", "delete", "put"):
                continue
            count += 1
            entries = OPS[op["operationId"]]
            for entry in entries if isinstance(entries, list) else [entries]:
                commands += 1
                command_of(path, item, method, op, entry)

assert count == OPERATIONS, count
assert commands == COMMANDS, commands

MOD_DOCS = {
    "porting_orders": "`porting-orders`: create, retrieve, update, list and delete porting orders, and the order-level look-ups.",
    "order_actions": "`porting-orders:actions`: activate, cancel, confirm and share an order.",
    "order_comments": "`porting-orders:comments`: comments on an order.",
    "order_documents": "`porting-orders:additional-documents`: documents attached to an order.",
    "order_verification_codes": "`porting-orders:verification-codes`: codes proving ownership of the numbers.",
    "order_activation_jobs": "`porting-orders:activation-jobs`: FastPort activation jobs.",
    "order_action_requirements": "`porting-orders:action-requirements`: actions an order requires.",
    "order_associated_phone_numbers": "`porting-orders:associated-phone-numbers`: numbers associated with a partial port.",
    "order_phone_number_blocks": "`porting-orders:phone-number-blocks`: blocks of numbers.",
    "order_phone_number_extensions": "`porting-orders:phone-number-extensions`: extension ranges.",
    "order_phone_number_configurations": "`porting-orders:phone-number-configurations`: configurations of porting numbers.",
    "porting": "`porting`: UK carriers.",
    "porting_events": "`porting:events`: porting events.",
    "porting_reports": "`porting:reports`: porting reports.",
    "porting_loa_configurations": "`porting:loa-configurations`: LOA configurations and their previews.",
    "porting_phone_numbers": "`porting-phone-numbers`: numbers across porting orders.",
    "portability_checks": "`portability-checks`: can these numbers be ported?",
    "documents": "`documents`: upload (the LOA and the invoice an order names), list, retrieve, update, delete and download documents.",
    "document_links": "`document-links`: which resources use which documents.",
}

for module, ops in modules.items():
    lines = [
        "//! " + MOD_DOCS[module],
        "//!",
        "//! Written by `scripts/gen-cli-commands.py` from the spec; edit the script, not this file.",
        "",
        "#![allow(unused_imports)]",
        "",
        "use super::prelude::*;",
        "",
        "/// The commands of this group.",
        "pub(crate) const OPS: &[Op] = &[",
    ]
    for o in ops:
        lines.append("    Op {")
        lines.append(f"        operation_id: {rs(o['oid'])},")
        lines.append(f"        method: {rs(o['method'])},")
        lines.append(f"        path: {rs(o['path'])},")
        lines.append(f"        group: {rs(o['group'])},")
        lines.append(f"        verb: {rs(o['verb'])},")
        lines.append("        aliases: &[" + ", ".join(rs(a) for a in o["aliases"]) + "],")
        lines.append(f"        summary: {rs(o['summary'])},")
        lines.append(f"        description: {rs(o['desc'])},")
        lines.append(f"        example: {rs(o['example'])},")
        lines.append("        ids: &[")
        for flag, ty, h in o["ids"]:
            lines.append(f"            Id {{ flag: {rs(flag)}, help: {rs(h)} }},")
        lines.append("        ],")
        lines.append("        positional: " + (f"Some({rs(o['positional'])})" if o["positional"] else "None") + ",")
        lines.append("        query: &[")
        typed = TYPED_QUERY.get(o["oid"], (None, {}))[1]
        for flag, key, kind, h, al in o["query"]:
            t = "true" if key in typed else "false"
            lines.append(f"            QueryFlag {{ flag: {rs(flag)}, key: {rs(key)}, kind: QueryKind::{kind}, help: {rs(h.strip())}, aliases: &[" + ", ".join(rs(a) for a in al) + f"], typed: {t} }},")
        lines.append("        ],")
        lines.append("        body: &[")
        for flag, path, kind, h, alias in o["body"]:
            lines.append(f"            BodyFlag {{ flag: {rs(flag)}, path: &[" + ", ".join(rs(p) for p in path) + f"], kind: BodyKind::{kind}, help: {rs(h.strip())}, alias: " + (f"Some({rs(alias)})" if alias else "None") + " },")
        lines.append("        ],")
        lines.append(f"        takes_body: {'true' if o['body'] else 'false'},")
        kind = o["kind"]
        shape = {"one": "Shape::One", "empty": "Shape::Empty", "binary": "Shape::Binary"}.get(kind, "Shape::List")
        lines.append(f"        shape: {shape},")
        # run
        binds = []
        for i, (flag, ty, _h) in enumerate(o["ids"]):
            binds.append(f"id{i}: {ty} = call.id({i})?")
        if o["body"]:
            binds.append("body = call.body()?")
        if o["oid"] in TYPED_QUERY:
            ty, fields = TYPED_QUERY[o["oid"]]
            keys = {q[1] for q in o["query"]}
            assert set(fields) == keys, (o["oid"], keys)
            sets = " ".join(f"q.{field} = call.query_arg({rs(key)})?;" for key, field in fields.items())
            binds.append(f"q: {ty} = {{ let mut q = {ty}::new(); {sets} q }}")
        b = ", ".join(binds)
        if kind.startswith("list:"):
            q = kind.split(":")[1]
            # The library's walker: `list(..)` -> `list_all(..)` (Contract 5's naming rule).
            walker = re.sub(r"\.(\w+)\(([^()]*)\)$", r".\1_all(\2)", o["call"])
            assert walker != o["call"], o["call"]
            lines.append(f"        run: list!(call, {q}, [{b}], |c, q| {o['call']}, {walker}),")
        else:
            mac = {"one": "one", "empty": "empty", "binary": "binary"}[kind]
            lines.append(f"        run: {mac}!(call, [{b}], |c| {o['call']}),")
        lines.append("    },")
    lines.append("];")
    open(f"{OUT}/{module}.rs", "w").write("\n".join(lines) + "\n")
    print(f"{module}: {len(ops)}")
# docs/CLI.md: the command tree, operation by operation.
doc = [
    f"# Command line: the {OPERATIONS} operations as commands",
    "",
    "Written by `scripts/gen-cli-commands.py` with the command table; `telnyx-porting GROUP VERB",
    "--help` gives each command's flags. Path ids are flags; the first argument fills the one",
    "in the *argument* column. See the README's \"Command line\" section for the flag rules,",
    "formats and exit codes.",
    "",
    "| command | argument | HTTP | operationId | answer |",
    "|---|---|---|---|---|",
]
shapes = {"one": "JSON", "empty": "204, nothing printed", "binary": "PDF (`--output`)"}
ordered = sorted(
    (o for ops in modules.values() for o in ops),
    key=lambda o: (list(MOD_DOCS).index(next(m for m, ops in modules.items() if o in ops)), o["verb"]),
)
for o in ordered:
    verb = o["verb"] + "".join(f" (alias `{a}`)" for a in o["aliases"])
    shape = "list, every page" if o["kind"].startswith("list") else shapes[o["kind"]]
    if o["kind"] == "binary" and o["path"].startswith("/documents"):
        shape = "the file's bytes (`--output`, or stdout when piped)"
    pos = f"`--{o['positional']}`" if o["positional"] else "—"
    doc.append(f"| `{o['group']} {verb}` | {pos} | `{o['method']} {o['path']}` | `{o['oid']}` | {shape} |".replace("`" + o['group'] + " " + o['verb'] + " (alias", "`" + o['group'] + " " + o['verb'] + "` (alias").replace("`)` |", "`) |"))
doc.append("")
doc.append(f"{count} of {OPERATIONS} operations (54 porting, 8 documents), as {commands} commands: the")
doc.append("official tool's `documents upload` and `upload-json` are both `CreateDocument` (JSON, the file in")
doc.append("base64); `documents upload --file PATH` (or `--document.file @PATH`) reads and encodes the file.")
doc.append("")
doc.append("## Commands that are not one operation")
doc.append("")
doc.append("| command | what it does |")
doc.append("|---|---|")
doc.append("| `port` | the whole porting job (`telnyx_porting::job`): portability check, drafts, LOA and invoice uploaded once and attached, end user, FOC date, webhook URL, what is missing per order; `--submit` confirms the complete ones, `--dry-run` sends only the check; reruns never order a number twice |")
doc.append("| `porting-orders create --phone-numbers-file FILE` | bulk orders from a file of numbers, checked for portability, in batches |")
doc.append("| `sandbox` | the embedded sandbox as a server |")
doc.append("| `completions SHELL` | a shell completion script |")
open("docs/CLI.md", "w").write("\n".join(doc) + "\n")
print("total", count)
