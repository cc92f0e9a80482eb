#!/usr/bin/env python3
"""Puts each real-world client's pinned source under WORK/<client>/ for scoring.

The corpus keeps no third-party code: each tests/realworld/<client>/SOURCE.yaml names where the
code comes from and the exact version, and this script fetches it:

- origin: npm     `npm pack NAME@VERSION` (the npm registry is reachable from every machine
                  that builds minrole), checked against the SOURCE's sha512 integrity, unpacked
                  without trusting the archive's paths (regular files under package/ only).
- origin: github  `git archive COMMIT -- PATHS` from a local mirror of the repository:
                  $MINROLE_REALWORLD_MIRROR/<owner>+<name>/repo (or .../<owner>+<name>, a bare
                  or normal clone). No mirror, no client: it is reported as unavailable.

`excerpts: {file: [first, last]}` keeps only those lines of a file (1-based, inclusive).
A client already materialised from the same SOURCE.yaml is not fetched again.
"""
import base64
import hashlib
import io
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
STAMP = ".materialised"


def clients(corpus=HERE):
    """(name, source dict, expected path) for every client folder, sorted by name."""
    for name in sorted(os.listdir(corpus)):
        folder = os.path.join(corpus, name)
        source = os.path.join(folder, "SOURCE.yaml")
        if os.path.isfile(source):
            with open(source, encoding="utf-8") as f:
                yield name, yaml.safe_load(f), os.path.join(folder, "expected.yaml")


def _stamp_of(corpus, name):
    with open(os.path.join(corpus, name, "SOURCE.yaml"), "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def _wanted(rel, paths):
    return any(rel == p or rel.startswith(p.rstrip("/") + "/") for p in paths)


def _safe_rel(rel):
    norm = os.path.normpath(rel)
    return not (norm.startswith("..") or os.path.isabs(norm) or norm == ".")


def _from_npm(source, dest):
    spec = f"{source['package']}@{source['version']}"
    with tempfile.TemporaryDirectory() as tmp:
        run = subprocess.run(["npm", "pack", spec, "--silent", "--pack-destination", tmp],
                             capture_output=True, text=True, timeout=300)
        tarballs = [f for f in os.listdir(tmp) if f.endswith(".tgz")]
        if run.returncode != 0 or len(tarballs) != 1:
            raise RuntimeError(f"npm pack {spec} failed: {(run.stderr or run.stdout).strip()[:200]}")
        with open(os.path.join(tmp, tarballs[0]), "rb") as f:
            data = f.read()
    algo, _, want = source["integrity"].partition("-")
    got = base64.b64encode(hashlib.new(algo, data).digest()).decode()
    if got != want:
        raise RuntimeError(f"{spec}: integrity mismatch (got {algo}-{got})")
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        for member in tar.getmembers():
            if not member.isfile() or not member.name.startswith("package/"):
                continue
            rel = member.name[len("package/"):]
            if not _safe_rel(rel) or not _wanted(rel, source["paths"]):
                continue
            target = os.path.join(dest, rel)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with tar.extractfile(member) as src, open(target, "wb") as out:
                shutil.copyfileobj(src, out)


def _mirror_of(repository):
    root = os.environ.get("MINROLE_REALWORLD_MIRROR", "")
    if not root:
        raise RuntimeError("no local mirror (set MINROLE_REALWORLD_MIRROR to a folder of "
                           "<owner>+<name> clones)")
    base = os.path.join(root, repository.replace("/", "+"))
    for candidate in (os.path.join(base, "repo"), base):
        if os.path.isdir(candidate):
            return candidate
    raise RuntimeError(f"{repository} is not in the mirror {root}")


def _from_git(source, dest):
    git_dir = _mirror_of(source["repository"])
    run = subprocess.run(["git", "-C", git_dir, "archive", "--format=tar", source["commit"], "--", *source["paths"]],
                         capture_output=True, timeout=300)
    if run.returncode != 0:
        raise RuntimeError(f"git archive failed: {run.stderr.decode(errors='replace').strip()[:200]}")
    with tarfile.open(fileobj=io.BytesIO(run.stdout), mode="r:") as tar:
        for member in tar.getmembers():
            if not member.isfile() or not _safe_rel(member.name):
                continue
            target = os.path.join(dest, member.name)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with tar.extractfile(member) as src, open(target, "wb") as out:
                shutil.copyfileobj(src, out)


def _apply_excerpts(source, dest):
    for rel, (first, last) in (source.get("excerpts") or {}).items():
        path = os.path.join(dest, rel)
        with open(path, encoding="utf-8", errors="surrogateescape") as f:
            lines = f.readlines()
        with open(path, "w", encoding="utf-8", errors="surrogateescape") as f:
            f.writelines(lines[first - 1:last])


def materialise(name, source, work, corpus=HERE):
    """Returns (folder, None) when the client's code is in place, or (None, reason)."""
    dest = os.path.join(work, name)
    stamp = _stamp_of(corpus, name)
    stamp_path = os.path.join(dest, STAMP)
    if os.path.isfile(stamp_path):
        with open(stamp_path, encoding="utf-8") as f:
            if f.read().strip() == stamp:
                return dest, None
    shutil.rmtree(dest, ignore_errors=True)
    os.makedirs(dest)
    try:
        if source["origin"] == "npm":
            _from_npm(source, dest)
        elif source["origin"] == "github":
            _from_git(source, dest)
        else:
            raise RuntimeError(f"unknown origin {source['origin']!r}")
        _apply_excerpts(source, dest)
    except (RuntimeError, OSError, subprocess.SubprocessError, tarfile.TarError) as e:
        shutil.rmtree(dest, ignore_errors=True)
        return None, str(e)
    with open(stamp_path, "w", encoding="utf-8") as f:
        f.write(stamp + "\n")
    return dest, None


def main(argv):
    work = argv[1] if len(argv) > 1 else os.path.join(HERE, "..", "..", "build", "realworld")
    status = 0
    for name, source, _ in clients():
        folder, reason = materialise(name, source, work)
        print(f"{name}: {folder if folder else 'unavailable: ' + reason}")
        status |= folder is None
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
