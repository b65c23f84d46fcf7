#!/usr/bin/env bash
# The README's test command (`npm test`): every test of the harness, then one
# closing line `N passed, N failed` summed over all runners.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh || exit 2
out=$(mktemp -d)
status=0
# Tests must never touch the user's reports (history, latest, run folders).
reports_state() { find reports -printf '%P %s %T@\n' 2>/dev/null | sort; }
reports_before=$(reports_state)

echo "== Go: reference APIs"
for api in albums-api admin-api; do
  (cd "examples/$api" && go test -count=1 -v ./... 2>&1) | tee "$out/go-$api.txt" | grep -E '^(--- |ok|FAIL|PASS)' || true
  [ "${PIPESTATUS[0]}" = 0 ] || status=1
done

echo "== Unit and integration tests (vitest, with coverage of src/)"
npx vitest run --coverage --coverage.reportsDirectory="$out/coverage" \
  --reporter=default --reporter=json --outputFile.json="$out/vitest.json" 2>&1 | tee "$out/vitest.txt"
[ "${PIPESTATUS[0]}" = 0 ] || status=1

echo "== Playwright suites against the reference API (project local)"
PLAYWRIGHT_JSON_OUTPUT_NAME="$out/suites.json" npx playwright test --project=local --reporter=line,json 2>&1 | tee "$out/suites.log"
[ "${PIPESTATUS[0]}" = 0 ] || status=1

if [ -f test/browser/playwright.config.ts ]; then
  echo "== Browser tests of the HTML report"
  PLAYWRIGHT_JSON_OUTPUT_NAME="$out/browser.json" npx playwright test -c test/browser/playwright.config.ts --reporter=line,json 2>&1 | tee "$out/browser.log"
  [ "${PIPESTATUS[0]}" = 0 ] || status=1
fi

if [ "$(reports_state)" != "$reports_before" ]; then
  echo "npm test changed ./reports (a test wrote there); give it --run-dir in a temp folder. Changed:"
  diff <(echo "$reports_before") <(reports_state) | head -20
  status=1
fi

node scripts/count-results.mjs "$out"
[ $? = 0 ] || status=1
rm -rf "$out"
exit $status
