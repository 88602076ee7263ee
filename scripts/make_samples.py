#!/usr/bin/env python3
"""Writes the sample gallery in samples/ (native JSON captures, Android-sized, bounds on every node).

For each screen: samples/<screen>/clean.json and clean_2.json (the same screen with the text that legitimately varies
changed: names, times, amounts; the template masks it), and samples/<screen>/drift/<rule>.json, each made to raise
exactly one drift rule. Sequence rules and the two demo shifts are sessions: samples/sessions/<name>/NN_<screen>.json,
checked in file order.

| screen | app | drift samples |
| --- | --- | --- |
| doordash_offer_card | Dasher | demoted_alternative, false_urgency, information_hiding, required_missing |
| login_form | Dasher | preselection |
| manipulative_upsell | Dasher (interstitial) | confirmshaming |
| settings_panel | Dasher | obstruction |
| checkout | DoorDash (customer app) | (sneaking, in a session) |
| gmail_inbox | Gmail | forbidden_present, content_changed |
| discord_chat | Discord | layout_drift |
| system_default | launcher (catch-all) | unknown_screen (a Maps screen no specific template knows) |

The captures are plain data; scripts/build_gallery.sh turns the clean ones into templates/. Output is deterministic.
Run from the repository root: python3 scripts/make_samples.py
"""
import copy
import json
import os
import shutil

W, H = 1080, 2340

DASHER = "com.doordash.driverapp"
DOORDASH = "com.dd.doordash"
DISCORD = "com.discord"
GMAIL = "com.google.android.gm"
LAUNCHER = "com.google.android.apps.nexuslauncher"
MAPS = "com.google.android.apps.maps"


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


def nav_bar():
    """Android's navigation bar: system UI, removed by the normalizer like the status bar."""
    return node("group", id="com.android.systemui:id/navigation_bar_frame", bounds=(0, 2214, W, 126), children=[
        node("button", "Back", id="com.android.systemui:id/back", states={"clickable"}, bounds=(140, 2224, 160, 106)),
        node("button", "Home", id="com.android.systemui:id/home", states={"clickable"}, bounds=(460, 2224, 160, 106)),
        node("button", "Overview", id="com.android.systemui:id/recent_apps", states={"clickable"}, bounds=(780, 2224, 160, 106)),
    ])


def capture(app, session, minute, tree):
    return {"app": app, "session": session, "captured_at": f"2026-11-26T20:{minute:02d}:00Z",
            "source": "android-uiautomator", "viewport": {"width": W, "height": H}, "tree": tree}


def rid(package, name):
    return f"{package}:id/{name}"


CLICK = {"clickable", "focusable"}


def button(name, package, id, bounds, role="button", states=()):
    return node(role, name, id=rid(package, id) if id else None, states=CLICK | set(states), bounds=bounds,
                **{"class": "android.widget.Button"})


def text(name, package=None, id=None, bounds=None, role="text"):
    return node(role, name, id=rid(package, id) if id else None, bounds=bounds, **{"class": "android.widget.TextView"})


def window(name, package, children):
    return node("window", name, bounds=(0, 0, W, H), children=[status_bar(), *children, nav_bar()],
                **{"class": "android.widget.FrameLayout", "package": package})


def find(tree, short_id):
    """The node whose id ends in :id/<short_id>, depth first."""
    if tree.get("id", "").endswith(":id/" + short_id):
        return tree
    for child in tree.get("children", []):
        found = find(child, short_id)
        if found is not None:
            return found
    return None


def parent_of(tree, short_id):
    for child in tree.get("children", []):
        if child.get("id", "").endswith(":id/" + short_id):
            return tree
        found = parent_of(child, short_id)
        if found is not None:
            return found
    return None


# MARK: - Dasher offer card


