#!/usr/bin/env python3
"""Writes the hostile source files of tests/cli/scan_hostile.sh into OUT_DIR.

    python3 tests/cli/hostile_source.py OUT_DIR [--only CASE] [--small]

Every parsed language (JavaScript, TypeScript, Python, PHP, Java, Go, Ruby, C#) gets the same
set of attacks on the parser, the lowering to IR and the string evaluator: 100,000 levels of
parentheses, brackets and calls, a 100,000-term concatenation, deep blocks, unterminated strings
with nested interpolations, token soup, invalid UTF-8, binary after a text head, a 10 MB
single-line "minified" file, pathological format strings (huge widths and argument indexes),
megabyte identifiers, doubling strings (2^64 bytes if evaluated naively), 2^100 alternatives,
long call chains and recursion, long constant chains. Each file holds a real Marketo path too,
so the prefilter sends it to the parser. The files are deterministic (seeded) and written at
test time rather than committed (they total about 150 MB).

Writes OUT_DIR/cases.tsv: one line per file, `name<TAB>what it attacks`.

--small (the sanitizer tree, where every step costs several times more) shrinks only the attacks
on volume: the single line to 2 MB (still over the 1 MiB parse limit), the token soup to 200 KB,
the call and constant chains to 2,000. The nesting depths and the 100,000-term concatenation,
which attack the stack, stay as they are.
"""
import argparse
import os
import random

N = 100_000            # nesting levels, terms, statements
BIG = 10 * 1000 * 1000  # the "10 MB single-line" files
SOUP = 1_000_000        # bytes of token soup
CHAIN = 20_000          # functions in the call chain, constants in the constant chain
PATH = "/rest/v1/leads.json"

# Per language: file extension, how a file starts and ends, how a statement that assigns a
# string expression and sends it looks, the concatenation operator, a function definition
# (name, parameter, body expression) and a call.
LANGS = {
    "js": dict(ext=".js", head="", tail="", cat="+",
               stmt=lambda v, e: f"var {v} = {e};\nfetch({v});\n",
               fn=lambda n, p, body: f"function {n}({p}) {{ return {body}; }}\n",
               block=("{", "}"), kw="var let const function return if else for while new this class async await"),
    "ts": dict(ext=".ts", head="", tail="", cat="+",
               stmt=lambda v, e: f"const {v}: string = {e};\nhttp.get({v});\n",
               fn=lambda n, p, body: f"function {n}({p}: string): string {{ return {body}; }}\n",
               block=("{", "}"), kw="const let function return interface type export import as number string"),
    "py": dict(ext=".py", head="import requests\n", tail="", cat="+",
               stmt=lambda v, e: f"{v} = {e}\nrequests.get({v})\n",
               fn=lambda n, p, body: f"def {n}({p}):\n    return {body}\n",
               block=None, kw="def return if else elif for in while class lambda import from as self yield"),
    "php": dict(ext=".php", head="<?php\n", tail="", cat=".",
                stmt=lambda v, e: f"${v} = {e};\n$client->get(${v});\n",
                fn=lambda n, p, body: f"function {n}(${p}) {{ return {body}; }}\n",
                block=("{", "}"), kw="function return if else foreach as new class public private $this echo array"),
    "java": dict(ext=".java", head="class Hostile {\n  void run() {\n", tail="  }\n}\n", cat="+",
                 stmt=lambda v, e: f"    String {v} = {e};\n    http.get({v});\n",
                 fn=None, block=("{", "}"), kw="class public private static void String return new if else for int"),
    "go": dict(ext=".go", head="package hostile\n\nfunc run() {\n", tail="}\n", cat="+",
               stmt=lambda v, e: f"\t{v} := {e}\n\thttp.Get({v})\n",
               fn=None, block=("{", "}"), kw="package import func return if else for range var const type struct go"),
    "rb": dict(ext=".rb", head="", tail="", cat="+",
               stmt=lambda v, e: f"{v} = {e}\nNet::HTTP.get({v})\n",
               fn=lambda n, p, body: f"def {n}({p})\n  {body}\nend\n",
               block=None, kw="def end if else elsif do class module return self yield begin rescue"),
    "cs": dict(ext=".cs", head="class Hostile {\n  void Run() {\n", tail="  }\n}\n", cat="+",
               stmt=lambda v, e: f"    var {v} = {e};\n    client.GetAsync({v});\n",
               fn=None, block=("{", "}"), kw="class public private static void string return new if else var async await"),
}


