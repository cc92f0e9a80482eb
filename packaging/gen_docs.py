#!/usr/bin/env python3
"""Man pages and shell completions for minrole, generated from the binary's own --help.

    gen_docs.py MINROLE OUTDIR

writes OUTDIR/man/minrole.1, OUTDIR/man/minrole-SUBCOMMAND.1 (one per subcommand) and
OUTDIR/completions/{minrole.bash,_minrole,minrole.fish}. Everything comes from running MINROLE:
`--help` of the program and of each subcommand (CLI11's layout: a description, `Usage:`, then
sections such as `Positionals:`, `Options:`, `Subcommands:`, each a heading ending in ':'),
`--version`, and `permissions --format json` for permission names. A flag added to the CLI
appears in the next build's man page and completions; nothing here lists flags by hand.
"""
import gzip
import json
import os
import re
import subprocess
import sys


def run(binary, *args):
    result = subprocess.run([binary, *args], capture_output=True, text=True, timeout=60)
    if result.returncode != 0:
        sys.exit(f"gen_docs: {binary} {' '.join(args)} exited {result.returncode}: {result.stderr.strip()}")
    return result.stdout


# ---- reading CLI11's help ------------------------------------------------------------------

ENTRY = re.compile(r"^  (\S.*?)(?:\s{2,}(\S.*))?$")
HEADING = re.compile(r"^([A-Z][A-Za-z -]*):\s*$")


class Entry:
    """One row of a help section: an option, a positional or a subcommand."""

    def __init__(self, spec, text):
        self.spec = spec.strip()
        self.text = text.strip()

    @property
    def names(self):
        """The option's spellings: ['-f', '--format'], or the positional/subcommand name."""
        first = self.spec.split(" ")[0]
        return [n for n in first.split(",") if n]

    @property
    def type_part(self):
        return self.spec[len(self.spec.split(" ")[0]):].strip()

    @property
    def takes_value(self):
        return bool(self.type_part) and not self.type_part.startswith("Excludes")

    @property
    def choices(self):
        m = re.search(r":\{([^}]*)\}", self.spec)
        return [c for c in m.group(1).split(",")] if m else []

    @property
    def wants_permission(self):
        return re.search(r"\bpermission\b", self.text) is not None and not self.choices

    @property
    def wants_file(self):
        return self.takes_value and not self.choices and not self.wants_permission and not re.search(
            r"\b(date|time budget|service name|only this API area|intended operation)\b", self.text)


def parse_help(text):
    """-> (description lines, usage, [(heading, [Entry] or [lines])])"""
    lines = text.rstrip("\n").split("\n")
    description, usage, sections = [], "", []
    current = None
    for line in lines:
        if line.startswith("Usage:"):
            usage = line[len("Usage:"):].strip()
            continue
        heading = HEADING.match(line)
        if heading:
            current = (heading.group(1), [])
            sections.append(current)
            continue
        if current is None:
            if line.strip():
                description.append(line.strip())
            continue
        current[1].append(line)
    parsed = []
    for name, body in sections:
        entries = []
        structured = True
        for line in body:
            if not line.strip():
                continue
            if line.startswith("    ") and entries:
                # A wrapped description (the spec was too wide for one line).
                entries[-1].text = (entries[-1].text + " " + line.strip()).strip()
                continue
            if not line[0].isspace() and name in ("Options", "Positionals", "Subcommands"):
                # Free text after a list ("Run 'minrole help COMMAND' ..."): not an entry.
                continue
            m = ENTRY.match(line)
            if not m:
                structured = False
                break
            entries.append(Entry(m.group(1), m.group(2) or ""))
        if structured and name in ("Options", "Positionals", "Subcommands"):
            parsed.append((name, entries))
        else:
            parsed.append((name, [l for l in body]))
    return description, usage, parsed


def entries(sections, heading):
    for name, body in sections:
        if name == heading:
            return body
    return []


# ---- man pages -----------------------------------------------------------------------------

def roff(text):
    text = text.replace("\\", "\\e").replace("-", "\\-")
    return re.sub(r"^([.'])", r"\\&\1", text)


def man_page(title, name, summary, version, description, usage, sections, see_also):
    out = [f'.TH {title.upper()} 1 "" "minrole {version}" "User Commands"',
           ".SH NAME", f"{roff(name)} \\- {roff(summary)}",
           ".SH SYNOPSIS", f".B {roff(usage)}" if usage else "", ".SH DESCRIPTION"]
    out += [roff(d) for d in description] or [roff(summary)]
    for heading, body in sections:
        out.append(f".SH {roff(heading.upper())}")
        if body and isinstance(body[0], Entry):
            for e in body:
                out += [".TP", f".B {roff(e.spec)}", roff(e.text or "")]
        else:
            out.append(".nf")
            out += [roff(l[2:] if l.startswith("  ") else l) for l in body]
            out.append(".fi")
    if see_also:
        out += [".SH SEE ALSO", ",\n".join(f".BR {roff(s)} (1)" for s in see_also)]
    return "\n".join(l for l in out if l != "") + "\n"