def offer_card(payout="$7.50", base="$2.50", tip="$5.00", store="Pizza Palace", address="1455 Market St",
               pickup="Pick up by 7:55 PM", area="Customer in Mission District", dropoff="Deliver by 8:20 PM",
               distance="3.2 mi", eta="25 min", items="2 items", status="Dashing until 9:00 PM"):
    p = DASHER
    return window("Offer", p, [
        node("group", id=rid(p, "map_container"), bounds=(0, 80, W, 1000), children=[
            node("image", "Map", id=rid(p, "map_view"), bounds=(0, 80, W, 1000)),
            node("image", "Pickup location", id=rid(p, "pickup_marker"), bounds=(300, 420, 90, 110)),
            node("image", "Drop-off location", id=rid(p, "dropoff_marker"), bounds=(700, 760, 90, 110)),
            node("image", "Your location", id=rid(p, "current_location_marker"), bounds=(500, 900, 70, 70)),
            button("Recenter map", p, "recenter_button", (940, 940, 110, 110)),
        ]),
        node("toolbar", id=rid(p, "dash_toolbar"), bounds=(0, 80, W, 150), children=[
            button("Open menu", p, "menu_button", (20, 100, 110, 110)),
            text(status, p, "dash_status", (150, 120, 620, 70)),
            button("Safety toolkit", p, "safety_button", (950, 100, 110, 110)),
        ]),
        node("group", id=rid(p, "offer_card"), bounds=(0, 1080, W, 1134), children=[
            text("New order", p, "offer_title", (60, 1110, 600, 60)),
            text(payout, p, "payout_label", (60, 1180, 500, 120)),
            text("Guaranteed (incl. tips)", p, "payout_caption", (60, 1300, 600, 50)),
            node("group", id=rid(p, "pay_breakdown"), bounds=(60, 1360, 960, 110), children=[
                text("Base pay", bounds=(60, 1360, 300, 50)),
                text(base, p, "base_pay_amount", (760, 1360, 260, 50)),
                text("Customer tip", bounds=(60, 1415, 300, 50)),
                text(tip, p, "tip_amount", (760, 1415, 260, 50)),
            ]),
            node("separator", bounds=(60, 1480, 960, 2)),
            node("group", id=rid(p, "pickup_row"), bounds=(60, 1500, 960, 150), children=[
                node("image", "Pickup", id=rid(p, "pickup_icon"), bounds=(60, 1510, 60, 60)),
                text(store, p, "restaurant_name", (140, 1500, 880, 60)),
                text(address, p, "pickup_address", (140, 1560, 880, 45)),
                text(pickup, p, "pickup_time", (140, 1605, 880, 45)),
            ]),
            node("group", id=rid(p, "dropoff_row"), bounds=(60, 1660, 960, 150), children=[
                node("image", "Drop-off", id=rid(p, "dropoff_icon"), bounds=(60, 1670, 60, 60)),
                text(area, p, "dropoff_area", (140, 1660, 880, 60)),
                text(dropoff, p, "dropoff_time", (140, 1720, 880, 45)),
            ]),
            node("group", id=rid(p, "offer_metrics"), bounds=(60, 1820, 960, 140), children=[
                node("group", bounds=(60, 1820, 300, 140), children=[
                    text(distance, p, "distance", (60, 1820, 300, 80)),
                    text("Total distance", bounds=(60, 1900, 300, 50)),
                ]),
                node("group", bounds=(390, 1820, 300, 140), children=[
                    text(eta, p, "time_estimate", (390, 1820, 300, 80)),
                    text("Est. time", bounds=(390, 1900, 300, 50)),
                ]),
                node("group", bounds=(720, 1820, 300, 140), children=[
                    text(items, p, "item_count", (720, 1820, 300, 80)),
                    text("Order size", bounds=(720, 1900, 300, 50)),
                ]),
            ]),
            button("Decline", p, "decline_button", (40, 2000, 480, 150)),
            button("Accept", p, "accept_button", (560, 2000, 480, 150)),
        ]),
    ])


OFFER_2 = dict(payout="$9.25", base="$3.00", tip="$6.25", store="Taco Town", address="88 Valencia St",
               pickup="Pick up by 8:10 PM", area="Customer in Noe Valley", dropoff="Deliver by 8:35 PM",
               distance="1.8 mi", eta="12 min", items="1 item", status="Dashing until 10:00 PM")
OFFER_3 = dict(payout="$11.75", base="$4.25", tip="$7.50", store="Sushi Den", address="301 Folsom St",
               pickup="Pick up by 8:40 PM", area="Customer in Potrero Hill", dropoff="Deliver by 9:05 PM",
               distance="4.6 mi", eta="31 min", items="3 items", status="Dashing until 10:00 PM")


def offer_card_items(tree):
    return find(tree, "offer_card")["children"]


def offer_demoted(**values):
    """The decline button turned into a small "No thanks" link under a full-width Accept."""
    tree = offer_card(**values)
    decline = find(tree, "decline_button")
    decline.update(role="link", name="No thanks", bounds=[440, 2170, 200, 40])
    decline["attributes"] = {"class": "android.widget.TextView"}
    find(tree, "accept_button")["bounds"] = [40, 2000, 1000, 150]
    return tree


def offer_countdown(**values):
    """A countdown the baseline offer card does not have."""
    tree = offer_card(**values)
    items = offer_card_items(tree)
    items.insert(1, node("group", id=rid(DASHER, "offer_countdown"), bounds=(660, 1110, 360, 60), children=[
        text("Offer expires in", bounds=(660, 1110, 240, 60)),
        node("timer", "0:45", bounds=(910, 1110, 110, 60), **{"class": "android.widget.Chronometer"}),
    ]))
    return tree


def offer_hidden_payout(**values):
    """The payout blanked until the driver accepts."""
    tree = offer_card(**values)
    find(tree, "payout_label")["name"] = ""
    items = offer_card_items(tree)
    index = items.index(find(tree, "payout_caption"))
    items.insert(index + 1, text("Accept to see what you will earn", bounds=(60, 1300, 700, 50)))
    return tree


def offer_without_store(**values):
    """The store's name is gone from the pickup row."""
    tree = offer_card(**values)
    row = find(tree, "pickup_row")
    row["children"] = [c for c in row["children"] if not c.get("id", "").endswith(":id/restaurant_name")]
    return tree


# MARK: - Dasher sign-in


