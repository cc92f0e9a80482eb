#!/usr/bin/env python3
"""The HTML reports opened in headless Chromium (ctest html_report).

For each report (audit, audit --instance, allows, recommend, diff) it checks, in the DOM after
the page's script ran (--dump-dom): the expected findings, matrix cells and graph nodes; a
screenshot at the window size that is not blank (PNG decoded with zlib); no network request
(Chromium's NetLog, and a run with no network at all); filtering by severity through the page's
deep link (#severity=note) and through a click driven over the DevTools protocol
(--remote-debugging-pipe); escaping and redaction of a hostile role; byte-identical output.

Exit status 77 (ctest: Skipped) with a loud SKIPPED line when no Chromium can be found; `make
html-test-deps` installs Debian's `chromium`.

Environment: MINROLE (the binary), SRC (the repository), MINROLE_DOCS_DIR (optional: copy the
screenshots there, as `make docs-screenshots` does for docs/).
"""
import html.parser
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

MINROLE = os.environ.get("MINROLE", "minrole")
SRC = os.environ.get("SRC", os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
WIDTH, HEIGHT = 1280, 900
failures = []
passes = 0


def check(name, ok, detail=""):
    global passes
    if ok:
        passes += 1
    else:
        failures.append(name)
        print(f"FAIL: {name}" + (f"\n    {detail}" if detail else ""), flush=True)


def find_chromium():
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    return None


class Dom(html.parser.HTMLParser):
    """Elements as (tag, attrs dict, text inside) for simple queries."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.elements = []
        self.stack = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        element = [tag, dict(attrs), ""]
        self.elements.append(element)
        if tag not in ("meta", "input", "br", "rect", "path", "link", "img"):
            self.stack.append(element)

    def handle_startendtag(self, tag, attrs):
        self.elements.append([tag, dict(attrs), ""])

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        for element in self.stack:
            element[2] += data

    def find(self, tag=None, **attrs):
        out = []
        for t, a, text in self.elements:
            if tag and t != tag:
                continue
            if all((a.get(k.replace("_", "-")) == v) if v is not True else (k.replace("_", "-") in a) for k, v in attrs.items()):
                out.append((t, a, text))
        return out


def chromium_args(chrome, profile, extra):
    return [chrome, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--hide-scrollbars", f"--user-data-dir={profile}"] + extra


def run_chromium(chrome, profile, extra, netns=False):
    argv = chromium_args(chrome, profile, extra)
    if netns:
        argv = ["unshare", "--net"] + argv
    return subprocess.run(argv, capture_output=True, text=True, timeout=120)


def dump_dom(chrome, profile, url, netlog=None, netns=False):
    extra = ["--virtual-time-budget=3000", "--dump-dom"]
    if netlog:
        extra.append(f"--log-net-log={netlog}")
    r = run_chromium(chrome, profile, extra + [url], netns)
    return r.stdout


def network_requests(netlog):
    """URLs of every request in a NetLog other than file: and data: (and chrome's own)."""
    try:
        with open(netlog) as f:
            text = f.read()
    except OSError:
        return ["<no netlog written>"]
    # Chromium may end the file without the closing brackets when it exits.
    text = text.rstrip().rstrip(",")
    if not text.endswith("}"):
        text += "]}"
    try:
        log = json.loads(text)
    except json.JSONDecodeError:
        try:
            log = json.loads(text + "]}")
        except json.JSONDecodeError:
            return ["<unreadable netlog>"]
    # A request the page starts names its origin as initiator ("null" or file://); Chromium's
    # own background traffic (component updates, time, accounts) says "not an origin".
    urls = []
    for event in log.get("events", []):
        params = event.get("params") or {}
        url = params.get("url")
        if not url or "initiator" not in params or params["initiator"] == "not an origin":
            continue
        if not url.startswith(("file:", "data:", "chrome:", "about:", "devtools:")):
            urls.append(url)
    return sorted(set(urls))


def png_check(path):
    """(width, height, distinct colours in a sample, share of non-background pixels)."""
    with open(path, "rb") as f:
        data = f.read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", chunk[:10])
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    assert depth == 8 and colour in (2, 6), f"unexpected PNG format depth={depth} colour={colour}"
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    prev = bytearray(stride)
    colours = set()
    background = None
    other = total = 0
    for y in range(height):
        filt = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if filt == 1:
                line[x] = (line[x] + a) & 255
            elif filt == 2:
                line[x] = (line[x] + b) & 255
            elif filt == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif filt == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        prev = line
        if y % 4 == 0:
            for x in range(0, width, 4):
                pixel = bytes(line[x * bpp:x * bpp + 3])
                colours.add(pixel)
                if background is None:
                    background = bytes(line[(width - 1) * bpp:(width - 1) * bpp + 3])
                total += 1
                other += pixel != background
    return width, height, len(colours), other / max(total, 1)


def cdp_filter_click(chrome, profile, url, scripts_off=False):
    """Opens the page with --remote-debugging-pipe, unticks every severity but 'note' by
    clicking the checkboxes, and returns (rows shown before, rows shown after). With
    scripts_off, page scripts are disabled and the DOM's outer HTML is returned instead."""
    r_cmd, w_cmd = os.pipe()
    r_res, w_res = os.pipe()
    argv = chromium_args(chrome, profile, ["--remote-debugging-pipe", "about:blank"])

    def child():
        # dup() first: dup2(fd, fd) would keep the close-on-exec flag of a pipe already at 3 or 4.
        read_end, write_end = os.dup(r_cmd), os.dup(w_res)
        os.dup2(read_end, 3)
        os.dup2(write_end, 4)
        os.set_inheritable(3, True)
        os.set_inheritable(4, True)

    proc = subprocess.Popen(argv, close_fds=False, preexec_fn=child, stdout=subprocess.DEVNULL,
                            stderr=open(os.path.join(profile + "-log.txt"), "w") if os.environ.get("CDP_DEBUG") else subprocess.DEVNULL)
    os.close(r_cmd)
    os.close(w_res)
    # In the child, fds 3 and 4 are the pipes: dup2 leaves them inheritable, the other ends close on exec.
    out = os.fdopen(w_cmd, "wb", buffering=0)
    inp = os.fdopen(r_res, "rb", buffering=0)
    buffer = b""
    next_id = [0]

    def send(method, params=None, session=None):
        next_id[0] += 1
        message = {"id": next_id[0], "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        out.write(json.dumps(message).encode() + b"\0")
        return next_id[0]

    def wait(wanted, event=None):
        nonlocal buffer
        while True:
            while b"\0" in buffer:
                raw, buffer = buffer.split(b"\0", 1)
                message = json.loads(raw)
                if (event is None and message.get("id") == wanted) or (event and message.get("method") == event):
                    return message
            chunk = inp.read(65536)
            if not chunk:
                raise RuntimeError("Chromium closed the DevTools pipe")
            buffer += chunk

    try:
        import time
        page = None
        for _ in range(50):
            targets = wait(send("Target.getTargets"))["result"]["targetInfos"]
            page = next((t for t in targets if t["type"] == "page"), None)
            if page:
                break
            time.sleep(0.1)
        session = wait(send("Target.attachToTarget", {"targetId": page["targetId"], "flatten": True}))["result"]["sessionId"]
        wait(send("Page.enable", {}, session))
        if scripts_off:
            wait(send("Emulation.setScriptExecutionDisabled", {"value": True}, session))
        send("Page.navigate", {"url": url}, session)
        wait(None, "Page.loadEventFired")
        if scripts_off:
            root = wait(send("DOM.getDocument", {"depth": 0}, session))["result"]["root"]["nodeId"]
            markup = wait(send("DOM.getOuterHTML", {"nodeId": root}, session))["result"]["outerHTML"]
            send("Browser.close")
            return markup
        script = """
          new Promise(function (done) {
            function go() {
              var table = document.getElementById('findings');
              var before = table.querySelectorAll('tbody > tr:not([hidden])').length;
              document.querySelectorAll('.controls[data-for=findings] input[data-attr=severity]').forEach(function (box) {
                if ((box.value === 'note') !== box.checked) { box.click(); }
              });
              var after = table.querySelectorAll('tbody > tr:not([hidden])').length;
              done(JSON.stringify([before, after, location.hash]));
            }
            (function wait() {
              if (document.readyState === 'complete' && document.getElementById('findings')) { go(); }
              else { setTimeout(wait, 50); }
            })();
          })"""
        result = wait(send("Runtime.evaluate", {"expression": script, "awaitPromise": True, "returnByValue": True}, session))
        value = result.get("result", {}).get("result", {}).get("value")
        if not isinstance(value, str):
            raise RuntimeError("Runtime.evaluate answered " + json.dumps(result)[:400])
        value = json.loads(value)
        send("Browser.close")
        return value
    finally:
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def main():
    chrome = find_chromium()
    if not chrome:
        print("SKIPPED: html_report needs headless Chromium (Debian package 'chromium'; `make html-test-deps` "
              "installs it). The HTML reports were NOT checked in a browser.", flush=True)
        return 77
    work = tempfile.mkdtemp(prefix="minrole-html-")
    profile = os.path.join(work, "profile")
    docs = os.environ.get("MINROLE_DOCS_DIR")
    shots = os.path.join(work, "screens")
    os.makedirs(shots)
    # Relative paths (commands run in SRC): the pages, and the README's screenshots, show them as a user would.
    ex = lambda *p: os.path.join("examples", *p)
    reports = {
        "audit": (["audit", "--role", ex("roles", "over-broad.yaml"), "--intent", ex("crm-lead-sync.yaml")], 1),
        "instance": (["audit", "--instance", ex("instance", "instance.yaml")], 1),
        "allows": (["allows", ex("roles", "over-broad.yaml")], 0),
        "recommend": (["recommend", ex("crm-lead-sync.yaml")], 0),
        "diff": (["diff", ex("roles", "crm-lead-sync-minimal.yaml"), ex("roles", "over-broad.yaml")], 0),
    }
    pages = {}
    for name, (args, want_rc) in reports.items():
        path = os.path.join(work, name + ".html")
        r = subprocess.run([MINROLE] + args + ["--format", "html", "-o", path], capture_output=True, text=True, cwd=SRC)
        check(f"{name}: exit status {want_rc}", r.returncode == want_rc, r.stderr)
        again = subprocess.run([MINROLE] + args + ["--format", "html"], capture_output=True, cwd=SRC).stdout
        with open(path, "rb") as f:
            first = f.read()
        check(f"{name}: same bytes twice (file and stdout)", first == again)
        check(f"{name}: CSP meta forbids loads", b"default-src 'none'" in first and b"script-src 'sha256-" in first)
        pages[name] = path

    for name, path in pages.items():
        url = "file://" + path
        netlog = os.path.join(work, name + ".netlog.json")
        dom_text = dump_dom(chrome, profile, url, netlog=netlog)
        dom = Dom(dom_text)
        check(f"{name}: the script ran (html.js)", "js" in (dom.find("html")[0][1].get("class") or "") if dom.find("html") else False,
              dom_text[:300])
        requests = network_requests(netlog)
        check(f"{name}: no network request", not requests, ", ".join(requests))
        nodes = {a.get("data-permission") for _t, a, _x in dom.find("g") if "node" in (a.get("class") or "")}
        if name == "audit":
            rows = [a for _t, a, _x in dom.find("tr") if "data-rule" in a]
            rules = sorted(a["data-rule"] for a in rows)
            check("audit: findings rows", rules.count("unused-permission") == 4 and "broader-access" in rules
                  and "unused-workspace" in rules and len(rows) == 9, str(rules))
            cells = [(a.get("class"), x.strip()) for _t, a, x in dom.find("td") if a.get("class") in ("granted", "unused", "implied", "missing")]
            check("audit: matrix cells", ("unused", "\u271a broader than needed") in cells and ("granted", "\u2714 granted, needed") in cells
                  and any(c == "implied" and "via Read-Write Activity (needed)" in x for c, x in cells), str(cells[:8]))
            check("audit: graph nodes", {"Read-Write Lead", "Read-Only Lead", "Access Design Studio", "Access Email"} <= nodes, str(nodes))
            controls = dom.find("div", data_for="findings")
            check("audit: filters shown once the script ran", controls and "hidden" not in controls[0][1])
            verdict = dom.find("p", data_exit="1")
            check("audit: verdict with exit status 1", bool(verdict))
            # Filtering by severity through the page's deep link...
            filtered = Dom(dump_dom(chrome, profile, url + "#severity=note"))
            visible = [a for _t, a, _x in filtered.find("tr") if "data-rule" in a and "hidden" not in a]
            check("audit: #severity=note leaves the one note", [a["data-severity"] for a in visible] == ["note"],
                  str([a.get("data-severity") for a in visible]))
            # ... and by clicking the checkboxes over the DevTools protocol.
            try:
                before, after, hash_after = cdp_filter_click(chrome, profile + "-cdp", url)
                check("audit: clicking severity boxes filters rows (DevTools)", before == 9 and after == 1,
                      f"before={before} after={after}")
                check("audit: the filter is kept in the URL", "severity=note" in hash_after, hash_after)
            except Exception as e:  # noqa: BLE001 - reported as a failure with its reason
                check("audit: DevTools-driven filter", False, repr(e))
        elif name == "instance":
            subjects = {a.get("data-subject") for _t, a, _x in dom.find("tr") if "data-rule" in a}
            check("instance: findings name subjects", any(s and s.startswith("user ") for s in subjects), str(subjects))
            check("instance: access matrix rows", len([1 for _t, a, _x in dom.find("th") if a.get("scope") == "row"]) >= 3)
            check("instance: access matrix cells", bool([1 for _t, a, _x in dom.find("td") if a.get("class") == "unused"]))
        elif name == "allows":
            powers = {a["data-power"]: int(a["data-count"]) for _t, a, _x in dom.find("div") if "data-power" in a}
            check("allows: blast radius by power", powers.get("read", 0) > 0 and powers.get("delete", 0) > 0
                  and powers.get("campaign") == 2, str(powers))
            check("allows: graph nodes", {"Read-Write Lead", "Execute Campaign"} <= nodes, str(nodes))
        elif name == "recommend":
            check("recommend: role members justified", bool(dom.find("table", id="rec-w0-why")))
            check("recommend: graph nodes", {"Read-Write Lead", "Read-Write Company", "Read-Only Activity"} <= nodes, str(nodes))
        elif name == "diff":
            check("diff: widens verdict", bool(dom.find("p", data_widens="true")))
            added = [x for _t, a, x in dom.find("span") if a.get("class") == "added"]
            check("diff: added permissions", "Read-Write Assets" in added and "Execute Campaign" in added, str(added))
        png = os.path.join(shots, name + ".png")
        run_chromium(chrome, profile, [f"--window-size={WIDTH},{HEIGHT}", f"--screenshot={png}", url])
        try:
            w, h, colours, share = png_check(png)
            check(f"{name}: screenshot {WIDTH}x{HEIGHT}, not blank", (w, h) == (WIDTH, HEIGHT) and colours > 20 and share > 0.05,
                  f"{w}x{h}, {colours} colours, {share:.1%} non-background")
        except (OSError, AssertionError, zlib.error) as e:
            check(f"{name}: screenshot", False, repr(e))
        if docs and os.path.exists(png):
            os.makedirs(docs, exist_ok=True)
            shutil.copyfile(png, os.path.join(docs, f"html-{name}.png"))

    # Scripts off: every finding is still in the page and no control that needs the script shows.
    dom = Dom(cdp_filter_click(chrome, profile + "-noscript", "file://" + pages["audit"], scripts_off=True))
    html_class = dom.find("html")[0][1].get("class") if dom.find("html") else None
    controls = dom.find("div", data_for="findings")
    check("audit with scripts off: all 9 findings, filters hidden, script did not run",
          len([1 for _t, a, _x in dom.find("tr") if "data-rule" in a and "hidden" not in a]) == 9
          and controls and "hidden" in controls[0][1] and not html_class)

    # Printed: Chromium's print path lays the page out to PDF with the print stylesheet.
    pdf = os.path.join(work, "audit.pdf")
    run_chromium(chrome, profile, ["--no-pdf-header-footer", f"--print-to-pdf={pdf}", "file://" + pages["audit"]])
    try:
        with open(pdf, "rb") as f:
            data = f.read()
        pages_printed = data.count(b"/Type /Page") - data.count(b"/Type /Pages")
        check("audit printed to PDF: several pages", data.startswith(b"%PDF") and pages_printed >= 2, f"{len(data)} bytes, {pages_printed} pages")
    except OSError as e:
        check("audit printed to PDF", False, repr(e))

    # No network at all (a fresh network namespace): the page still renders completely.
    if shutil.which("unshare") and subprocess.run(["unshare", "--net", "true"], capture_output=True).returncode == 0:
        dom = Dom(dump_dom(chrome, profile, "file://" + pages["audit"], netns=True))
        check("audit without any network: findings and graph", len([1 for _t, a, _x in dom.find("tr") if "data-rule" in a]) == 9
              and len([1 for _t, a, _x in dom.find("g") if "node" in (a.get("class") or "")]) > 5)
    else:
        print("SKIPPED: the no-network-namespace run (unshare --net is not permitted here); the NetLog checks ran", flush=True)

    # The CSP is what blocks: an injected image and script are stopped; without the CSP meta the
    # same image is requested (so the NetLog check can fail).
    with open(pages["audit"]) as f:
        page = f.read()
    inject = '<img src="http://127.0.0.1:9/leak.png"><script>document.title="pwned"</script>'
    for label, text, want_request in (("with CSP", page.replace("<main>", "<main>" + inject, 1), False),
                                      ("CSP removed", page.replace("<meta http-equiv=\"Content-Security-Policy\"", "<meta name=\"x\"", 1)
                                       .replace("<main>", "<main>" + inject, 1), True)):
        path = os.path.join(work, "injected.html")
        with open(path, "w") as f:
            f.write(text)
        netlog = os.path.join(work, "injected.netlog.json")
        dom = Dom(dump_dom(chrome, profile, "file://" + path, netlog=netlog))
        requested = any("127.0.0.1:9" in u for u in network_requests(netlog))
        title = dom.find("title")[0][2] if dom.find("title") else ""
        check(f"injected content, {label}: image requested={want_request}, script ran={want_request}",
              requested == want_request and (title == "pwned") == want_request, f"requested={requested} title={title!r}")

    # Hostile role: markup and a credential in the name are escaped and redacted.
    hostile = os.path.join(work, "hostile.yaml")
    with open(hostile, "w") as f:
        f.write('kind: role\nrole: "<img src=x onerror=alert(1)> password=hunter2 \\u202e"\npermissions: [Read-Only Lead]\n')
    r = subprocess.run([MINROLE, "allows", hostile, "-f", "html"], capture_output=True, text=True)
    check("hostile role: rendered", r.returncode == 0, r.stderr)
    check("hostile role: escaped, redacted, bidi visible", "<img src=x" not in r.stdout and "&lt;img src=x onerror=alert(1)&gt;" in r.stdout
          and "hunter2" not in r.stdout and "\u202e" not in r.stdout
          # made visible where it is read (YAML values are escaped as \u202e) or by the page (<U+202E>)
          and ("&lt;U+202E&gt;" in r.stdout or "\\u202e" in r.stdout))

    print(f"html_report: {passes} passed, {len(failures)} failed" + (f"; pages and screenshots kept in {work}" if failures else ""),
          flush=True)
    if not failures:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
