#!/usr/bin/env python3
"""Deterministic synthetic input for the scan benchmark (target 4 of bench/README.md).

    python3 bench/gen_scan.py OUT_DIR [--log-mb 1024] [--files 100000]

Writes
  OUT_DIR/access.log   an HTTP log of about --log-mb MB: nginx "combined" lines for the shipped
                       Marketo endpoints (concrete ids, query strings with access_token, fields,
                       paging tokens, leadId, POST ... ?_method=GET overrides, absolute URLs as a
                       forward proxy logs them, identity token calls with client_secret), mixed
                       with what shares such a log: static assets, health checks, the app's own
                       API, HEAD/OPTIONS preflights, a few 404 typos, and JSON-lines entries (some
                       with escaped slashes). About half the lines hold a Marketo path.
  OUT_DIR/tree/        a source tree of --files files scanned (JavaScript, TypeScript, Python,
                       Java, Go; about 2% call Marketo), READMEs that scan skips, and 500 files
                       each in a .gitignore'd folder and a node_modules folder (never walked).
  OUT_DIR/parsed/      real source that every file of is parsed: the two SDKs minrole keeps
                       (third_party/sdk-*: node-marketo-rest, marketorestpython) and the source
                       fixtures of tests/fixtures/scan and examples/ that hold a Marketo hint,
                       copied into 16 applications app00..app15 (about 5 MB), for the
                       parsed-source MB/s row beside `grep -r`.
  OUT_DIR/expected.json  what run.py checks the scans against (lines, files, grep count).

Everything comes from one seeded generator, so the same arguments give the same bytes.
"""
import argparse
import glob
import json
import os
import random
import re
import shutil

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def shipped_endpoints():
    endpoints = []
    for f in sorted(glob.glob(os.path.join(ROOT, "rules", "marketo", "*.yaml"))):
        text = open(f).read()
        endpoints += re.findall(r'- id: (\S+)\n    method: (\S+)\n    path: "?([^"\n]+)"?\n', text)
    return [(m, p) for _oid, m, p in endpoints]


HEX = "0123456789abcdef"
ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
AGENTS = [
    "python-requests/2.31.0",
    "axios/1.6.2",
    "Java/17.0.9",
    "Go-http-client/1.1",
    "node-fetch/1.0 (+https://github.com/bitinn/node-fetch)",
]
BROWSERS = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15",
    "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0",
]
FIELDS = ["email", "email,firstName,lastName", "id,email,updatedAt,company", "email,leadScore,leadStatus,unsubscribed"]
STATIC = ["/static/js/app.{h}.js", "/static/css/main.{h}.css", "/assets/img/logo-{n}.png", "/favicon.ico",
          "/static/js/vendor.{h}.chunk.js", "/fonts/inter-{n}.woff2", "/robots.txt"]
APP = ["/api/v2/orders/{n}", "/api/v2/customers/{n}/invoices", "/api/v2/search?q=widget&page={n}", "/login",
       "/dashboard", "/api/v2/carts/{n}/items", "/account/settings"]