def login_form(email="maria.lopez@example.com", password="•••••••••••", marketing=False):
    p = DASHER
    marketing_states = {"checkable", "clickable", "focusable"} | ({"checked"} if marketing else set())
    return window("Sign in", p, [
        node("group", id=rid(p, "login_scroll"), states={"scrollable"}, bounds=(0, 80, W, 2134), children=[
            node("image", "DoorDash Dasher", id=rid(p, "login_logo"), bounds=(390, 160, 300, 120)),
            text("Sign in to start dashing", p, "login_title", (60, 330, 960, 90), role="heading"),
            text("Use the email and password of your Dasher account.", p, "login_subtitle", (60, 430, 960, 60)),
            text("Email", bounds=(60, 530, 300, 50)),
            node("textbox", "Email", id=rid(p, "email_input"), value=email, states={"editable", "clickable", "focusable"},
                 bounds=(60, 580, 960, 130), **{"class": "android.widget.EditText"}),
            text("Password", bounds=(60, 740, 300, 50)),
            node("textbox", "Password", id=rid(p, "password_input"), value=password,
                 states={"editable", "clickable", "focusable", "password"}, bounds=(60, 790, 840, 130),
                 **{"class": "android.widget.EditText"}),
            button("Show password", p, "password_toggle", (910, 800, 110, 110), role="button"),
            node("checkbox", "Remember me", id=rid(p, "remember_me"), states={"checkable", "checked", "clickable", "focusable"},
                 bounds=(60, 950, 960, 80), **{"class": "android.widget.CheckBox"}),
            node("checkbox", "Send me marketing emails and offers", id=rid(p, "marketing_opt_in"), states=marketing_states,
                 bounds=(60, 1040, 960, 80), **{"class": "android.widget.CheckBox"}),
            button("Sign in", p, "sign_in_button", (60, 1160, 960, 150)),
            button("Forgot password?", p, "forgot_password_link", (340, 1330, 400, 60), role="link"),
            node("group", id=rid(p, "login_divider"), bounds=(60, 1420, 960, 60), children=[
                node("separator", bounds=(60, 1450, 420, 2)),
                text("or", bounds=(510, 1420, 60, 60)),
                node("separator", bounds=(600, 1450, 420, 2)),
            ]),
            button("Continue with Google", p, "google_sign_in_button", (60, 1510, 960, 130)),
            button("Sign in with phone number", p, "phone_sign_in_button", (60, 1660, 960, 130)),
            text("New to DoorDash?", bounds=(200, 1830, 420, 60)),
            button("Become a Dasher", p, "sign_up_link", (630, 1830, 300, 60), role="link"),
            text("By continuing, you agree to the Dasher Agreement and acknowledge the Privacy Policy.", p, "legal_text",
                 (60, 1920, 960, 100)),
            button("Dasher Agreement", p, "terms_link", (60, 2030, 420, 60), role="link"),
            button("Privacy Policy", p, "privacy_link", (520, 2030, 420, 60), role="link"),
            button("Get help", p, "help_link", (420, 2110, 240, 60), role="link"),
        ]),
    ])


LOGIN_2 = dict(email="maria.l.dasher@example.com", password="••••••••••••••")


# MARK: - Dasher settings


def settings_panel(name="Maria Lopez", email="maria.lopez@example.com", renews="Renews on Dec 26, 2026",
                   cancel_states=()):
    p = DASHER
    return window("Settings", p, [
        node("toolbar", id=rid(p, "settings_toolbar"), bounds=(0, 80, W, 150), children=[
            button("Navigate up", p, "settings_nav_up", (20, 100, 110, 110)),
            text("Settings", p, "settings_title", (160, 110, 600, 90), role="heading"),
        ]),
        node("group", id=rid(p, "settings_list"), states={"scrollable"}, bounds=(0, 230, W, 1984), children=[
            node("group", id=rid(p, "profile_header"), bounds=(0, 230, W, 220), children=[
                node("image", "Profile photo", id=rid(p, "profile_avatar"), bounds=(60, 260, 160, 160)),
                text(name, p, "profile_name", (250, 270, 600, 70)),
                text(email, p, "profile_email", (250, 345, 600, 55)),
                button("Edit profile", p, "edit_profile_button", (880, 290, 160, 100)),
            ]),
            text("Dasher Plus", p, "subscription_header", (60, 480, 960, 70), role="heading"),
            node("group", id=rid(p, "subscription_card"), bounds=(40, 560, 1000, 470), children=[
                text("Dasher Plus · $4.99/month", p, "plan_name", (80, 580, 920, 60)),
                text(renews, p, "plan_renewal", (80, 645, 920, 50)),
                text("Fee-free Fast Pay cash-outs", p, "plan_benefit", (80, 700, 920, 50)),
                button("Manage payment method", p, "manage_payment_button", (80, 780, 920, 110)),
                button("Cancel subscription", p, "cancel_subscription_button", (80, 900, 920, 110), states=cancel_states),
            ]),
            text("Notifications", p, "notifications_header", (60, 1060, 960, 70), role="heading"),
            node("switch", "Offer notifications", id=rid(p, "offer_notifications_switch"),
                 states={"checkable", "checked", "clickable", "focusable"}, bounds=(60, 1140, 960, 100),
                 **{"class": "android.widget.Switch"}),
            node("switch", "Offer sounds", id=rid(p, "offer_sound_switch"),
                 states={"checkable", "checked", "clickable", "focusable"}, bounds=(60, 1250, 960, 100),
                 **{"class": "android.widget.Switch"}),
            node("switch", "Promotions and news", id=rid(p, "promotions_switch"), states={"checkable", "clickable", "focusable"},
                 bounds=(60, 1360, 960, 100), **{"class": "android.widget.Switch"}),
            text("App", p, "app_header", (60, 1490, 960, 70), role="heading"),
            node("switch", "Dark mode", id=rid(p, "dark_mode_switch"), states={"checkable", "clickable", "focusable"},
                 bounds=(60, 1570, 960, 100), **{"class": "android.widget.Switch"}),
            button("Navigation app, Google Maps", p, "navigation_app_row", (60, 1680, 960, 100)),
            button("Language, English (US)", p, "language_row", (60, 1790, 960, 100)),
            text("Account", p, "account_header", (60, 1910, 960, 70), role="heading"),
            button("Privacy", p, "privacy_row", (60, 1990, 960, 70)),
            button("Help center", p, "help_row", (60, 2070, 960, 70)),
            button("Sign out", p, "sign_out_button", (60, 2150, 960, 60)),
        ]),
    ])