def q(lang, text):
    """A string literal."""
    return '"' + text + '"'


def ident(lang, name):
    return ("$" + name) if lang == "php" else name


def cases(lang):
    L = LANGS[lang]
    cat = f" {L['cat']} "
    y = ident(lang, "y")
    s = ident(lang, "s")
    out = {}
    # Nesting: the grammar, the lowering walk and the evaluator must not recurse per level.
    out["parens"] = ("100,000 nested parentheses",
                     L["stmt"]("x", q(lang, PATH) + cat + "(" * N + y + ")" * N))
    out["brackets"] = ("100,000 nested brackets",
                       L["stmt"]("x", "[" * N + q(lang, PATH) + "]" * N))
    out["calls"] = ("100,000 nested calls",
                    L["stmt"]("x", "f(" * N + q(lang, PATH) + ")" * N))
    out["concat"] = ("a 100,000-term concatenation (a left-deep tree 100,000 levels high)",
                     L["stmt"]("x", q(lang, "/rest/v1/") + "".join(cat + q(lang, f"p{i % 10}") for i in range(N))))
    if L["block"]:
        open_, close = L["block"]
        out["blocks"] = ("100,000 nested blocks", open_ * N + L["stmt"]("x", q(lang, PATH)) + close * N)
    elif lang == "py":
        depth = 1500  # indentation: the file grows with the square of the depth
        body = "".join(" " * i + "if x:\n" for i in range(depth)) + " " * depth + f"requests.get({q(lang, PATH)})\n"
        out["blocks"] = (f"{depth} nested if blocks", body)
    else:
        out["blocks"] = ("100,000 nested begin blocks", "begin\n" * N + L["stmt"]("x", q(lang, PATH)) + "end\n" * N)
    # Strings that never end, opened inside nested interpolations.
    opener = {"js": "`${", "ts": "`${", "py": 'f"{', "php": '"{$a[', "java": '"', "go": "`", "rb": '"#{', "cs": '$"{'}[lang]
    out["unterminated"] = ("unterminated strings inside 10,000 nested interpolations",
                           L["stmt"]("x", q(lang, PATH)) + "x = " + opener * 10_000 + PATH + "\n")
    # Token soup: the language's keywords and punctuation in random order, 1 MB.
    rng = random.Random(sum(map(ord, lang)))
    tokens = L["kw"].split() + list("(){}[]<>;:,.=+-*/%!&|^~?@#$'\"`\\") + ["\n", " ", PATH, "'/rest/v1/'", "{x}", "${", "#{"]
    soup = []
    size = 0
    while size < SOUP:
        t = rng.choice(tokens)
        soup.append(t)
        size += len(t) + 1
    out["soup"] = ("1 MB of the language's keywords and punctuation in random order", " ".join(soup))
    # Bytes that are not UTF-8, in literals, identifiers and comments.
    bad = b"\xff\xfe\xc0\x80\xed\xa0\x80\xf8\x88\x80\x80\x80\xe2\x82"
    out["invalid-utf8"] = ("invalid UTF-8 (overlong, surrogates, truncated) in literals and identifiers",
                           (L["stmt"]("x", q(lang, PATH)).encode() + b"v" + bad + b" = \"/rest/v1/" + bad + b"lead.json\"\n") * 2000)
    # Binary after a text head longer than the 8 KB binary sniff.
    head = (L["stmt"]("x", q(lang, PATH)) * 400).encode()
    out["binary-tail"] = ("binary (NUL bytes, random) after 10 KB of text", head[:10_000] + bytes(random.Random(7).randrange(256) for _ in range(200_000)))
    # A 10 MB single line, as minifiers write it.
    stmt = L["stmt"](ident(lang, "a") if lang != "php" else "a", q(lang, "/rest/v1/lead/") + cat + y + cat + q(lang, ".json"))
    unit = "; ".join(part.strip().rstrip(";") for part in stmt.splitlines()) + "; "
    line = unit * (BIG // len(unit) + 1)
    out["minified"] = ("a 10 MB single-line file", L["head"].replace("\n", "; " if lang in ("py", "rb") else " ") + line[:BIG] + "\n" + L["tail"].replace("\n", " "))
    # Format strings: widths and indexes that would allocate gigabytes if taken literally.
    fmts = {
        "js": "`${'x'.padStart(999999999)}/rest/v1/leads.json` + util.format('%999999999s/rest/v1/%s', a, b)",
        "ts": "`${'x'.padStart(999999999)}/rest/v1/leads.json` + util.format('%999999999s/rest/v1/%s', a, b)",
        "py": "'%999999999d/rest/v1/%s' % (1, x) + '{:>999999999}/rest/v1/{}'.format(a, b) + f'{a:0999999999}/rest/v1/' + '{99999999999}'.format(a) + '%s' * 100000 % tuple(range(3))",
        "php": "sprintf(\"%'*999999999s/rest/v1/%s\", $a, $b) . sprintf('%99999999$s/rest/v1', $a) . vsprintf(str_repeat('%s', 100000), $a)",
        "java": "String.format(\"%999999999s/rest/v1/%s\", a, b) + String.format(\"%99999999$s/rest/v1\", a) + \"%s\".repeat(100000).formatted(a)",
        "go": "fmt.Sprintf(\"%999999999d/rest/v1/%s\", 1, x) + fmt.Sprintf(\"%[99999999]s/rest/v1\", a) + fmt.Sprintf(\"%*d/rest/v1\", 999999999, 1)",
        "rb": "('%999999999d/rest/v1/%s' % [1, x]) + format('%<a>999999999s/rest/v1', a: 1) + \"#{'x' * 999999999}/rest/v1\"",
        "cs": "string.Format(\"{0,999999999}/rest/v1/{1}\", a, b) + $\"{a,999999999}/rest/v1/{b}\" + string.Format(\"{99999999}/rest/v1\", a)",
    }
    many = "".join("{" + str(i) + "}" for i in range(N))
    out["format"] = ("format strings with 999,999,999-wide fields, huge argument indexes and 100,000 holes",
                     L["stmt"]("x", fmts[lang]) + L["stmt"]("z", q(lang, "/rest/v1/" + many)))
    # Identifiers of a megabyte, as a constant, a member and a function.
    big = "i" * 1_000_000
    out["long-ident"] = ("a 1 MB identifier holding the base path",
                         L["stmt"](big, q(lang, "/rest/v1")) + L["stmt"]("x", ident(lang, big) + cat + q(lang, "/leads.json")))
    # Doubling: 64 self-concatenations are 2^64 bytes if evaluated naively.
    again = L["stmt"]("s", s + cat + s)
    if lang == "go":
        again = again.replace(":=", "=")
    out["doubling"] = ("a string concatenated with itself 64 times (2^64 bytes if evaluated naively)",
                       L["stmt"]("s", q(lang, PATH)) + again * 64)
    # Alternatives: 100 two-way branches are 2^100 paths.
    if lang in ("py",):
        branch = "".join(f"if c{i}:\n    s = s + 'a'\nelse:\n    s = s + 'b'\n" for i in range(100))
        body = "s = '/rest/v1/'\n" + branch + "requests.get(s)\n"
    elif lang == "rb":
        body = "s = '/rest/v1/'\n" + "".join(f"if c{i}\n  s = s + 'a'\nelse\n  s = s + 'b'\nend\n" for i in range(100)) + "Net::HTTP.get(s)\n"
    elif lang == "go":
        body = '\ts := "/rest/v1/"\n' + "".join(f'\tif c{i} {{ s = s + "a" }} else {{ s = s + "b" }}\n' for i in range(100)) + "\thttp.Get(s)\n"
    else:
        v = ident(lang, "s")
        decl = {"js": "var s = ", "ts": "let s = ", "php": "$s = ", "java": "String s = ", "cs": "var s = "}[lang]
        body = decl + '"/rest/v1/";\n' + "".join(f'if (c{i}) {{ {v} = {v}{cat}"a"; }} else {{ {v} = {v}{cat}"b"; }}\n' for i in range(100))
        body += {"js": "fetch(s);\n", "ts": "fetch(s);\n", "php": "$client->get($s);\n", "java": "http.get(s);\n", "cs": "client.GetAsync(s);\n"}[lang]
    out["branches"] = ("100 two-way branches on one path (2^100 alternatives)", body)
    # Call chains and recursion through project functions.
    if L["fn"]:
        fn = L["fn"]
        p = ident(lang, "p")
        chain = "".join(fn(f"f{i}", "p", f"f{i + 1}({p}{cat}{q(lang, 'a')})") for i in range(CHAIN))
        chain += fn(f"f{CHAIN}", "p", p)
        chain += fn("rec", "p", f"rec({p}{cat}{p})") + fn("ping", "p", f"pong({p}{cat}{q(lang, '/v1')})") + fn("pong", "p", f"ping({p})")
        chain += L["stmt"]("x", f"f0({q(lang, '/rest/v1/')})") + L["stmt"]("z", f"rec({q(lang, '/rest')})") + L["stmt"]("w", f"ping({q(lang, '/rest')})")
        out["call-chain"] = ("a 20,000-function call chain, self-recursion that doubles its argument, mutual recursion", chain)
    # Constant chains: each name defined from the one before (and one defined from itself).
    v = (lambda i: ident(lang, f"c{i}"))
    consts = L["stmt"]("c0", q(lang, "/rest"))
    consts += "".join(L["stmt"](f"c{i}", v(i - 1) + cat + q(lang, "/x")) for i in range(1, CHAIN))
    consts += L["stmt"]("loop", ident(lang, "loop") + cat + q(lang, "/v1"))
    out["const-chain"] = ("20,000 constants each defined from the one before, and one from itself", consts)
    files = {}
    for case, (what, body) in out.items():
        data = body if isinstance(body, bytes) else body.encode()
        if not isinstance(body, bytes) and case not in ("minified",):
            data = L["head"].encode() + data + L["tail"].encode()
        files[f"{case}{L['ext']}"] = (what, data)
    return files


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--only", default=None, help="write only the files of this case (e.g. parens)")
    ap.add_argument("--small", action="store_true", help="smaller volume attacks (sanitizer builds)")
    args = ap.parse_args()
    if args.small:
        global BIG, SOUP, CHAIN
        BIG, SOUP, CHAIN = 2 * 1000 * 1000, 200_000, 2_000
    os.makedirs(args.out, exist_ok=True)
    rows = []
    for lang in LANGS:
        for name, (what, data) in cases(lang).items():
            if args.only and not name.startswith(args.only + "."):
                continue
            folder = os.path.join(args.out, lang)
            os.makedirs(folder, exist_ok=True)
            with open(os.path.join(folder, name), "wb") as f:
                f.write(data)
            rows.append(f"{lang}/{name}\t{what}\n")
    with open(os.path.join(args.out, "cases.tsv"), "w") as f:
        f.writelines(rows)


if __name__ == "__main__":
    main()
