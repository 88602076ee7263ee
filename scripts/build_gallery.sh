#!/usr/bin/env bash
# Rebuilds the sample gallery: writes the captures in samples/, builds one template per screen in templates/ from its
# clean.json and clean_2.json with the real CLI, then validates the folder.
#
# The policy fields of a template (forbidden, prominence, valid_transitions, interstitial, layout_tolerance) are written
# by hand into templates/<screen>.yaml; `baseline build` keeps them. A template whose rebuild would change nothing but
# its version is left as it is, so running this twice changes nothing; a real change is written with the version
# bumped and the old file archived in templates/.history/.
#
# Usage, from anywhere: scripts/build_gallery.sh     (SYSTEMZERO=path overrides the binary, .build/debug/systemzero)
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${SYSTEMZERO:-.build/debug/systemzero}
if [ ! -x "$BIN" ]; then
    swift build --product systemzero
fi

python3 scripts/make_samples.py

# screen id, and whether it is the catch-all (no required nodes, chosen only when no specific template matches).
SCREENS=(
    "checkout"
    "discord_chat"
    "doordash_offer_card"
    "gmail_inbox"
    "login_form"
    "manipulative_upsell"
    "settings_panel"
    "system_default catch-all"
)

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p templates

for entry in "${SCREENS[@]}"; do
    read -r screen kind <<<"$entry"
    flags=()
    if [ "${kind:-}" = "catch-all" ]; then flags+=(--catch-all); fi
    captures=("samples/$screen/clean.json" "samples/$screen/clean_2.json")
    template="templates/$screen.yaml"
    if [ -f "$template" ]; then
        # Rebuild beside a copy first: the builder keeps the copy's policy and bumps its version.
        cp "$template" "$scratch/$screen.yaml"
        "$BIN" baseline build "${captures[@]}" --screen-id "$screen" "${flags[@]}" -o "$scratch/$screen.yaml" 2>/dev/null
        if cmp -s <(grep -v '^version: ' "$template") <(grep -v '^version: ' "$scratch/$screen.yaml"); then
            echo "unchanged $template"
            continue
        fi
    else
        echo "note: $template is new: write its policy fields (valid_transitions, …) by hand, then run this again" >&2
    fi
    "$BIN" baseline build "${captures[@]}" --screen-id "$screen" "${flags[@]}" -o "$template"
done

"$BIN" baseline validate templates