HEALTH = ["/healthz", "/readyz", "/metrics", "/status"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


class LogWriter:
    def __init__(self, rng):
        self.rng = rng
        endpoints = shipped_endpoints()
        # Real integrations call a few endpoints a lot: weights fall off like 1/rank.
        rng.shuffle(endpoints)
        self.endpoints = endpoints
        self.weights = [1.0 / (i + 1) ** 0.8 for i in range(len(endpoints))]
        self.cum = []
        total = 0.0
        for w in self.weights:
            total += w
            self.cum.append(total)
        self.tokens = ["".join(rng.choice(ALNUM) for _ in range(8)) + "-" + "".join(rng.choice(HEX) for _ in range(4)) +
                       "-" + "".join(rng.choice(HEX) for _ in range(12)) + ":ab" for _ in range(64)]
        self.second = 0

    def stamp(self):
        self.second += 1
        s = self.second
        return f"{1 + (s // 86400) % 28:02d}/{MONTHS[(s // 2419200) % 12]}/2025:{(s // 3600) % 24:02d}:{(s // 60) % 60:02d}:{s % 60:02d} +0000"

    def ip(self):
        r = self.rng.getrandbits(24)
        return f"10.{r >> 16}.{(r >> 8) & 255}.{r & 255}"

    def marketo_target(self):
        rng = self.rng
        import bisect
        method, template = self.endpoints[bisect.bisect(self.cum, rng.random() * self.cum[-1])]
        path = re.sub(r"\{[^}]+\}", lambda _m: str(rng.randrange(1000, 9999999)), template)
        query = []
        if method == "GET" and rng.random() < 0.5:
            query.append("fields=" + rng.choice(FIELDS))
        if path.endswith("fullContent.json") and rng.random() < 0.5:
            query.append(f"leadId={rng.randrange(1000, 9999999)}")
        if rng.random() < 0.2:
            query.append("nextPageToken=" + "".join(rng.choice(ALNUM) for _ in range(24)) + "%3D%3D")
        if rng.random() < 0.75:
            query.append("access_token=" + rng.choice(self.tokens))
        if method == "GET" and path == "/rest/v1/leads.json" and rng.random() < 0.5:
            # Marketo's override for long filter lists: POST with _method=GET is a GET.
            method = "POST"
            query.insert(0, "_method=GET")
        target = path + ("?" + "&".join(query) if query else "")
        if rng.random() < 0.1:
            target = "https://123-ABC-456.mktorest.com" + target
        return method, target

    def line(self):
        rng = self.rng
        r = rng.random()
        if r < 0.44:
            method, target = self.marketo_target()
            return (f'{self.ip()} - - [{self.stamp()}] "{method} {target} HTTP/1.1" {rng.choice((200, 200, 200, 201, 429))} '
                    f'{rng.randrange(80, 90000)} "-" "{rng.choice(AGENTS)}"\n')
        if r < 0.46:
            return (f'{self.ip()} - - [{self.stamp()}] "POST /identity/oauth/token?grant_type=client_credentials'
                    f'&client_id=5f1b{rng.getrandbits(32):08x}&client_secret=Zq{rng.getrandbits(64):016x} HTTP/1.1" 200 '
                    f'{rng.randrange(150, 200)} "-" "{rng.choice(AGENTS)}"\n')
        if r < 0.51:
            method, target = self.marketo_target()
            target = target.replace("https://123-ABC-456.mktorest.com", "")
            if rng.random() < 0.3:
                url = "https:\\/\\/123-ABC-456.mktorest.com" + target.replace("/", "\\/")
            else:
                url = "https://123-ABC-456.mktorest.com" + target
            return json.dumps({"ts": f"2025-03-12T06:{rng.randrange(60):02d}:{rng.randrange(60):02d}Z", "level": "info",
                               "msg": "marketo call", "method": method, "url": "URL", "status": 200,
                               "duration_ms": rng.randrange(20, 900)}).replace('"URL"', '"' + url + '"') + "\n"
        if r < 0.53:
            return json.dumps({"ts": f"2025-03-12T06:{rng.randrange(60):02d}:{rng.randrange(60):02d}Z", "level": "debug",
                               "msg": "cache refresh", "keys": rng.randrange(1, 500), "worker": rng.randrange(8)}) + "\n"
        if r < 0.535:
            # Preflights and typos: not API calls needing a permission / an unmatched 404.
            kind = rng.random()
            if kind < 0.5:
                return f'{self.ip()} - - [{self.stamp()}] "OPTIONS /rest/v1/leads.json HTTP/1.1" 204 0 "-" "{rng.choice(BROWSERS)}"\n'
            typo = rng.choice(("/rest/v1/leadz.json", "/rest/v1/lead/{n}/activity.json", "/rest/v2/leads.json"))
            return (f'{self.ip()} - - [{self.stamp()}] "GET {typo.replace("{n}", str(rng.randrange(1000, 99999)))} HTTP/1.1" '
                    f'404 52 "-" "{rng.choice(AGENTS)}"\n')
        if r < 0.83:
            path = rng.choice(STATIC).replace("{h}", f"{rng.getrandbits(32):08x}").replace("{n}", str(rng.randrange(1, 99)))
            return (f'{self.ip()} - - [{self.stamp()}] "GET {path} HTTP/2.0" {rng.choice((200, 200, 304))} {rng.randrange(200, 400000)} '
                    f'"https://app.example.com/dashboard" "{rng.choice(BROWSERS)}"\n')
        if r < 0.93:
            return f'{self.ip()} - - [{self.stamp()}] "GET {rng.choice(HEALTH)} HTTP/1.1" 200 2 "-" "kube-probe/1.28"\n'
        path = rng.choice(APP).replace("{n}", str(rng.randrange(1, 999999)))
        return (f'{self.ip()} - - [{self.stamp()}] "{rng.choice(("GET", "GET", "POST", "PUT"))} {path} HTTP/1.1" '
                f'{rng.choice((200, 201, 302, 404))} {rng.randrange(100, 20000)} "https://app.example.com/" "{rng.choice(BROWSERS)}"\n')


def write_log(path, megabytes, rng):
    writer = LogWriter(rng)
    target = megabytes * 1000 * 1000
    written = 0
    lines = 0
    with open(path, "w", buffering=1 << 20) as f:
        while written < target:
            block = [writer.line() for _ in range(10000)]
            text = "".join(block)
            f.write(text)
            written += len(text)
            lines += len(block)
    return lines, written


GENERIC = {
    ".js": "const {a} = require('./{b}');\n\nfunction {a}Handler(req, res) {{\n  const items = req.body.items || [];\n"
           "  return res.json(items.map((x) => ({{ id: x.id, total: x.qty * x.price }})));\n}}\n\nmodule.exports = {{ {a}Handler }};\n",
    ".ts": "import {{ {b} }} from './{b}';\n\nexport interface {A} {{\n  id: number;\n  name: string;\n}}\n\n"
           "export async function load{A}(id: number): Promise<{A}> {{\n  const res = await fetch(`/api/v2/{b}/${{id}}`);\n"
           "  return (await res.json()) as {A};\n}}\n",
    ".py": "import logging\n\nlog = logging.getLogger(__name__)\n\n\ndef {a}(rows):\n    \"\"\"Totals per key.\"\"\"\n"
           "    out = {{}}\n    for row in rows:\n        out[row['{b}']] = out.get(row['{b}'], 0) + row['n']\n    return out\n",
    ".java": "package com.example.{b};\n\nimport java.util.List;\n\npublic final class {A} {{\n    private final List<String> items;\n\n"
             "    public {A}(List<String> items) {{\n        this.items = items;\n    }}\n\n    public int size() {{\n"
             "        return items.size();\n    }}\n}}\n",
    ".go": "package {b}\n\nimport \"fmt\"\n\n// {A} is a value.\ntype {A} struct {{\n\tID   int\n\tName string\n}}\n\n"
           "func (x {A}) String() string {{\n\treturn fmt.Sprintf(\"%d:%s\", x.ID, x.Name)\n}}\n",
}
MARKETO = {
    ".js": "const base = process.env.MUNCHKIN_URL;\n\nasync function {a}(client, id) {{\n"
           "  const res = await client.{lm}(`${{base}}{path}`, {{ headers: {{ Authorization: `Bearer ${{token}}` }} }});\n"
           "  return res.data;\n}}\n\nmodule.exports = {{ {a} }};\n",
    ".ts": "export async function {a}(http: Http, id: number) {{\n  return http.{lm}(`{path}`);\n}}\n",
    ".py": "import requests\n\n\ndef {a}(session, base, lead_id):\n    r = session.{lm}(base + \"{path}\", timeout=30)\n"
           "    r.raise_for_status()\n    return r.json()\n",
    ".java": "package com.example.marketo;\n\npublic final class {A} {{\n    public String call(String base, long id) {{\n"
             "        return http.send(\"{m}\", base + \"{path}\");\n    }}\n}}\n",
    ".go": "package marketo\n\nimport \"net/http\"\n\nfunc {A}(c *http.Client, base string) (*http.Response, error) {{\n"
           "\treq, _ := http.NewRequest(\"{m}\", base+\"{path}\", nil)\n\treturn c.Do(req)\n}}\n",
}
EXTS = [".js", ".js", ".ts", ".py", ".py", ".java", ".go"]
WORDS = ["orders", "users", "billing", "report", "cache", "queue", "widget", "search", "audit", "ledger", "export", "sync"]


def write_tree(root, files, rng):
    if os.path.exists(root):
        shutil.rmtree(root)
    endpoints = [(m, p) for m, p in shipped_endpoints() if m in ("GET", "POST", "DELETE")]
    written = 0
    per_dir = 100
    marketo_files = 0
    os.makedirs(root)
    with open(os.path.join(root, ".gitignore"), "w") as f:
        f.write("# build output\ngenerated/\n*.min.js\n")
    d = 0
    while written < files:
        folder = os.path.join(root, f"services/svc{d // 50:03d}/src/mod{d % 50:02d}")
        os.makedirs(folder, exist_ok=True)
        for i in range(per_dir):
            if written >= files:
                break
            ext = rng.choice(EXTS)
            a = rng.choice(WORDS) + str(i)
            fields = {"a": a, "A": a.capitalize(), "b": rng.choice(WORDS)}
            if rng.random() < 0.02:
                m, p = rng.choice(endpoints)
                fields.update(m=m, lm=m.lower(), path=re.sub(r"\{[^}]+\}", "${id}" if ext in (".js", ".ts") else "123", p))
                body = MARKETO[ext].format(**fields)
                marketo_files += 1
            else:
                body = GENERIC[ext].format(**fields)
            with open(os.path.join(folder, f"{a}_{i}{ext}"), "w") as f:
                f.write(body)
            written += 1
        # Files scan skips by kind: documentation and data next to the code.
        with open(os.path.join(folder, "README.md"), "w") as f:
            f.write("Calls GET /rest/v1/leads.json now and then.\n")
        d += 1
    # Not walked: a .gitignore'd folder and vendored code.
    for sub in ("generated", "node_modules/marketo-sdk/lib"):
        folder = os.path.join(root, "services/svc000", sub)
        os.makedirs(folder, exist_ok=True)
        for i in range(500):
            with open(os.path.join(folder, f"client{i}.js"), "w") as f:
                f.write("module.exports = (c) => c.delete('/rest/v1/leads.json');\n")
    return written, marketo_files


# Folders scan does not walk (kVendoredDirs and kAlwaysSkipped, src/scan_walk.cpp).
VENDORED_DIRS = {"node_modules", "vendor", "third_party", "bower_components", ".venv", "venv", "site-packages",
                 "__pycache__", ".tox", "dist", "build", "target", ".gradle", ".idea", "Pods", ".next", "coverage",
                 ".cache", ".git", ".hg", ".svn"}
PARSED_EXTS = (".js", ".ts", ".py", ".php", ".java", ".go", ".rb", ".cs")
# The markers of scan's cheap worth-parsing test (Walker::worth_parsing, src/scan_walk.cpp): a
# file without one is not parsed, so it is left out here ("every file parsed").
PARSE_MARKERS = ("rest", "bulk", "v1", "asset", "identity", "arketo", "mkto", "MKTO")


def worth_parsing(text):
    return any(m in text for m in PARSE_MARKERS) or re.search(r"\.json(?!\()", text) is not None


def write_parsed_tree(root, copies=16):
    """Real source, every file of which holds a Marketo hint (so every file is parsed): the SDK
    sources minrole vendors and the scan fixtures, each copied into `copies` applications (the
    SDKs under the application's own folder: third_party/ is a vendored folder scan skips)."""
    if os.path.exists(root):
        shutil.rmtree(root)
    sources = []
    for top in ("third_party/sdk-node-marketo-rest", "third_party/sdk-marketorestpython", "tests/fixtures/scan", "examples"):
        for folder, dirs, names in os.walk(os.path.join(ROOT, top)):
            dirs[:] = [d for d in dirs if d not in VENDORED_DIRS]
            for name in sorted(names):
                path = os.path.join(folder, name)
                if name.endswith(PARSED_EXTS) and worth_parsing(open(path, encoding="utf-8", errors="replace").read()):
                    sources.append(os.path.relpath(path, ROOT))
    files = size = 0
    for i in range(copies):
        for rel in sorted(sources):
            dst = os.path.join(root, f"app{i:02d}", rel.removeprefix("third_party/"))
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            shutil.copyfile(os.path.join(ROOT, rel), dst)
            files += 1
            size += os.path.getsize(dst)
    return files, size


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--log-mb", type=int, default=1024)
    ap.add_argument("--files", type=int, default=100000)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    lines, size = write_log(os.path.join(args.out, "access.log"), args.log_mb, random.Random(4))
    files, marketo_files = write_tree(os.path.join(args.out, "tree"), args.files, random.Random(5))
    parsed_files, parsed_bytes = write_parsed_tree(os.path.join(args.out, "parsed"))
    with open(os.path.join(args.out, "expected.json"), "w") as f:
        json.dump({"log_lines": lines, "log_bytes": size, "tree_files": files, "tree_marketo_files": marketo_files,
                   "parsed_files": parsed_files, "parsed_bytes": parsed_bytes}, f)
    print(f"scan data: {size / 1e6:.0f} MB log, {lines} lines; {files} source files ({marketo_files} call Marketo)")


if __name__ == "__main__":
    main()