SETTINGS_2 = dict(name="Maria L.", email="maria.l.dasher@example.com", renews="Renews on Jan 3, 2027")


# MARK: - Dasher Plus upsell (an interstitial)


BENEFITS = ["Free Fast Pay cash-outs, every day", "Priority access to busy-time offers",
            "Roadside assistance three times a year", "Fuel rewards at partner stations"]


def upsell(savings="Maria, you paid $11.94 in Fast Pay fees last month.", decline="Not now"):
    p = DASHER
    rows = []
    for number, benefit in enumerate(BENEFITS):
        y = 1000 + number * 110
        rows.append(node("group", bounds=(60, y, 960, 100), children=[
            node("image", "Included", bounds=(60, y + 20, 60, 60)),
            text(benefit, bounds=(140, y, 880, 100)),
        ]))
    return window("Dasher Plus", p, [
        node("group", id=rid(p, "upsell_sheet"), states={"modal"}, bounds=(0, 160, W, 2054), children=[
            button("Close", p, "upsell_close_button", (960, 190, 90, 90)),
            node("image", "Dasher Plus", id=rid(p, "upsell_hero"), bounds=(240, 240, 600, 360)),
            text("Keep more of every dash", p, "upsell_title", (60, 640, 960, 100), role="heading"),
            text(savings, p, "upsell_savings", (60, 760, 960, 110)),
            node("group", id=rid(p, "upsell_benefits"), bounds=(60, 1000, 960, 430), children=rows),
            node("group", id=rid(p, "upsell_price_box"), bounds=(60, 1480, 960, 200), children=[
                text("$4.99/month", p, "upsell_price", (60, 1490, 960, 90)),
                text("Billed monthly. Cancel anytime in Settings.", p, "upsell_terms", (60, 1590, 960, 60)),
            ]),
            button("Upgrade to Dasher Plus", p, "upsell_upgrade_button", (60, 1720, 960, 150)),
            button(decline, p, "upsell_not_now_button", (60, 1890, 960, 130)),
            button("Compare plans", p, "upsell_compare_link", (390, 2060, 300, 60), role="link"),
        ]),
    ])


UPSELL_2 = dict(savings="Maria, you paid $7.96 in Fast Pay fees last month.")


# MARK: - DoorDash customer checkout


def checkout(address="1455 Mission St, Apt 4", eta="ASAP · 30–40 min", store="Pizza Palace",
             items=(("1×", "Margherita pizza", "$14.50"), ("2×", "Garlic knots", "$9.00"), ("1×", "Lemonade", "$3.25")),
             subtotal="$26.75", service="$4.01", tax="$2.34", tip="$4.00", total="$37.10", extra=None):
    p = DOORDASH
    rows = []
    for number, (quantity, name, price) in enumerate(items):
        y = 760 + number * 90
        rows.append(node("group", id=rid(p, "cart_item"), bounds=(60, y, 960, 80), children=[
            text(quantity, p, "item_quantity", (60, y, 80, 80)),
            text(name, p, "item_name", (160, y, 620, 80)),
            text(price, p, "item_price", (800, y, 220, 80)),
        ]))
    lines = [("Subtotal", subtotal, "subtotal_amount"), ("Delivery fee", "$0.00", "delivery_fee_amount"),
             ("Service fee", service, "service_fee_amount"), ("Estimated tax", tax, "tax_amount"),
             ("Dasher tip", tip, "checkout_tip_amount")]
    breakdown = []
    for number, (label, amount, id) in enumerate(lines):
        y = 1080 + number * 60
        breakdown += [text(label, bounds=(60, y, 600, 55)), text(amount, p, id, (800, y, 220, 55))]
    if extra:
        y = 1080 + len(lines) * 60
        breakdown.append(node("group", bounds=(60, y, 960, 55), children=[
            text(extra[0], bounds=(60, y, 600, 55)), text(extra[1], bounds=(800, y, 220, 55))]))
    breakdown_height = 60 * (len(lines) + (1 if extra else 0))
    return window("Checkout", p, [
        node("toolbar", id=rid(p, "checkout_toolbar"), bounds=(0, 80, W, 150), children=[
            button("Back", p, "checkout_back_button", (20, 100, 110, 110)),
            text("Checkout", p, "checkout_title", (160, 110, 600, 90), role="heading"),
        ]),
        node("group", id=rid(p, "checkout_scroll"), states={"scrollable"}, bounds=(0, 230, W, 1790), children=[
            node("group", id=rid(p, "delivery_section"), bounds=(0, 240, W, 400), children=[
                text("Delivery", bounds=(60, 250, 600, 60), role="heading"),
                text(address, p, "delivery_address", (60, 320, 960, 60)),
                text(eta, p, "delivery_eta", (60, 385, 960, 50)),
                node("radiogroup", id=rid(p, "delivery_options"), bounds=(60, 450, 960, 180), children=[
                    node("radio", "Standard", id=rid(p, "standard_delivery_option"),
                         states={"checkable", "checked", "clickable", "focusable"}, bounds=(60, 450, 960, 85)),
                    node("radio", "Priority, +$2.99, 10 min faster", id=rid(p, "priority_delivery_option"),
                         states={"checkable", "clickable", "focusable"}, bounds=(60, 545, 960, 85)),
                ]),
            ]),
            node("group", id=rid(p, "order_summary"), bounds=(0, 660, W, 400), children=[
                text(store, p, "checkout_store_name", (60, 670, 960, 70), role="heading"),
                *rows,
            ]),
            node("group", id=rid(p, "price_breakdown"), bounds=(0, 1070, W, breakdown_height + 20), children=breakdown),
            node("radiogroup", id=rid(p, "tip_options"), bounds=(60, 1460, 960, 110), children=[
                node("radio", label, states={"checkable", "clickable", "focusable"} | ({"checked"} if label == "$4" else set()),
                     bounds=(60 + number * 245, 1460, 225, 110))
                for number, label in enumerate(["$3", "$4", "$5", "Other"])
            ]),
            node("group", id=rid(p, "total_row"), bounds=(60, 1600, 960, 80), children=[
                text("Total", bounds=(60, 1600, 600, 80)),
                text(total, p, "total_amount", (800, 1600, 220, 80)),
            ]),
            node("group", id=rid(p, "payment_section"), bounds=(60, 1710, 960, 200), children=[
                text("Payment", bounds=(60, 1710, 600, 60), role="heading"),
                button("Visa ending in 4242", p, "payment_method_button", (60, 1780, 960, 110)),
            ]),
        ]),
        node("group", id=rid(p, "checkout_footer"), bounds=(0, 2030, W, 180), children=[
            button(f"Place order, {total}", p, "place_order_button", (40, 2045, 1000, 150)),
        ]),
    ])


