#!/usr/bin/env python3
"""Runs every console example of README.md and compares its output with the README.

The convention (README authors: read this before adding a ```console block):

- Every ```console block holds one or more commands, each on a line starting with `$ `, followed
  by the output the command prints (standard output and standard error together, as a terminal
  shows them). A block without a `$ ` command is an error. A command line ending in a backslash
  continues on the next line.
- Each command runs with bash, from a scratch copy of the repository root (examples/, data/,
  rules/, third_party/, tests/fixtures/), with the built binary first on PATH as `minrole`, so
  pipelines (`sed ... | minrole diff ...`) and files the command writes (`-o minrole.sarif`) work
  and nothing is written into the source tree. Commands of one block run in order in the same
  scratch copy, which is fresh for every block.
- Expected output, line by line, trailing whitespace ignored, trailing blank lines ignored:
    * a line that is only `...` (indentation allowed) stands for any run of lines, none included;
    * a line ending in `...` matches any line that starts with the text before the `...`;
    * every other line must match exactly.
  A command shown with no output must print nothing.
- The exit status is not shown in the blocks, so it is not compared, but a command must not crash
  (exit status above 2, or killed by a signal) and must finish within 60 seconds.
- Files the README asks the reader to save: put `<!-- readme-test: save NAME -->` on the line
  before a ```yaml (or any) block and the test writes that block's text to NAME in every scratch
  copy before running commands.

A difference names the README line of the command, and prints the expected lines, the actual
output and the first line that does not match. Exit status: 0 when every example matches, 1 when
any differs, 77 (ctest's SKIP_RETURN_CODE) when the test cannot run here.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

COPIED = ["examples", "data", "rules", "third_party", "tests/fixtures"]
FENCE = re.compile(r"^(\s*)```+\s*([A-Za-z0-9_+-]*)\s*$")
SAVE = re.compile(r"^<!--\s*readme-test:\s*save\s+(\S+)\s*-->\s*$")


def parse(readme):
    """Returns (console blocks, files to save). A block is (first line number, [(line number, text)])."""
    lines = readme.split("\n")
    blocks, saves = [], {}
    i = 0
    pending_save = None
    while i < len(lines):
        m = SAVE.match(lines[i])
        if m:
            pending_save = m.group(1)
            i += 1
            continue
        m = FENCE.match(lines[i])
        if not m:
            if lines[i].strip():
                pending_save = None
            i += 1
            continue
        lang = m.group(2)
        start = i + 1
        body = []
        i += 1
        while i < len(lines) and not re.match(r"^\s*```+\s*$", lines[i]):
            body.append((i + 1, lines[i]))
            i += 1
        i += 1  # the closing fence
        if pending_save:
            saves[pending_save] = "\n".join(text for _, text in body) + "\n"
            pending_save = None
        if lang == "console":
            blocks.append((start, body))
    return blocks, saves


def commands_of(block):
    """Splits a block into [(line number, command, [expected lines])]."""
    start, body = block
    out = []
    j = 0
    while j < len(body):
        number, text = body[j]
        if not text.startswith("$ "):
            if not out:
                raise ValueError(f"README.md:{number}: console block text before its first `$ ` command: {text!r}")
            out[-1][2].append(text)
            j += 1
            continue
        command = text[2:]
        while command.endswith("\\") and j + 1 < len(body):
            j += 1
            command = command[:-1] + "\n" + body[j][1]
        out.append((number, command, []))
        j += 1
    if not out:
        raise ValueError(f"README.md:{start}: console block without a `$ ` command")
    return out


def trim(lines):
    lines = [line.rstrip() for line in lines]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def matches(expected, actual):
    """True when the actual lines fit the expected pattern (see the module docstring)."""
    n, m = len(expected), len(actual)
    # ok[i][j]: expected[i:] matches actual[j:]
    ok = [[False] * (m + 1) for _ in range(n + 1)]
    ok[n][m] = True
    for i in range(n - 1, -1, -1):
        pattern = expected[i]
        stripped = pattern.strip()
        for j in range(m, -1, -1):
            if stripped == "...":
                ok[i][j] = ok[i + 1][j] or (j < m and ok[i][j + 1])
            elif j < m:
                ok[i][j] = fits(pattern, actual[j]) and ok[i + 1][j + 1]
    return ok[0][0]


def fits(pattern, line):
    return line.startswith(pattern[:-3]) if pattern.endswith("...") else line == pattern


def first_mismatch(expected, actual):
    """(index of the first expected line no prefix of the output can reach, the output line where the
    furthest match stopped), or None when every line can be reached (then the output has extra lines)."""
    reach = {0}
    for i, pattern in enumerate(expected):
        if pattern.strip() == "...":
            nxt = set(range(min(reach), len(actual) + 1)) if reach else set()
        else:
            nxt = {j + 1 for j in reach if j < len(actual) and fits(pattern, actual[j])}
        if not nxt:
            j = max(reach)
            return i, actual[j] if j < len(actual) else "(output ended)"
        reach = nxt
    j = max(reach)
    return len(expected), actual[j] if j < len(actual) else "(output ended)"


def self_test():
    """The matcher must be able to fail: a few fixed cases, checked on every run."""
    cases = [
        (["a", "b"], ["a", "b"], True),
        (["a", "b"], ["a", "b", "c"], False),
        (["a", "..."], ["a", "b", "c"], True),
        (["a", "...", "c"], ["a", "c"], True),
        (["a", "...", "c"], ["a", "b"], False),
        (["x: ..."], ["x: anything"], True),
        (["x: ..."], ["y: anything"], False),
        ([], ["unexpected"], False),
        (["  ...", "z"], ["z", "z"], True),
    ]
    for expected, actual, want in cases:
        assert matches(expected, actual) == want, (expected, actual, want)


def main():
    self_test()
    binary = os.environ.get("MINROLE")
    src = os.environ.get("SRC")
    if not binary or not src:
        print("SKIPPED: readme_examples needs MINROLE (the binary) and SRC (the source tree)")
        return 77
    binary = os.path.abspath(binary)
    src = os.path.abspath(src)
    with open(os.path.join(src, "README.md"), encoding="utf-8") as fh:
        readme = fh.read()
    blocks, saves = parse(readme)

    work = tempfile.mkdtemp(prefix="minrole-readme.")
    bindir = os.path.join(work, "bin")
    os.makedirs(bindir)
    os.symlink(binary, os.path.join(bindir, "minrole"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("MINROLE_")}
    env.update({"PATH": bindir + os.pathsep + os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C.UTF-8",
                "TZ": "UTC", "NO_COLOR": "1"})
    env.pop("MINROLE", None)
    env.pop("SRC", None)

    passed = failed = 0
    try:
        for index, block in enumerate(blocks):
            try:
                commands = commands_of(block)
            except ValueError as e:
                failed += 1
                print(f"FAIL: {e}")
                continue
            root = os.path.join(work, f"block{index}")
            os.makedirs(root)
            for name in COPIED:
                if os.path.exists(os.path.join(src, name)):
                    shutil.copytree(os.path.join(src, name), os.path.join(root, name), symlinks=True)
            for name, text in saves.items():
                path = os.path.join(root, name)
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "w", encoding="utf-8") as fh:
                    fh.write(text)
            for number, command, expected in commands:
                expected = trim(expected)
                try:
                    proc = subprocess.run(["bash", "-c", command], cwd=root, env=env, stdin=subprocess.DEVNULL,
                                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=60)
                except subprocess.TimeoutExpired:
                    failed += 1
                    print(f"FAIL: README.md:{number}: `{command}` did not finish within 60 seconds")
                    continue
                actual = trim(proc.stdout.decode("utf-8", "replace").split("\n"))
                if proc.returncode < 0 or proc.returncode > 2:
                    failed += 1
                    print(f"FAIL: README.md:{number}: `{command}` exited with status {proc.returncode}")
                    print("\n".join("    | " + line for line in actual[:40]))
                    continue
                if matches(expected, actual):
                    passed += 1
                    continue
                failed += 1
                print(f"FAIL: README.md:{number}: the output of `{command}` differs from the README")
                i, line = first_mismatch(expected, actual)
                want = expected[i] if i < len(expected) else "(end of the example: add `...` to trim the rest)"
                print(f"    first README line that does not fit, README.md:{number + 1 + i}:")
                print(f"      README: {want}")
                print(f"      actual: {line}")
                print("    README (expected; `...` matches any lines):")
                print("\n".join("    | " + line for line in expected[:60]))
                print("    actual output:")
                print("\n".join("    | " + line for line in actual[:60]))
                if len(actual) > 60:
                    print(f"    | ... ({len(actual) - 60} more lines)")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{passed} README commands matched, {failed} failed ({len(blocks)} console blocks)")
    if passed + failed == 0:
        print("FAIL: no console example found in README.md")
        return 1
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
