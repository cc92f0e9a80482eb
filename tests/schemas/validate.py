#!/usr/bin/env python3
"""The JSON Schemas under schemas/, checked with a real validator (python3-jsonschema, draft 2020-12).

    MINROLE=build/minrole SRC=. python3 tests/schemas/validate.py

1. Every schema is a valid draft 2020-12 schema, and `minrole schema NAME` prints it byte for byte.
2. Every YAML file the project ships (examples/, data/, rules/, the instance intents) and every
   golden JSON file validates against the schema its `kind:` or `"schema":` names.
3. Everything minrole generates validates: each minrole/*/v1 JSON report, `recommend --format
   yaml` (a role) and `scan` (an intent), and those YAML files start with the
   yaml-language-server modeline naming their schema.
4. The hostile corpus (tests/hostile/cases.tsv): every document minrole rejects is rejected by
   the YAML parser or by its schema, except the ones listed in BEYOND_SCHEMA, each with the
   reason a schema cannot see it (and those must still be rejected by minrole).
Prints SKIPPED and exits 0 only when jsonschema is missing, loudly.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

try:
    import jsonschema
    import yaml
except ImportError as e:  # the Makefile installs python3-jsonschema and python3-yaml
    print(f"SKIPPED: schema validation needs python3-jsonschema and python3-yaml ({e})")
    sys.exit(0)

MINROLE = os.path.abspath(os.environ["MINROLE"])
SRC = os.path.abspath(os.environ["SRC"])
failures = []
checks = 0


def check(ok, name, detail=""):
    global checks
    checks += 1
    if not ok:
        failures.append(f"FAIL: {name}" + (f"\n    {detail}" if detail else ""))


class Yaml12Loader(yaml.SafeLoader):
    """YAML as minrole and yaml-language-server read it: no YAML 1.1 timestamps, only
    true/false as booleans, and a duplicate key is an error."""


Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))


def construct_mapping(loader, node, deep=False):
    keys = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        try:
            if key in keys:
                raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
            keys.add(key)
        except TypeError:
            pass  # an unhashable key: the schema rejects the map anyway
    return yaml.SafeLoader.construct_mapping(loader, node, deep)


Yaml12Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)


def load_yaml(text):
    return yaml.load(text, Loader=Yaml12Loader)


schemas = {}
for name in sorted(os.listdir(f"{SRC}/schemas")):
    if not name.endswith(".schema.json"):
        continue
    kind = name[: -len(".schema.json")]
    text = open(f"{SRC}/schemas/{name}", encoding="utf-8").read()
    schema = json.loads(text)
    try:
        jsonschema.Draft202012Validator.check_schema(schema)
        check(True, "")
    except jsonschema.SchemaError as e:
        check(False, f"{name} is a valid draft 2020-12 schema", str(e).split("\n")[0])
    check(schema.get("$schema") == "https://json-schema.org/draft/2020-12/schema", f"{name} declares draft 2020-12")
    printed = subprocess.run([MINROLE, "schema", kind], capture_output=True, text=True)
    check(printed.returncode == 0 and printed.stdout == text, f"minrole schema {kind} prints schemas/{name}",
          printed.stderr.strip())
    schemas[kind] = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
listed = subprocess.run([MINROLE, "schema"], capture_output=True, text=True).stdout.split("\n")
check(sorted(l.split("\t")[0] for l in listed if l) == sorted(schemas), "minrole schema lists every schema", listed)
wrong = subprocess.run([MINROLE, "schema", "rol"], capture_output=True, text=True)
check(wrong.returncode == 2 and "did you mean 'role'" in wrong.stderr and not wrong.stdout,
      "minrole schema rol: exit 2 with a suggestion", wrong.stderr)
for kind in ("intent", "role", "policy", "overrides", "instance", "permissions", "rules", "sdk",
             "recommendation", "allows", "audit", "instance-audit", "diff", "scan"):
    check(kind in schemas, f"schemas/{kind}.schema.json exists")


def errors_of(kind, document):
    return sorted(schemas[kind].iter_errors(document), key=lambda e: list(e.absolute_path))


def expect_valid(kind, document, name):
    errs = errors_of(kind, document)
    check(not errs, f"{name} validates against {kind}.schema.json",
          "; ".join(f"{'/'.join(map(str, e.absolute_path))}: {e.message[:200]}" for e in errs[:3]))


def kind_of_yaml(path, document):
    if isinstance(document, dict) and isinstance(document.get("kind"), str):
        return document["kind"]
    return "intent"  # kind is optional in intents (and roles, which always say it in this repository)


# ---- 2. shipped YAML and golden JSON ----------------------------------------------------------
shipped = []
for folder in ("examples", "data", "rules"):
    for root, _, files in os.walk(f"{SRC}/{folder}"):
        shipped += [os.path.join(root, f) for f in files if f.endswith((".yaml", ".yml"))]
shipped = sorted(p for p in shipped if "/ci/" not in p)  # CI recipes are not minrole documents
check(len(shipped) >= 15, "found the shipped YAML files", len(shipped))
for path in shipped:
    rel = os.path.relpath(path, SRC)
    document = load_yaml(open(path, encoding="utf-8").read())
    kind = kind_of_yaml(path, document)
    check(kind in schemas, f"{rel}: kind {kind} has a schema")
    if kind in schemas:
        expect_valid(kind, document, rel)
goldens = sorted(f for f in os.listdir(f"{SRC}/tests/golden") if f.endswith(".json"))
for name in goldens:
    document = json.load(open(f"{SRC}/tests/golden/{name}", encoding="utf-8"))
    kind = document["schema"].split("/")[1]
    expect_valid(kind, document, f"tests/golden/{name}")


# ---- 3. what minrole generates -------------------------------------------------------------
def minrole(*args, ok=(0, 1)):
    r = subprocess.run([MINROLE, *args], capture_output=True, text=True, cwd=SRC)
    check(r.returncode in ok, f"minrole {' '.join(args)}: exit {r.returncode}", r.stderr.strip())
    return r.stdout


ROLE, MINIMAL, INTENT = "examples/roles/over-broad.yaml", "examples/roles/crm-lead-sync-minimal.yaml", "examples/crm-lead-sync.yaml"
reports = {
    "recommendation": [("recommend", INTENT), ("recommend", "--op", "GET /rest/v1/leadz.json",
                                                "--op", "GET /rest/asset/v1/landingPage/1/variables.json")],
    "allows": [("allows", ROLE), ("allows", MINIMAL)],
    "audit": [("audit", "--role", ROLE, "--intent", INTENT, "--no-policy"),
              ("audit", "--role", MINIMAL, "--intent", INTENT, "--no-policy")],
    "instance-audit": [("audit", "--instance", "examples/instance/instance.yaml", "--no-policy")],
    "diff": [("diff", MINIMAL, ROLE), ("diff", ROLE, MINIMAL)],
    "scan": [("scan", "examples/instance/webhook-relay"), ("scan", "tests/cli")],
}
for kind, runs in reports.items():
    for args in runs:
        out = minrole(*args, "--format", "json")
        try:
            document = json.loads(out)
        except json.JSONDecodeError as e:
            check(False, f"minrole {' '.join(args)} --format json is JSON", str(e))
            continue
        check(document.get("schema") == f"minrole/{kind}/v1", f"{' '.join(args)}: schema minrole/{kind}/v1")
        expect_valid(kind, document, f"minrole {' '.join(args)} --format json")

# A folder the scan could not read is listed (skipped_directories, added within v1): nesting
# deeper than 64 levels is the one cause that root cannot read past. A report without the key
# (an earlier v1) still validates.
with tempfile.TemporaryDirectory() as deep:
    leaf = os.path.join(deep, *(["d"] * 66))
    os.makedirs(leaf)
    with open(os.path.join(leaf, "client.js"), "w") as f:
        f.write('get("/rest/v1/leads.json")\n')
    document = json.loads(minrole("scan", deep, "--format", "json"))
    check(len(document.get("skipped_directories", [])) == 1, "scan lists the folder nested too deep to read",
          document.get("skipped_directories"))
    expect_valid("scan", document, "minrole scan (a skipped folder) --format json")
    del document["skipped_directories"]
    expect_valid("scan", document, "a scan report without skipped_directories (earlier v1)")

generated_yaml = {"role": [("recommend", INTENT, "--format", "yaml"), ("recommend", "examples/email-publishing.yaml", "--format", "yaml")],
                  "intent": [("scan", "examples/instance/webhook-relay"), ("scan", "examples/instance/webhook-relay", "--format", "yaml")]}
for kind, runs in generated_yaml.items():
    for args in runs:
        out = minrole(*args)
        first = out.split("\n", 1)[0]
        want = f"# yaml-language-server: $schema=/usr/share/minrole/schemas/{kind}.schema.json"
        check(first == want, f"minrole {' '.join(args)} starts with the modeline", first)
        expect_valid(kind, load_yaml(out), f"minrole {' '.join(args)}")
        # and minrole reads its own output back
        with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as f:
            f.write(out)
        back = ["allows", f.name] if kind == "role" else ["recommend", f.name]
        minrole(*back)
        os.unlink(f.name)

# ---- 4. the hostile corpus --------------------------------------------------------------------
# Rejections a JSON Schema cannot express: they need the catalog, the rules, resource limits or
# the byte level. minrole must still reject each (cases.tsv), and the test fails if one of these
# becomes schema-detectable without being moved out of the list.
BEYOND_SCHEMA = {
    "role-unknown-permission.yaml": "permission names come from the catalog (--catalog can change them)",
    "role-lookalike-permission.yaml": "permission names come from the catalog (a lookalike is an unknown name)",
    "role-zero-width-permission.yaml": "permission names come from the catalog (a lookalike is an unknown name)",
    "role-granted-twice.yaml": "the same permission under two spellings (an alias) needs the catalog",
    "rules-unknown-permission.yaml": "permission names come from the catalog",
    "rules-deep-requirement.yaml": "nesting depth is a resource limit (32 levels)",
    "rules-requirement-bomb.yaml": "expanded size is a resource limit",
    "intent-alias-bomb.yaml": "expanded size is a resource limit (MINROLE_MAX_ALIAS_NODES)",
    "role-alias-bomb.yaml": "expanded size is a resource limit (MINROLE_MAX_ALIAS_NODES)",
    "intent-fuzz-comma-hang.yaml": "an operation that parses as YAML but not as an operation",
    "policy-bad-date.yaml": "a calendar check (month 13, 30 February) beyond the YYYY-MM-DD pattern",
}
MODE_KIND = {"intent": "intent", "role": "role", "policy": "policy", "rules": "rules", "catalog": "permissions",
             "overrides": "overrides"}
cases = [l.rstrip("\n").split("\t") for l in open(f"{SRC}/tests/hostile/cases.tsv", encoding="utf-8")
         if l.strip() and not l.startswith("#")]
seen_beyond = set()
hostile_checked = 0
for name, mode, status, *_ in cases:
    if mode not in MODE_KIND or status != "2":
        continue
    path = f"{SRC}/tests/hostile/{name}"
    raw = open(path, "rb").read()
    try:
        text = raw.decode("utf-8")
        if "\0" in text:
            raise ValueError("NUL byte")
        # Aliases are where a document can explode; an editor's parser has its own limits.
        if re.search(r"(^|[\s\[,{:])\*[A-Za-z0-9_-]+", text) and re.search(r"&[A-Za-z0-9_-]+", text):
            raise ValueError("aliases")
        document = load_yaml(text)
        if document is None:
            raise ValueError("empty document")
        loads = True
    except (UnicodeDecodeError, ValueError, yaml.YAMLError, RecursionError):
        loads = False
    hostile_checked += 1
    if not loads:
        continue  # rejected before any schema: by the decoder or the YAML parser
    valid = not errors_of(MODE_KIND[mode], document)
    if name in BEYOND_SCHEMA:
        seen_beyond.add(name)
        check(valid, f"hostile {name} is listed in BEYOND_SCHEMA but its schema rejects it: drop it from the list")
    else:
        check(not valid, f"hostile {name} (minrole exits 2) is rejected by {MODE_KIND[mode]}.schema.json")
check(hostile_checked >= 40, "the hostile corpus was read", hostile_checked)
names = {c[0] for c in cases}
for name in BEYOND_SCHEMA:
    check(name in names, f"BEYOND_SCHEMA names {name}, which is in tests/hostile/cases.tsv")

print("\n".join(failures))
print(f"schemas: {checks - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
