#!/usr/bin/env bash
# Captures the demo pages of samples/web with headless Chromium into the sample gallery, and builds their templates:
#   samples/web_<page>/clean.json, clean_2.json   from <page>/clean.html, clean_2.html
#   samples/web_<page>/drift/<rule>.json          from the manipulated pages
#   templates/web_<page>.yaml                     from the two clean captures (policy fields written by hand are kept)
#
# Usage, from anywhere: samples/web/capture_gallery.sh   (SYSTEMZERO=path overrides the binary, .build/debug/systemzero)
set -euo pipefail
cd "$(dirname "$0")/../.."

BIN=${SYSTEMZERO:-.build/debug/systemzero}

# page folder, manipulated page, the rule it raises
DRIFTS=(
    "offer_card demoted_decline demoted_alternative"
    "offer_card countdown false_urgency"
    "consent_dialog preticked_box preselection"
    "checkout hidden_fee information_hiding"
)

for page in offer_card consent_dialog checkout; do
    folder="samples/web_$page"
    mkdir -p "$folder/drift"
    "$BIN" capture --chrome "samples/web/$page/clean.html" -o "$folder/clean.json"
    "$BIN" capture --chrome "samples/web/$page/clean_2.html" -o "$folder/clean_2.json"
    template="templates/web_$page.yaml"
    flags=()
    if [ -f "$template" ]; then
        # Rebuild beside a copy: the builder keeps the copy's policy; an unchanged template is left as it is.
        scratch=$(mktemp -d)
        cp "$template" "$scratch/"
        "$BIN" baseline build "$folder/clean.json" "$folder/clean_2.json" --screen-id "web_$page" -o "$scratch/web_$page.yaml" 2>/dev/null
        if cmp -s <(grep -v '^version: ' "$template") <(grep -v '^version: ' "$scratch/web_$page.yaml"); then
            echo "unchanged $template"
            rm -rf "$scratch"
            continue
        fi
        rm -rf "$scratch"
    fi
    "$BIN" baseline build "$folder/clean.json" "$folder/clean_2.json" --screen-id "web_$page" "${flags[@]}" -o "$template"
done

for entry in "${DRIFTS[@]}"; do
    read -r page file rule <<<"$entry"
    "$BIN" capture --chrome "samples/web/$page/$file.html" -o "samples/web_$page/drift/$rule.json"
done

"$BIN" baseline validate templates
