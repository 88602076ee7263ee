#!/usr/bin/env bash
# Takes the README's pictures in headless Chromium: the dashboard page of a server that has seen the bundled
# manipulated session, and the HTML drift report of the same ledger.
#
#   bash scripts/screenshots.sh        # writes docs/images/dashboard.png and docs/images/drift-report.png
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
chromium="${SYSTEMZERO_CHROMIUM_PATH:-/usr/bin/chromium}"
swift build --product systemzero >/dev/null
systemzero="$(swift build --show-bin-path)/systemzero"

work="$(mktemp -d)"
cleanup() {
    [[ -n "${server:-}" ]] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
cd "$work"

shot() { # URL-or-file output width height
    "$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$work/profile-$RANDOM" \
        --window-size="$3,$4" --screenshot="$2" "$1" >/dev/null 2>&1
}

key="$("$systemzero" keys create --role admin --name screenshots 2>/dev/null)"
"$systemzero" serve --port 18090 --templates "$root/templates" >/dev/null 2>"$work/serve.log" &
server=$!
until grep -q listening "$work/serve.log" 2>/dev/null; do sleep 0.05; done
for capture in "$root"/samples/sessions/manipulated_shift/*.json; do
    curl -s -o /dev/null -H "X-API-Key: $key" -H 'Content-Type: application/json' --data-binary "@$capture" \
        "http://127.0.0.1:18090/captures?session=manipulated_shift"
done
curl -s -o /dev/null http://127.0.0.1:18090/ledger/checkpoint   # signs a checkpoint that the report shows
curl -s -H "X-API-Key: $key" -H 'Accept: text/html' http://127.0.0.1:18090/dashboard >"$work/dashboard.html"
curl -s -H "X-API-Key: $key" "http://127.0.0.1:18090/logs/export?format=html&severity=warning" >"$work/report.html"
shot "file://$work/dashboard.html" "$root/docs/images/dashboard.png" 1280 1100
shot "file://$work/report.html" "$root/docs/images/drift-report.png" 1280 1400
echo "wrote docs/images/dashboard.png and docs/images/drift-report.png"