# ---- completions ---------------------------------------------------------------------------

def sh_quote(s):
    return "'" + s.replace("'", "'\\''") + "'"


def bash_completion(program, commands, permissions):
    lines = ["# bash completion for minrole (generated by packaging/gen_docs.py from minrole --help)",
             "_minrole_permissions() {", "    printf '%s\\n' " + " ".join(sh_quote(p) for p in permissions), "}",
             "_minrole() {",
             "    local cur prev sub i IFS=$'\\n'",
             "    cur=${COMP_WORDS[COMP_CWORD]}",
             "    prev=${COMP_WORDS[COMP_CWORD-1]}",
             "    sub=",
             "    for ((i = 1; i < COMP_CWORD; i++)); do",
             "        case ${COMP_WORDS[i]} in",
             "            " + "|".join(commands) + ") sub=${COMP_WORDS[i]}; break ;;",
             "        esac",
             "    done",
             "    case \"$sub:$prev\" in"]
    # Values of options: choices, permission names, or files.
    for sub, info in [("", program)] + list(commands.items()):
        for e in entries(info["sections"], "Options"):
            if not e.takes_value:
                continue
            pattern = "|".join(f"{sub}:{n}" for n in e.names)
            if e.choices:
                action = "COMPREPLY=($(compgen -W " + sh_quote("\n".join(e.choices)) + " -- \"$cur\")); return"
            elif e.wants_permission:
                action = "COMPREPLY=($(compgen -W \"$(_minrole_permissions)\" -- \"$cur\")); return"
            elif e.wants_file:
                action = "COMPREPLY=($(compgen -f -- \"$cur\")); return"
            else:
                action = "return"
            lines.append(f"        {pattern}) {action} ;;")
    lines += ["    esac",
              "    if [[ -z $sub ]]; then",
              "        if [[ $cur == -* ]]; then",
              "            COMPREPLY=($(compgen -W " + sh_quote("\n".join(
                  n for e in entries(program["sections"], "Options") for n in e.names)) + " -- \"$cur\"))",
              "        else",
              "            COMPREPLY=($(compgen -W " + sh_quote("\n".join(commands)) + " -- \"$cur\"))",
              "        fi",
              "        return",
              "    fi",
              "    case $sub in"]
    for sub, info in commands.items():
        options = [n for e in entries(info["sections"], "Options") for n in e.names]
        positional = entries(info["sections"], "Positionals")
        if any(p.wants_permission for p in positional):
            words = "COMPREPLY=($(compgen -W \"$(_minrole_permissions)\" -- \"$cur\"))"
        elif positional:
            words = "COMPREPLY=($(compgen -f -- \"$cur\"))"
        else:
            words = "COMPREPLY=()"
        lines += [f"        {sub})",
                  "            if [[ $cur == -* ]]; then",
                  "                COMPREPLY=($(compgen -W " + sh_quote("\n".join(options)) + " -- \"$cur\"))",
                  "            else",
                  f"                {words}",
                  "            fi ;;"]
    lines += ["    esac", "}", "complete -o filenames -F _minrole minrole", ""]
    return "\n".join(lines)


def zsh_escape(s):
    return s.replace("\\", "\\\\").replace("'", "'\\''").replace("[", "\\[").replace("]", "\\]").replace(":", "\\:")


def zsh_option_specs(option_entries):
    specs = []
    for e in option_entries:
        desc = zsh_escape(e.text)
        if e.takes_value:
            if e.choices:
                action = "(" + " ".join(e.choices) + ")"
            elif e.wants_permission:
                action = "_minrole_permissions"
            elif e.wants_file:
                action = "_files"
            else:
                action = " "
            value = f":{e.names[-1].lstrip('-')}:{action}"
        else:
            value = ""
        if len(e.names) > 1:
            group = " ".join(e.names)
            specs.append(f"'({group})'{{{','.join(e.names)}}}'[{desc}]{value}'")
        else:
            repeat = "*" if "..." in e.type_part else ""
            specs.append(f"'{repeat}{e.names[0]}[{desc}]{value}'")
    return specs


