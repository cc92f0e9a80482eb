#!/usr/bin/env bash
# The version line and the Debian package, end to end. ctest runs it with MINROLE (the binary),
# SRC (the source tree), BUILD (the build tree, where CPackConfig.cmake is) and VERSION (CMake's
# project version) in the environment.
#   1. `minrole --version` names VERSION and the commit; every minrole/*/v1 JSON report and the
#      SARIF tool.driver carry VERSION; a tarball made by `git archive` (no .git) still knows
#      its commit, and a bare copy says "unknown" instead of failing.
#   2. cpack builds minrole_VERSION_ARCH.deb; `dpkg -x` unpacks it into a scratch root where
#      the binary runs, every subcommand's man page renders with `man -l`, the bash completion
#      completes subcommands, formats and permission names, zsh and fish accept their files, and
#      the examples and schemas are under /usr/share.
# A check that cannot run here prints SKIP loudly (the closing line counts them).
set -u

: "${MINROLE:?}" "${SRC:?}" "${BUILD:?}" "${VERSION:?}"
MINROLE=$(cd "$(dirname "$MINROLE")" && pwd)/$(basename "$MINROLE")
SRC=$(cd "$SRC" && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/minrole-package.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
cd "$WORK" || exit 1
source "$SRC/tests/cli/lib.sh"

# ---- 1. the version, from one place ----------------------------------------------------------
run "$MINROLE" --version
expect_rc "--version" 0
if [[ "$out" =~ ^minrole\ ${VERSION//./\\.}\ \(commit\ ([0-9a-f]{7,40}|unknown)\)$ ]]; then pass; else
    fail "--version says 'minrole $VERSION (commit ...)'" "$out"; fi
if [[ -d "$SRC/.git" || -f "$SRC/.git" ]] && command -v git >/dev/null; then
    head=$(git -C "$SRC" rev-parse --short=12 HEAD)
    contains "--version names the checkout's HEAD" "$out" "commit $head"
fi

(cd "$SRC" && "$MINROLE" recommend examples/crm-lead-sync.yaml --format json) >recommend.json
(cd "$SRC" && "$MINROLE" allows examples/roles/over-broad.yaml --format json) >allows.json
(cd "$SRC" && "$MINROLE" audit --role examples/roles/over-broad.yaml --intent examples/crm-lead-sync.yaml --no-policy \
    --format json) >audit.json
(cd "$SRC" && "$MINROLE" audit --role examples/roles/over-broad.yaml --intent examples/crm-lead-sync.yaml --no-policy \
    --format sarif) >audit.sarif
(cd "$SRC" && "$MINROLE" diff examples/roles/crm-lead-sync-minimal.yaml examples/roles/over-broad.yaml --format json) >diff.json
(cd "$SRC" && "$MINROLE" scan examples/instance/webhook-relay --format json) >scan.json
(cd "$SRC" && "$MINROLE" audit --instance examples/instance/instance.yaml --no-policy --format json) >instance.json
for f in recommend allows audit diff scan instance; do
    pycheck "$f --format json carries tool.version $VERSION" $f.json \
        "assert d['tool'] == {'name': 'minrole', 'version': '$VERSION'}, d.get('tool')"
done
pycheck "SARIF tool.driver.version is $VERSION" audit.sarif \
    "assert d['runs'][0]['tool']['driver']['version'] == '$VERSION', d['runs'][0]['tool']['driver']"

# The commit outside a checkout: git archive stamps cmake/git-commit.txt (export-subst).
if [[ -e "$SRC/.git" ]] && command -v git >/dev/null && git -C "$SRC" cat-file -e HEAD:cmake/git-commit.txt 2>/dev/null; then
    mkdir tarball
    git -C "$SRC" archive --format=tar HEAD cmake | tar -x -C tarball
    cmake -DROOT="$WORK/tarball" -DOUT="$WORK/tarball.hpp" -P "$SRC/cmake/git_commit.cmake"
    want=$(git -C "$SRC" log -1 --format=%h HEAD)
    contains "a git archive tarball knows its commit" "$(cat tarball.hpp)" "\"$want\""
else
    skip "git archive tarball commit (not a git checkout with cmake/git-commit.txt committed)"
fi
mkdir -p bare/cmake && printf '$Format:%%h$\n' >bare/cmake/git-commit.txt
cmake -DROOT="$WORK/bare" -DOUT="$WORK/bare.hpp" -P "$SRC/cmake/git_commit.cmake"
contains "a copy without .git or a stamped commit says unknown" "$(cat bare.hpp)" '"unknown"'

# ---- 2. the Debian package -------------------------------------------------------------------
if ! command -v cpack >/dev/null || ! command -v dpkg-deb >/dev/null; then
    skip "Debian package (cpack or dpkg-deb missing)"
    printf '%s passed, %s failed, %s skipped\n' "$passed" "$failed" "$skipped"
    [[ $failed == 0 ]]
    exit
fi
if cpack -G DEB --config "$BUILD/CPackConfig.cmake" -B "$WORK/out" >cpack.log 2>&1; then pass; else
    fail "cpack -G DEB" "$(tail -n 20 cpack.log)"; fi
arch=$(dpkg --print-architecture)
deb="$WORK/out/minrole_${VERSION}_${arch}.deb"
if [[ -f "$deb" ]]; then pass; else fail "package named minrole_${VERSION}_${arch}.deb" "$(ls "$WORK/out")"; fi

run dpkg-deb -f "$deb" Package Version Architecture
contains "control: Package" "$out" "Package: minrole"
contains "control: Version" "$out" "Version: $VERSION"
# Depends must cover every shared library the binary needs (dpkg-shlibdeps); a static binary needs none.
needed=$(readelf -d "$BUILD/minrole" 2>/dev/null | grep -c NEEDED)
depends=$(dpkg-deb -f "$deb" Depends)
if [[ $needed == 0 ]]; then
    if [[ -z "$depends" ]]; then pass; else fail "a static minrole has no Depends" "$depends"; fi
else
    contains "Depends of a dynamic minrole name libc6" "$depends" "libc6"
fi

ROOT="$WORK/root"
dpkg -x "$deb" "$ROOT"
run "$ROOT/usr/bin/minrole" --version
expect_rc "installed minrole --version" 0
contains "installed minrole --version" "$out" "minrole $VERSION"
run "$ROOT/usr/bin/minrole" recommend --op 'GET /rest/v1/leads.json' --format json
expect_rc "installed minrole recommends" 0

# A man page per subcommand, each rendered.
commands=$("$MINROLE" --help | awk '/^Subcommands:/{on=1; next} on && /^  [a-z]/{print $1}')
[[ -n "$commands" ]] || fail "minrole --help lists subcommands"
for page in minrole $(printf 'minrole-%s\n' $commands); do
    file="$ROOT/usr/share/man/man1/$page.1.gz"
    if [[ ! -f "$file" ]]; then
        fail "man page $page.1.gz is installed"
        continue
    fi
    if command -v man >/dev/null; then
        run env MANWIDTH=100 man -l "$file"
        if [[ $rc == 0 && "$out" == *NAME* && "$out" == *OPTIONS* ]]; then pass; else
            fail "man -l $page.1.gz renders NAME and OPTIONS" "exit $rc" "$err" "$out"; fi
    else
        skip "man -l $page (man is not installed)"
    fi
done
if command -v man >/dev/null; then
    run env MANWIDTH=200 man -l "$ROOT/usr/share/man/man1/minrole-audit.1.gz"
    contains "minrole-audit(1) documents --fail-on from the CLI's help" "$out" "--fail-on"
    contains "minrole-audit(1) lists the formats" "$out" "sarif"
fi

# bash: complete the way readline would, with COMP_WORDS/COMP_CWORD.
complete_bash() {
    bash --norc --noprofile -c '
        source "$1"; shift
        COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 ))
        _minrole
        printf "%s\n" "${COMPREPLY[@]}"' _ "$ROOT/usr/share/bash-completion/completions/minrole" "$@"
}
out=$(complete_bash minrole au)
contains "bash completes a subcommand" "$out" "audit"
out=$(complete_bash minrole audit --format "")
if [[ "$out" == *sarif* && "$out" == *json* && "$out" != *yaml* ]]; then pass; else
    fail "bash completes audit's formats (and only them)" "$out"; fi
out=$(complete_bash minrole audit --fa)
contains "bash completes a flag" "$out" "--fail-on"
out=$(complete_bash minrole explain Read-Write\ L)
contains "bash completes permission names" "$out" "Read-Write Lead"
out=$(complete_bash minrole endpoints --permission Approve)
contains "bash completes --permission values" "$out" "Approve Assets"
if command -v zsh >/dev/null; then
    run zsh -n "$ROOT/usr/share/zsh/vendor-completions/_minrole"
    expect_rc "zsh -n _minrole" 0
else
    skip "zsh completion syntax (zsh is not installed)"
fi
if command -v fish >/dev/null; then
    run fish -n "$ROOT/usr/share/fish/vendor_completions.d/minrole.fish"
    expect_rc "fish -n minrole.fish" 0
    run fish --no-config -c 'source $argv[1]; complete -C "minrole audit --format "; complete -C "minrole explain Read-Write L"' \
        "$ROOT/usr/share/fish/vendor_completions.d/minrole.fish"
    contains "fish completes audit's formats" "$out" "sarif"
    contains "fish completes permission names" "$out" "Read-Write Lead"
else
    skip "fish completion syntax (fish is not installed)"
fi
contains "zsh completion lists subcommands" "$(cat "$ROOT/usr/share/zsh/vendor-completions/_minrole")" "'audit:"
contains "fish completion lists formats" "$(cat "$ROOT/usr/share/fish/vendor_completions.d/minrole.fish")" "'text json md sarif html'"

for f in usr/share/doc/minrole/README.md usr/share/doc/minrole/examples/crm-lead-sync.yaml \
         usr/share/doc/minrole/examples/roles/over-broad.yaml; do
    if [[ -f "$ROOT/$f" ]]; then pass; else fail "/$f is installed"; fi
done
for schema in "$SRC"/schemas/*.json; do
    [[ -e "$schema" ]] || continue
    if cmp -s "$schema" "$ROOT/usr/share/minrole/schemas/$(basename "$schema")"; then pass; else
        fail "schema $(basename "$schema") is installed under /usr/share/minrole/schemas"; fi
done
lacks "the package carries no headers or static library" "$(dpkg-deb -c "$deb")" "include/minrole"

printf '%s passed, %s failed, %s skipped\n' "$passed" "$failed" "$skipped"
[[ $failed == 0 ]]
