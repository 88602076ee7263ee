#!/usr/bin/env bash
# The API benchmarks of docs/PERFORMANCE.md: wrk on loopback, 100 connections, against a bare Hummingbird hello-world
# and `systemzero serve`, both release builds, measured in the same run.
#
#   bash scripts/bench_http.sh            # DURATION=10s CONNECTIONS=100 THREADS=2 by default
#
# Needs wrk (apt-get install wrk). Prints one line per endpoint: requests/s, p50, p99, and the ratio to the bare server;
# then the server's resident memory idle and after the load.
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${DURATION:-10s}"
connections="${CONNECTIONS:-100}"
threads="${THREADS:-2}"
command -v wrk >/dev/null || { echo "bench_http: wrk is missing (apt-get install wrk)" >&2; exit 2; }

# SYSTEMZERO_BIN names an existing release binary instead of building one.
if [[ -z "${SYSTEMZERO_BIN:-}" ]]; then swift build -c release --scratch-path .build-release --product systemzero >/dev/null; fi
(cd Benchmarks/HelloHummingbird && swift build -c release >/dev/null)
systemzero="${SYSTEMZERO_BIN:-$PWD/.build-release/release/systemzero}"
hello="$PWD/Benchmarks/HelloHummingbird/.build/release/HelloHummingbird"

work="$(mktemp -d)"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

# wrk --latency output → "requests/s p50 p99"
measure() {
    local out
    out="$(wrk -t"$threads" -c"$connections" -d"$duration" --latency "$@")"
    local rps p50 p99
    rps="$(awk '/Requests\/sec/ { print $2 }' <<<"$out")"
    p50="$(awk '$1 == "50%" { print $2 }' <<<"$out")"
    p99="$(awk '$1 == "99%" { print $2 }' <<<"$out")"
    local errors
    errors="$(awk '/Non-2xx|Socket errors/ { print }' <<<"$out" | tr '\n' ' ')"
    echo "$rps $p50 $p99 $errors"
}
rss() { awk '/VmRSS/ { printf "%.1f MB", $2 / 1024 }' "/proc/$1/status"; }

"$hello" 18081 >/dev/null 2>&1 &
pids+=($!)
sleep 1
read -r base_rps base_p50 base_p99 _ <<<"$(measure http://127.0.0.1:18081/)"
printf '%-28s %10s req/s  p50 %-8s p99 %-8s\n' "bare hello-world" "$base_rps" "$base_p50" "$base_p99"

cd "$work"
key="$("$systemzero" keys create --role operator --name bench 2>/dev/null)"
start_ms=$(date +%s%3N)
SYSTEMZERO_RATE_LIMIT=100000000 SYSTEMZERO_RATE_BURST=100000000 "$systemzero" serve --port 18082 --templates "$OLDPWD/templates" \
    >/dev/null 2>"$work/serve.log" &
server=$!
pids+=("$server")
until grep -q listening "$work/serve.log" 2>/dev/null; do sleep 0.02; done
echo "start-up: $(( $(date +%s%3N) - start_ms )) ms to listening"
# A few captures so that /logs and /templates have content.
for sample in doordash_offer_card/drift/demoted_alternative.json doordash_offer_card/drift/false_urgency.json login_form/clean.json; do
    curl -s -o /dev/null -H "X-API-Key: $key" -H 'Content-Type: application/json' --data-binary "@$OLDPWD/samples/$sample" \
        http://127.0.0.1:18082/captures
done
sleep 1
echo "idle RSS: $(rss "$server")"

for path in /health /templates /status '/logs?limit=100'; do
    header=()
    [[ "$path" == /health ]] || header=(-H "X-API-Key: $key")
    read -r rps p50 p99 errors <<<"$(measure "${header[@]}" "http://127.0.0.1:18082$path")"
    ratio="$(awk -v a="$rps" -v b="$base_rps" 'BEGIN { printf "%.0f%%", 100 * a / b }')"
    printf '%-28s %10s req/s  p50 %-8s p99 %-8s %s of bare %s\n' "GET $path" "$rps" "$p50" "$p99" "$ratio" "$errors"
done

cat >"$work/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-API-Key"] = "$key"
local f = io.open("$OLDPWD/samples/doordash_offer_card/drift/demoted_alternative.json", "rb")
wrk.body = f:read("*a")
f:close()
-- Many devices, as in production: captures of one session are checked and recorded one after another.
counter = 0
request = function()
    counter = counter + 1
    return wrk.format(nil, "/captures?session=device-" .. (counter % 500))
end
LUA
read -r rps p50 p99 errors <<<"$(measure -s "$work/post.lua" http://127.0.0.1:18082/captures)"
printf '%-28s %10s req/s  p50 %-8s p99 %-8s %s\n' "POST /captures" "$rps" "$p50" "$p99" "$errors"
echo "RSS after the load: $(rss "$server") (peak $(awk '/VmHWM/ { printf "%.1f MB", $2 / 1024 }' "/proc/$server/status"))"