# Every row differs from clean.json, the first one too: the builder masks a repeated id by its first node.
CHECKOUT_2 = dict(address="2200 Folsom St", eta="ASAP · 25–35 min", store="Sushi Den",
                  items=(("2×", "Salmon roll", "$24.00"), ("1×", "Miso soup", "$4.50"), ("3×", "Gyoza", "$7.50")),
                  subtotal="$36.00", service="$5.40", tax="$3.15", tip="$4.00", total="$48.55")


# MARK: - Discord channel


MESSAGES = [
    ("jake_dash", "Today at 7:31 PM", "Market St is closed at 5th, go around by Mission"),
    ("priya.k", "Today at 7:34 PM", "Thanks! Stadium crowd is heading out, lots of orders near the ballpark"),
    ("rob_on_wheels", "Today at 7:38 PM", "Pizza Palace kitchen is backed up about 15 min tonight"),
    ("dina_m", "Today at 7:40 PM", "Anyone else getting the new offer screen? Looks different"),
    ("jake_dash", "Today at 7:42 PM", "Yeah, updated the app this morning"),
    ("mo.delivers", "Today at 7:45 PM", "Parking on Valencia is easy right now"),
]
MESSAGES_2 = [
    ("lena_rides", "Today at 8:02 PM", "Quiet in the Sunset, heading back downtown"),
    ("rob_on_wheels", "Today at 8:05 PM", "Taco Town has three orders waiting at the counter"),
    ("priya.k", "Today at 8:07 PM", "Got a nice tip from a Potrero Hill customer"),
    ("sam.dashes", "Today at 8:09 PM", "Anybody know if the Folsom garage is open?"),
    ("dina_m", "Today at 8:11 PM", "It is, entrance on 4th"),
    ("mo.delivers", "Today at 8:12 PM", "Good luck with the dinner rush everyone"),
]
MEMBERS = [("jake_dash", "Dashing in SoMa"), ("priya.k", "Online"), ("rob_on_wheels", "Dashing downtown"),
           ("dina_m", "Idle"), ("mo.delivers", "Online"), ("lena_rides", "Do not disturb")]


def discord_chat(messages=MESSAGES):
    p = DISCORD
    items = []
    for number, (author, time, content) in enumerate(messages):
        y = 250 + number * 290
        items.append(node("group", id=rid(p, "chat_list_adapter_item"), bounds=(0, y, W, 280), children=[
            node("image", id=rid(p, "chat_list_adapter_item_avatar"), bounds=(30, y + 10, 110, 110)),
            text(author, p, "chat_list_adapter_item_text_name", (170, y + 10, 420, 60)),
            text(time, p, "chat_list_adapter_item_text_timestamp", (600, y + 10, 420, 60)),
            text(content, p, "chat_list_adapter_item_text", (170, y + 75, 880, 190)),
        ]))
    return window("Discord", p, [
        node("toolbar", id=rid(p, "channel_toolbar"), bounds=(0, 80, W, 160), children=[
            button("Open navigation drawer", p, "channel_drawer_button", (20, 105, 110, 110)),
            text("dashers-downtown", p, "channel_toolbar_title", (150, 95, 560, 70)),
            text("Tips, hot spots and road closures", p, "channel_toolbar_topic", (150, 165, 560, 55)),
            button("Search", p, "channel_search_button", (820, 105, 110, 110)),
            button("Member list", p, "channel_members_button", (950, 105, 110, 110)),
        ]),
        node("list", id=rid(p, "chat_list"), states={"scrollable"}, bounds=(0, 240, W, 1780), children=items),
        node("group", id=rid(p, "chat_input_container"), bounds=(0, 2030, W, 180), children=[
            button("Add attachment", p, "chat_input_add_attachment", (20, 2065, 110, 110)),
            node("textbox", "Message #dashers-downtown", id=rid(p, "chat_input_edit_text"),
                 states={"editable", "clickable", "focusable"}, bounds=(150, 2055, 760, 130),
                 **{"class": "android.widget.EditText"}),
            button("Open emoji picker", p, "chat_input_emoji", (940, 2065, 110, 110)),
        ]),
    ])