def zsh_completion(program, commands, permissions):
    lines = ["#compdef minrole", "# zsh completion for minrole (generated by packaging/gen_docs.py from minrole --help)",
             "_minrole_permissions() {",
             "    local -a names",
             "    names=(" + " ".join(sh_quote(p) for p in permissions) + ")",
             "    compadd -a names", "}",
             "_minrole() {",
             "    local curcontext=$curcontext state line",
             "    local -a commands",
             "    commands=(" + " ".join(sh_quote(f"{c}:{zsh_escape(i['summary'])}") for c, i in commands.items()) + ")",
             "    _arguments -C \\"]
    for spec in zsh_option_specs(entries(program["sections"], "Options")):
        lines.append(f"        {spec} \\")
    lines += ["        '1:command:->command' \\", "        '*::argument:->argument'",
              "    case $state in",
              "        command) _describe -t commands 'minrole command' commands ;;",
              "        argument)",
              "            case $line[1] in"]
    for sub, info in commands.items():
        specs = zsh_option_specs(entries(info["sections"], "Options"))
        for p in entries(info["sections"], "Positionals"):
            action = "_minrole_permissions" if p.wants_permission else "_files"
            star = "*" if "..." in p.type_part else ""
            specs.append(f"'{star}:{p.names[0]}:{action}'")
        lines.append(f"                {sub}) _arguments " + " ".join(specs) + " ;;")
    lines += ["            esac ;;", "    esac", "}", "_minrole \"$@\"", ""]
    return "\n".join(lines)


def fish_completion(program, commands, permissions):
    def quote(s):
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'"

    lines = ["# fish completion for minrole (generated by packaging/gen_docs.py from minrole --help)",
             "function __minrole_permissions",
             "    printf '%s\\n' " + " ".join(quote(p) for p in permissions),
             "end",
             "complete -c minrole -f"]
    names = " ".join(commands)

    def option_lines(condition, option_entries):
        out = []
        for e in option_entries:
            parts = [f"complete -c minrole -n {quote(condition)}"]
            for n in e.names:
                parts.append(f"-s {n[1:]}" if not n.startswith("--") else f"-l {n[2:]}")
            if e.takes_value:
                if e.choices:
                    parts.append("-x -a " + quote(" ".join(e.choices)))
                elif e.wants_permission:
                    parts.append("-x -a '(__minrole_permissions)'")
                elif e.wants_file:
                    parts.append("-r -F")
                else:
                    parts.append("-x")
            parts.append("-d " + quote(e.text))
            out.append(" ".join(parts))
        return out

    lines += option_lines("__fish_use_subcommand", entries(program["sections"], "Options"))
    for sub, info in commands.items():
        lines.append(f"complete -c minrole -n '__fish_use_subcommand' -a {sub} -d {quote(info['summary'])}")
    for sub, info in commands.items():
        condition = f"__fish_seen_subcommand_from {sub}"
        lines += option_lines(condition, entries(info["sections"], "Options"))
        positional = entries(info["sections"], "Positionals")
        if any(p.wants_permission for p in positional):
            lines.append(f"complete -c minrole -n {quote(condition)} -a '(__minrole_permissions)'")
        elif positional:
            lines.append(f"complete -c minrole -n {quote(condition)} -F")
    del names
    return "\n".join(lines) + "\n"


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: gen_docs.py MINROLE OUTDIR")
    binary, outdir = sys.argv[1], sys.argv[2]
    version_line = run(binary, "--version").strip()
    version = version_line.split()[1] if len(version_line.split()) > 1 else version_line
    description, usage, sections = parse_help(run(binary, "--help"))
    program = {"summary": description[0] if description else "minrole", "sections": sections}
    commands = {}
    for e in entries(sections, "Subcommands"):
        d, u, s = parse_help(run(binary, e.names[0], "--help"))
        commands[e.names[0]] = {"summary": e.text, "description": d, "usage": u, "sections": s}
    if not commands:
        sys.exit("gen_docs: minrole --help lists no subcommands")
    permissions = [p["name"] for p in json.loads(run(binary, "permissions", "--format", "json"))["permissions"]]

    os.makedirs(f"{outdir}/man", exist_ok=True)
    os.makedirs(f"{outdir}/completions", exist_ok=True)
    pages = {"minrole.1": man_page("minrole", "minrole", program["summary"].removeprefix("minrole: "), version,
                                   description, usage, sections, [f"minrole-{c}" for c in commands])}
    for name, info in commands.items():
        pages[f"minrole-{name}.1"] = man_page(f"minrole-{name}", f"minrole-{name}", info["summary"], version,
                                              info["description"], info["usage"], info["sections"], ["minrole"])
    outputs = {f"man/{k}": v for k, v in pages.items()}
    outputs["completions/minrole.bash"] = bash_completion(program, commands, permissions)
    outputs["completions/_minrole"] = zsh_completion(program, commands, permissions)
    outputs["completions/minrole.fish"] = fish_completion(program, commands, permissions)
    for relative, text in outputs.items():
        path = f"{outdir}/{relative}"
        old = open(path, encoding="utf-8").read() if os.path.exists(path) else None
        if old != text:  # unchanged files keep their timestamps
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
        if relative.startswith("man/"):
            # Debian installs man pages compressed; mtime 0 keeps the package reproducible.
            with open(path + ".gz", "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as f:
                f.write(text.encode("utf-8"))


if __name__ == "__main__":
    main()
