#!/usr/bin/env bash
# MCP conformance of the remote endpoint: builds, starts `heygen-mcp --http --sandbox`, and runs every
# conformance scenario that applies to heygen-mcp, in both protocol eras. Needs the npm registry (npx).
#
# Scenarios left out need the suite's diagnostic fixtures (test_* tools, prompts, resources), or
# capabilities heygen-mcp does not declare (logging, completions, resources, prompts, tasks); the README's
# "Conformance" section lists them. A check that fails for one of those reasons inside an otherwise
# applicable scenario is named below as allowed; any other failing check fails this script.
#
#   PORT=3999 scripts/conformance.sh        SKIP_BUILD=1 to reuse dist/
set -euo pipefail
cd "$(dirname "$0")/.."

PORT="${PORT:-3999}"
URL="http://127.0.0.1:${PORT}/mcp"
OUT="$(mktemp -d)"
LEGACY="@modelcontextprotocol/conformance@0.1.16"
MODERN="@modelcontextprotocol/conformance@0.2.0-alpha.12"

[ "${SKIP_BUILD:-}" = "1" ] || npm run build --silent

# No credential is sent by the suite: in --sandbox mode such a request uses the sandbox key.
node dist/heygen-mcp.js --http --sandbox --port "$PORT" --log-level warn 2>"$OUT/server.log" &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; rm -rf "$OUT"' EXIT

for _ in $(seq 100); do
  node -e "fetch('http://127.0.0.1:${PORT}/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))" && break
  sleep 0.1
done

failed=0
# run <package> <scenario> [--spec-version V] [-- allowed failing check ids...]
run() {
  local pkg="$1" scenario="$2"
  shift 2
  local args=() allowed=""
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do args+=("$1"); shift; done
  [ $# -gt 0 ] && shift && allowed="$*"
  local dir="$OUT/${scenario}-${pkg##*@}"
  npx -y "$pkg" server --url "$URL" --scenario "$scenario" "${args[@]}" -o "$dir" >"$dir.log" 2>&1 || true
  if ! ALLOWED="$allowed" node -e '
    const fs = require("node:fs"), path = require("node:path");
    const dir = process.argv[1];
    const sub = fs.existsSync(dir) ? fs.readdirSync(dir)[0] : undefined;
    if (!sub) { console.log("no results"); process.exit(1); }
    const checks = JSON.parse(fs.readFileSync(path.join(dir, sub, "checks.json"), "utf8"));
    const allowed = new Set((process.env.ALLOWED || "").split(" ").filter(Boolean));
    const bad = checks.filter((c) => c.status === "FAILURE" && !allowed.has(c.id));
    const passed = checks.filter((c) => c.status === "SUCCESS").length;
    const skipped = checks.filter((c) => c.status === "FAILURE").length - bad.length;
    console.log(`${passed} passed${skipped ? `, ${skipped} not applicable` : ""}${bad.length ? `, FAILED: ${bad.map((c) => c.id).join(", ")}` : ""}`);
    process.exit(bad.length === 0 && passed > 0 ? 0 : 1);
  ' "$dir" >"$dir.summary"; then
    failed=1
  fi
  printf '%-48s %s\n' "${scenario} (${pkg##*@})" "$(cat "$dir.summary")"
}

echo "== 2025-11-25 era (${LEGACY})"
run "$LEGACY" server-initialize
run "$LEGACY" ping
run "$LEGACY" tools-list
run "$LEGACY" dns-rebinding-protection

echo "== 2026-07-28 era (${MODERN})"
M=(--spec-version 2026-07-28)
run "$MODERN" server-stateless "${M[@]}" -- \
  sep-2575-server-rejects-undeclared-capability sep-2575-missing-capability-http-400 \
  sep-2575-http-server-no-independent-requests-on-stream sep-2575-server-no-log-without-loglevel
run "$MODERN" tools-list "${M[@]}"
run "$MODERN" dns-rebinding-protection "${M[@]}"
run "$MODERN" http-header-validation "${M[@]}"
run "$MODERN" server-sse-multiple-streams "${M[@]}"
run "$MODERN" sep-2164-resource-not-found "${M[@]}"
run "$MODERN" caching "${M[@]}" -- \
  sep-2549-prompts-list-caching-hints sep-2549-resources-list-caching-hints \
  sep-2549-resources-templates-list-caching-hints
run "$MODERN" input-required-result-unsupported-methods "${M[@]}"
run "$MODERN" input-required-result-validate-input "${M[@]}"

if [ "$failed" -ne 0 ]; then
  echo "conformance: failures above (server log: $(tail -n 5 "$OUT/server.log" 2>/dev/null | tr '\n' ' '))" >&2
  exit 1
fi
echo "conformance: all applicable scenarios pass"