def discord_with_members():
    """The member list drawer open over the channel: a large panel the baseline does not have."""
    tree = discord_chat()
    p = DISCORD
    rows = []
    for number, (member, status) in enumerate(MEMBERS):
        y = 420 + number * 170
        rows.append(node("group", id=rid(p, "channel_members_list_item"), bounds=(300, y, 780, 160), children=[
            node("image", id=rid(p, "channel_members_list_item_avatar"), bounds=(320, y + 20, 110, 110)),
            text(member, p, "channel_members_list_item_name", (450, y + 20, 610, 60)),
            text(status, p, "channel_members_list_item_status", (450, y + 85, 610, 50)),
        ]))
    drawer = node("group", id=rid(p, "channel_members_drawer"), bounds=(300, 240, 780, 1790), children=[
        text("Online — 6", p, "channel_members_header", (320, 260, 740, 80), role="heading"),
        node("list", id=rid(p, "channel_members_list"), bounds=(300, 420, 780, 1610), children=rows),
    ])
    children = tree["children"]
    children.insert(len(children) - 1, drawer)
    return tree


# MARK: - Gmail inbox


THREADS = [
    ("DoorDash Dasher", "7:42 PM", "Your weekly pay statement", "You earned $812.40 from Nov 16 to Nov 22. See the details"),
    ("Dad", "6:15 PM", "Sunday dinner", "Are you coming over on Sunday? Mom is making tamales"),
    ("Google", "5:03 PM", "Security alert", "A new sign-in on Pixel 8. If this was you, you don't need to do anything"),
    ("City of San Francisco", "2:47 PM", "Parking permit renewal", "Your residential parking permit renewal was received"),
    ("Ana Ruiz", "11:20 AM", "Carpool on Saturday", "I can drive this time, pick you up at nine?"),
    ("Chase", "Nov 25", "Your statement is ready", "Your November statement for checking ••1180 is available"),
    ("Spotify", "Nov 25", "New music for your drive", "We made a playlist from what you played on the road this week"),
]
THREADS_2 = [
    ("Google Calendar", "8:01 PM", "Reminder: Car service", "Car service at Mission Auto tomorrow at 10 AM"),
    ("DoorDash Dasher", "6:40 PM", "Welcome to the Platinum tier", "Thanks for your great ratings this month. Here is what is new"),
    ("Ana Ruiz", "4:12 PM", "Re: Carpool on Saturday", "Perfect, see you then"),
    ("PG&E", "1:30 PM", "Your bill is ready", "Your November energy statement is ready to view"),
    ("Dad", "10:05 AM", "Photos from the game", "Here are the pictures from the game last night"),
    ("Google", "Nov 24", "Storage update", "Your Google storage is 61% full"),
    ("Strava", "Nov 24", "Your weekly summary", "You rode 42 miles this week across five rides"),
]


def ad_banner():
    """A sponsored message pinned above the inbox, dressed as an email."""
    p = GMAIL
    return node("group", id=rid(p, "ad_item"), states={"clickable"}, bounds=(0, 400, W, 210), children=[
        text("Ad", p, "ad_badge", (170, 420, 60, 50)),
        text("QuickCash", p, "ad_sender", (240, 410, 600, 60)),
        text("Get paid before payday", p, "ad_subject", (170, 475, 850, 55)),
        text("Instant advances for gig workers. No credit check.", p, "ad_snippet", (170, 535, 850, 50)),
    ])


def gmail_inbox(threads=THREADS, search_hint="Search in mail", ad=False):
    p = GMAIL
    rows = []
    offset = 220 if ad else 0
    for number, (sender, date, subject, snippet) in enumerate(threads):
        y = 420 + offset + number * 225
        rows.append(node("group", id=rid(p, "viewified_conversation_item_view"), states={"clickable"},
                         bounds=(0, y, W, 215), children=[
            node("image", sender, id=rid(p, "contact_image"), bounds=(30, y + 20, 110, 110)),
            text(sender, p, "senders", (170, y + 10, 650, 60)),
            text(date, p, "date", (830, y + 10, 220, 60)),
            text(subject, p, "subject", (170, y + 75, 760, 55)),
            text(snippet, p, "snippet", (170, y + 135, 760, 55)),
            button("Star", p, "star", (950, y + 100, 100, 100)),
        ]))
    return window("Inbox", p, [
        node("group", id=rid(p, "open_search"), bounds=(30, 100, 1020, 140), children=[
            button("Open navigation drawer", p, None, (50, 115, 110, 110)),
            text(search_hint, p, "search_hint", (180, 130, 620, 80)),
            button("Signed in as maria.lopez@example.com", p, "selected_account_disc_gmail", (920, 115, 110, 110)),
        ]),
        text("Primary", p, "thread_list_header", (60, 300, 400, 70)),
        *([ad_banner()] if ad else []),
        node("list", id=rid(p, "thread_list_view"), states={"scrollable"}, bounds=(0, 400 + offset, W, 1640 - offset),
             children=rows),
        button("Compose", p, "compose_button", (680, 1900, 360, 140)),
        node("tablist", id=rid(p, "bottom_navigation"), bounds=(0, 2060, W, 154), children=[
            node("tab", "Mail", id=rid(p, "mail_tab"), states={"clickable", "selected"}, bounds=(0, 2060, 540, 154)),
            node("tab", "Meet", id=rid(p, "meet_tab"), states={"clickable"}, bounds=(540, 2060, 540, 154)),
        ]),
    ])


