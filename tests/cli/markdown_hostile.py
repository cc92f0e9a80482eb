#!/usr/bin/env python3
"""Markdown reports (--format md) render input text as text, never as markup.

    MINROLE=build/minrole SRC=. python3 tests/cli/markdown_hostile.py

Names, operations, notes and file names seeded with raw HTML, links, autolinks, code spans,
emphasis, table pipes and leading heading/quote/list markers go through recommend, audit and
diff --format md; each report is rendered by GitHub's own CommonMark renderer (cmark-gfm with
its table, autolink and strikethrough extensions, raw HTML allowed so none can hide) and
compared with the report of the same inputs made harmless (the markup characters replaced by
letters): the rendered element structure must be identical, no link, image, script or other
raw element may appear, and each hostile text must come out as text, character for character.
cmark-gfm is installed by `make test` (Debian package cmark-gfm); without it the test says
SKIPPED and exits 77 (ctest's Skipped).
"""
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

MINROLE = os.path.abspath(os.environ["MINROLE"])
CMARK = shutil.which("cmark-gfm")
if CMARK is None:
    print("SKIPPED (not run, not counted as passed): cmark-gfm is not installed (apt-get install cmark-gfm)")
    sys.exit(77)

# Hostile texts; each starts with one of the markers that open a block at the start of a line.
CORE = ("<script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1)) "
        "![i](http://e.example/i.png) <https://e.example/a> https://e.example/b www.e.example "
        "a@e.example `code` ``two`` **b** _i_ ~~s~~ | pipe | &lt;amp&gt; &#60;b&#62; $m$ :+1: <!-- c --> \\")
HOSTILE = [lead + CORE for lead in ("# ", "> ", "- ", "1. ", "+ ", "= ", "<div>")]
# The same text with the markup characters made letters: '|' and '@' stay, because they decide
# whether a text can be a code span (a pipe) or is split by one (an at sign).
def harmless(text):
    return re.sub(r"[<>\[\]()!`*_~&#:;$=+\\/.-]", "x", text)


failures = []
checks = 0


def check(ok, name, detail=""):
    global checks
    checks += 1
    if not ok:
        failures.append(f"FAIL: {name}" + (f"\n    {detail}" if detail else ""))


class Structure(html.parser.HTMLParser):
    """Element names in document order, and the text, entities decoded."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []
        self.text = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, sorted(k for k, _ in attrs)))

    def handle_endtag(self, tag):
        self.tags.append(("/" + tag, []))

    def handle_data(self, data):
        self.text.append(data)

    def handle_comment(self, data):
        self.tags.append(("!--", []))


def render(markdown):
    r = subprocess.run([CMARK, "--unsafe", "-e", "table", "-e", "autolink", "-e", "strikethrough"],
                       input=markdown, capture_output=True, text=True, check=True)
    s = Structure()
    s.feed(r.stdout)
    return r.stdout, s


def reports(work, text):
    """The Markdown reports minrole makes from inputs carrying `text`."""
    name = text.replace("/", "x")[:100]  # a file name holds no slash and at most 255 bytes
    folder = os.path.join(work, "d")
    os.makedirs(folder, exist_ok=True)
    intent = os.path.join(folder, "intent.yaml")
    with open(intent, "w", encoding="utf-8") as f:
        json.dump({"kind": "intent", "service": text,
                   "workspaces": [{"name": text, "operations": [
                       "GET /rest/v1/leads.json",
                       {"op": "GET /rest/v1/" + text + ".json", "note": text}]}]}, f)
    role = os.path.join(folder, "role " + name + ".yaml")  # listed after intent.yaml either way
    with open(role, "w", encoding="utf-8") as f:
        json.dump({"kind": "role", "role": text,
                   "workspaces": [{"name": text, "permissions": ["Read-Write Lead"]}]}, f)
    old = os.path.join(folder, "old " + name + ".yaml")
    with open(old, "w", encoding="utf-8") as f:
        json.dump({"kind": "role", "role": text, "permissions": ["Read-Only Lead"]}, f)
    out = {}
    for label, args in (("recommend", ["recommend", intent]),
                        ("audit", ["audit", "--no-policy", "--role", role, "--intent", intent]),
                        ("diff", ["diff", old, role])):
        r = subprocess.run([MINROLE, *args, "--format", "md"], capture_output=True, text=True, cwd=work)
        check(r.returncode in (0, 1) and r.stdout, f"minrole {label} --format md ran", r.stderr.strip())
        out[label] = r.stdout
    shutil.rmtree(folder)
    return out


with tempfile.TemporaryDirectory() as work:
    for hostile in HOSTILE:
        bad = reports(work, hostile)
        good = reports(work, harmless(hostile))
        for label in bad:
            rendered, s = render(bad[label])
            _, reference = render(good[label])
            what = f"{label} with {hostile[:12]!r}..."
            check(s.tags == reference.tags, f"{what}: the same elements as with harmless names",
                  "\n    ".join(f"{a} | {b}" for a, b in zip(s.tags, reference.tags) if a != b)[:2000])
            for element in ("<a ", "<img", "<script", "<div", "<h1", "<blockquote><p>#", "<!--", "<em>", "<del>"):
                check(element not in rendered, f"{what}: no {element.strip()} element from an input", rendered[:3000])
            text = "".join(s.text)
            shown = hostile.replace("/", "x")[:100] if label == "diff" else hostile  # diff shows only file names
            check(shown in text, f"{what}: the name renders as itself", text[:3000])

print("\n".join(failures))
print(f"markdown_hostile: {checks - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
