#!/usr/bin/env bash
# What the GitHub Action (action.yml) runs, usable anywhere: audit a role (SARIF for code
# scanning, Markdown for the job summary) and, on pull requests, the new-access gate against the
# base branch's role. Settings come from the environment (the Action maps its inputs):
#   MINROLE_ROLE       role spec YAML (required)
#   MINROLE_INTENT     intent YAML            } at least one of the two
#   MINROLE_SCAN       paths to scan, spaces  }
#   MINROLE_POLICY     policy file (default: .minrole.yaml found upward; "none" ignores any)
#   MINROLE_FAIL_ON    error | warning | note | none (default: the policy's, else warning)
#   MINROLE_BASE_REF   git ref of the base branch: runs `minrole diff --fail-on-new-access`
#   MINROLE_SARIF      where to write the SARIF (default: minrole.sarif)
#   MINROLE            the binary (default: minrole on PATH)
#   GITHUB_STEP_SUMMARY, GITHUB_OUTPUT   as GitHub sets them (the summary and the outputs)
# Exit status: 0 clean, 1 findings at or above the threshold or new access, 2 bad input. Every
# step runs even when an earlier one failed; the status is decided at the end.
set -u
MINROLE=${MINROLE:-minrole}
role=${MINROLE_ROLE:-}
sarif=${MINROLE_SARIF:-minrole.sarif}
summary=${GITHUB_STEP_SUMMARY:-/dev/null}
if [[ -z $role ]]; then
    echo "minrole action: the 'role' input is required" >&2
    exit 2
fi
args=(--role "$role")
[[ -n ${MINROLE_INTENT:-} ]] && args+=(--intent "$MINROLE_INTENT")
for path in ${MINROLE_SCAN:-}; do args+=(--scan "$path"); done
if [[ -z ${MINROLE_INTENT:-} && -z ${MINROLE_SCAN:-} ]]; then
    echo "minrole action: give 'intent' or 'scan' (what the integration calls)" >&2
    exit 2
fi
case ${MINROLE_POLICY:-} in
    "") ;;
    none) args+=(--no-policy) ;;
    *) args+=(--policy "$MINROLE_POLICY") ;;
esac
fail_on=()
[[ -n ${MINROLE_FAIL_ON:-} ]] && fail_on=(--fail-on "$MINROLE_FAIL_ON")

"$MINROLE" audit "${args[@]}" "${fail_on[@]}" --format sarif -o "$sarif"
audit_rc=$?
# The Markdown reports bring their own headings ("## minrole audit of `role`").
"$MINROLE" audit "${args[@]}" --fail-on none --format md >>"$summary"
[[ $audit_rc -le 1 ]] || echo "minrole action: audit failed (exit $audit_rc)" >&2

diff_rc=0
if [[ -n ${MINROLE_BASE_REF:-} ]]; then
    base=$(mktemp)
    if git show "$MINROLE_BASE_REF:$role" >"$base" 2>/dev/null; then
        # The report's own heading names the temporary copy of the base role: this one says
        # what it is instead.
        { echo; echo "## minrole diff against \`$MINROLE_BASE_REF\`: \`$role\`"; echo
          "$MINROLE" diff "$base" "$role" --format md | sed '1{/^## /d}'; } >>"$summary"
        "$MINROLE" diff "$base" "$role" --fail-on-new-access >/dev/null
        diff_rc=$?
        [[ $diff_rc == 1 ]] && echo "minrole action: $role reaches endpoints it could not reach on $MINROLE_BASE_REF" >&2
    else
        { echo; echo "## \`$role\` is new: everything it reaches"; echo; echo '```'
          "$MINROLE" allows "$role"; echo '```'; } >>"$summary"
    fi
    rm -f "$base"
fi
if [[ -n ${GITHUB_OUTPUT:-} ]]; then
    { echo "sarif=$sarif"; echo "audit-exit-code=$audit_rc"; echo "diff-exit-code=$diff_rc"; } >>"$GITHUB_OUTPUT"
fi
# Bad input (2) wins over findings (1).
rc=$audit_rc
((diff_rc > rc)) && rc=$diff_rc
exit $rc