# MARK: - Launcher home screen (the catch-all)


APPS = ["DoorDash", "Dasher", "Discord", "Gmail", "Maps", "Waze", "Spotify", "YouTube",
        "Calendar", "Photos", "Clock", "Calculator", "Files", "Drive", "Keep Notes", "Wallet"]


def home_screen(date="Thursday, Nov 26", weather="48°F Partly cloudy"):
    p = LAUNCHER
    icons = []
    for number, app in enumerate(APPS):
        x = 40 + (number % 4) * 255
        y = 700 + (number // 4) * 300
        icons.append(node("button", app, states=CLICK, bounds=(x, y, 235, 280), **{"class": "android.widget.TextView"}))
    return window("Home", p, [
        node("group", id=rid(p, "workspace"), bounds=(0, 80, W, 1700), children=[
            node("group", id=rid(p, "smartspace"), bounds=(60, 200, 960, 300), children=[
                text(date, p, "smartspace_date", (60, 220, 960, 110)),
                text(weather, p, "smartspace_weather", (60, 340, 960, 80)),
            ]),
            node("group", id=rid(p, "workspace_grid"), bounds=(40, 700, 1000, 1200), children=icons),
        ]),
        node("group", id=rid(p, "hotseat"), bounds=(0, 1800, W, 250), children=[
            node("button", app, states=CLICK, bounds=(40 + number * 255, 1820, 235, 210), **{"class": "android.widget.TextView"})
            for number, app in enumerate(["Phone", "Messages", "Chrome", "Camera"])
        ]),
        node("group", id=rid(p, "search_container_hotseat"), bounds=(40, 2070, 1000, 130), children=[
            button("Google app", p, None, (60, 2080, 110, 110)),
            text("Search", bounds=(190, 2090, 500, 90)),
            button("Voice search", p, None, (780, 2080, 110, 110)),
            button("Google Lens", p, None, (910, 2080, 110, 110)),
        ]),
    ])


HOME_2 = dict(date="Friday, Nov 27", weather="52°F Sunny")


def maps_navigation():
    """Google Maps turn-by-turn navigation: a screen no specific template knows."""
    p = MAPS
    return window("Google Maps", p, [
        node("group", id=rid(p, "navigation_map"), bounds=(0, 80, W, 1800), children=[
            node("image", "Map", id=rid(p, "map_frame"), bounds=(0, 80, W, 1800)),
            node("image", "Your location, heading north", id=rid(p, "chevron"), bounds=(500, 1300, 90, 90)),
            button("Re-center", p, "recenter_button", (60, 1560, 260, 110)),
            button("Show route overview", p, "route_overview_button", (940, 900, 110, 110)),
            button("Mute voice guidance", p, "voice_button", (940, 1030, 110, 110)),
            button("Search along route", p, "search_along_route_button", (940, 1160, 110, 110)),
        ]),
        node("group", id=rid(p, "directions_banner"), bounds=(20, 100, 1040, 320), children=[
            node("image", "Turn right", id=rid(p, "maneuver_icon"), bounds=(40, 130, 140, 140)),
            text("500 ft", p, "distance_to_turn", (200, 120, 400, 80)),
            text("Turn right onto 16th St", p, "street_name", (200, 200, 820, 80)),
            node("group", id=rid(p, "next_step"), bounds=(20, 330, 1040, 90), children=[
                text("Then", bounds=(40, 340, 120, 70)),
                node("image", "Turn left", bounds=(170, 345, 60, 60)),
            ]),
        ]),
        node("group", id=rid(p, "lane_guidance"), bounds=(20, 430, 600, 110), children=[
            node("image", "Lane 1, straight", bounds=(40, 440, 90, 90)),
            node("image", "Lane 2, straight or right", bounds=(140, 440, 90, 90)),
            node("image", "Lane 3, right", bounds=(240, 440, 90, 90)),
        ]),
        node("group", id=rid(p, "footer"), bounds=(0, 1880, W, 334), children=[
            button("Exit navigation", p, "close_button", (30, 1940, 130, 130)),
            text("12 min", p, "remaining_time", (200, 1900, 400, 90)),
            text("3.2 mi · 8:07 PM", p, "eta_details", (200, 1995, 500, 70)),
            button("Route options", p, "route_options_button", (920, 1940, 130, 130)),
            text("Fastest route, the usual traffic", p, "traffic_text", (200, 2080, 700, 60)),
        ]),
    ])


# MARK: - Writing


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(data, f, indent=2, ensure_ascii=False)
        f.write("\n")


APPS_OF = {"doordash_offer_card": DASHER, "login_form": DASHER, "settings_panel": DASHER, "manipulative_upsell": DASHER,
           "checkout": DOORDASH, "discord_chat": DISCORD, "gmail_inbox": GMAIL, "system_default": LAUNCHER}


def screen(name, clean, clean_2, drift=None):
    """samples/<name>/clean.json, clean_2.json and drift/<rule>.json (the folder rewritten from scratch)."""
    app = APPS_OF[name]
    base = f"samples/{name}"
    shutil.rmtree(f"{base}/drift", ignore_errors=True)
    write(f"{base}/clean.json", capture(app, "gallery", 0, clean))
    write(f"{base}/clean_2.json", capture(app, "gallery", 5, clean_2))
    for rule, (tree, tree_app) in (drift or {}).items():
        write(f"{base}/drift/{rule}.json", capture(tree_app or app, "gallery", 10, tree))


def session(name, steps):
    """samples/sessions/<name>/NN_<screen>.json, one minute apart, in order."""
    folder = f"samples/sessions/{name}"
    shutil.rmtree(folder, ignore_errors=True)
    for number, (screen_id, tree) in enumerate(steps, start=1):
        write(f"{folder}/{number:02d}_{screen_id}.json", capture(APPS_OF[screen_id], name.replace("_", "-"), number, tree))


def main():
    screen("doordash_offer_card", offer_card(), offer_card(**OFFER_2), {
        "demoted_alternative": (offer_demoted(), None),
        "false_urgency": (offer_countdown(), None),
        "information_hiding": (offer_hidden_payout(), None),
        "required_missing": (offer_without_store(), None),
    })
    # The original demo file, kept for the README's `diff` example; the same capture as drift/demoted_alternative.json.
    write("samples/doordash_offer_card/demoted_decline.json", capture(DASHER, "gallery", 10, offer_demoted()))
    screen("login_form", login_form(), login_form(**LOGIN_2), {
        "preselection": (login_form(marketing=True), None),
    })
    screen("settings_panel", settings_panel(), settings_panel(**SETTINGS_2), {
        "obstruction": (settings_panel(cancel_states={"disabled"}), None),
    })
    screen("manipulative_upsell", upsell(), upsell(**UPSELL_2), {
        "confirmshaming": (upsell(decline="No thanks, I prefer paying full price"), None),
    })
    screen("checkout", checkout(), checkout(**CHECKOUT_2))
    screen("discord_chat", discord_chat(), discord_chat(MESSAGES_2), {
        "layout_drift": (discord_with_members(), None),
    })
    screen("gmail_inbox", gmail_inbox(), gmail_inbox(THREADS_2), {
        "forbidden_present": (gmail_inbox(ad=True), None),
        "content_changed": (gmail_inbox(search_hint="Search in emails"), None),
    })
    screen("system_default", home_screen(), home_screen(**HOME_2), {
        "unknown_screen": (maps_navigation(), MAPS),
    })

    # Sequence rules: the last capture of each session raises the rule, the others nothing.
    session("invalid_transition", [("login_form", login_form()), ("manipulative_upsell", upsell())])
    session("loop", [("settings_panel", settings_panel()), ("login_form", login_form()),
                     ("settings_panel", settings_panel()), ("login_form", login_form())])
    session("nagging", [("manipulative_upsell", upsell()), ("doordash_offer_card", offer_card()),
                        ("manipulative_upsell", upsell(**UPSELL_2))])
    sneaked = dict(service="$4.01", total="$39.59", extra=("Order protection", "$2.49"))
    session("sneaking", [("checkout", checkout()), ("checkout", checkout(**sneaked))])

    # A driver's shift, all clean, every transition one the templates allow.
    session("clean_shift", [
        ("system_default", home_screen()),
        ("login_form", login_form()),
        ("doordash_offer_card", offer_card()),
        ("discord_chat", discord_chat()),
        ("doordash_offer_card", offer_card(**OFFER_2)),
        ("checkout", checkout()),
        ("gmail_inbox", gmail_inbox()),
        ("settings_panel", settings_panel()),
        ("system_default", home_screen(**HOME_2)),
    ])
    # The same shift with manipulations; GalleryTests lists the events each capture raises.
    session("manipulated_shift", [
        ("system_default", home_screen()),
        ("login_form", login_form(marketing=True)),                  # preselection
        ("doordash_offer_card", offer_demoted()),                     # demoted_alternative
        ("manipulative_upsell", upsell(decline="No thanks, I prefer paying full price")),  # confirmshaming
        ("doordash_offer_card", offer_countdown(**OFFER_2)),          # false_urgency
        ("discord_chat", discord_chat(MESSAGES_2)),
        ("doordash_offer_card", offer_hidden_payout(**OFFER_3)),      # information_hiding
        ("manipulative_upsell", upsell(**UPSELL_2)),                  # nagging
        ("doordash_offer_card", offer_card(**OFFER_3)),
        ("checkout", checkout()),
        ("checkout", checkout(**sneaked)),                            # sneaking
        ("gmail_inbox", gmail_inbox(ad=True)),                        # forbidden_present
        ("settings_panel", settings_panel(cancel_states={"disabled"})),  # obstruction
        ("system_default", home_screen(**HOME_2)),
    ])


if __name__ == "__main__":
    main()
