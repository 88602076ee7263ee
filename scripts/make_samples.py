#!/usr/bin/env python3
"""Writes the sample captures in samples/ (native JSON, with Android-sized bounds).

Each screen has a clean capture and drifted variants, each variant made for one drift rule.
Run from the repository root: python3 scripts/make_samples.py
"""
import copy
import json
import os

W, H = 1080, 2340


def node(role, name=None, id=None, bounds=None, states=None, value=None, children=None, **attributes):
    n = {"role": role}
    if name is not None:
        n["name"] = name
    if value is not None:
        n["value"] = value
    if id is not None:
        n["id"] = id
    if states:
        n["states"] = sorted(states)
    if bounds is not None:
        n["bounds"] = list(bounds)
    if attributes:
        n["attributes"] = {k.replace("_", "-"): v for k, v in attributes.items()}
    if children:
        n["children"] = children
    return n


def status_bar():
    return node("group", id="com.android.systemui:id/status_bar", bounds=(0, 0, W, 80), children=[
        node("text", "12:45", id="com.android.systemui:id/clock", bounds=(40, 10, 120, 60)),
        node("image", "Battery 80 percent", id="com.android.systemui:id/battery", bounds=(960, 10, 80, 60)),
    ])


def capture(app, session, minute, tree):
    return {"app": app, "session": session, "captured_at": f"2026-11-26T20:{minute:02d}:00Z",
            "source": "android-uiautomator", "viewport": {"width": W, "height": H}, "tree": tree}


def offer_card(payout="$7.50", restaurant="Pizza Palace", distance="3.2 mi", eta="25 min"):
    return node("window", "Offer", bounds=(0, 0, W, H), children=[
        status_bar(),
        node("group", id="com.doordash.driverapp:id/offer_card", bounds=(0, 900, W, 1440), children=[
            node("text", "New delivery offer", id="com.doordash.driverapp:id/title", bounds=(60, 940, 960, 80)),
            node("text", payout, id="com.doordash.driverapp:id/payout_label", bounds=(60, 1040, 600, 140)),
            node("text", "Guaranteed (incl. tips)", id="com.doordash.driverapp:id/payout_caption", bounds=(60, 1180, 600, 60)),
            node("image", "Route map", id="com.doordash.driverapp:id/map", bounds=(60, 1260, 960, 420)),
            node("text", restaurant, id="com.doordash.driverapp:id/restaurant_name", bounds=(60, 1700, 960, 70)),
            node("text", distance, id="com.doordash.driverapp:id/distance", bounds=(60, 1780, 400, 60)),
            node("text", eta, id="com.doordash.driverapp:id/time_estimate", bounds=(500, 1780, 400, 60)),
            node("button", "Accept", id="com.doordash.driverapp:id/accept_button", states={"clickable", "focusable"},
                 bounds=(60, 1900, 960, 160)),
            node("button", "Decline", id="com.doordash.driverapp:id/decline_button", states={"clickable", "focusable"},
                 bounds=(60, 2100, 960, 160)),
        ]),
    ])


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(data, f, indent=2, ensure_ascii=False)
        f.write("\n")


def main():
    app = "com.doordash.driverapp"
    base = "samples/doordash_offer_card"
    write(f"{base}/clean.json", capture(app, "shift-42", 0, offer_card()))
    write(f"{base}/clean_2.json", capture(app, "shift-42", 5, offer_card("$9.25", "Taco Town", "1.8 mi", "12 min")))
    demoted = offer_card()
    card = demoted["children"][1]["children"]
    decline = card[-1]
    decline.update(role="link", name="No thanks")
    decline["bounds"] = [420, 2180, 240, 40]
    write(f"{base}/demoted_decline.json", capture(app, "shift-42", 10, demoted))


if __name__ == "__main__":
    main()
