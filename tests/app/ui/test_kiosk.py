"""The visitor kiosk (pst-desk --kiosk 7604): the real kiosk under Xvfb,
driven through AT-SPI, against a real pst-server with the demo data of
BPS Kabupaten Mamuju (7604), whose procedure is switched to the guest
book before the number for these tests.

The kiosk speaks Indonesian by default: widgets are found by the
translation the built catalogue gives (PST_LOCALE_DIR), which is the
English text itself while a message is not translated yet."""

import gettext
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pstui  # noqa: E402

OFFICE = "7604"
SHOTS = os.environ.get("PST_SCREENSHOT_DIR", "/tmp/pst-ui-screenshots")

# Two articles of our own, so the test does not depend on the demo's seed.
ARTICLES = [
    {"external_id": "kiosk-test/poverty-id", "lang": "id",
     "title": "Persentase penduduk miskin Kabupaten Mamuju",
     "body": "Persentase penduduk miskin Kabupaten Mamuju dihitung dari Survei Sosial Ekonomi "
             "Nasional (Susenas) bulan Maret. Penduduk miskin adalah penduduk dengan rata-rata "
             "pengeluaran per kapita per bulan di bawah garis kemiskinan.\n\n"
             "Tabelnya ada di publikasi Kabupaten Mamuju Dalam Angka, bab Kemiskinan.",
     "tags": ["kemiskinan", "susenas"], "category": "data", "office": OFFICE},
    {"external_id": "kiosk-test/poverty-en", "lang": "en",
     "title": "Poverty rate of Mamuju Regency",
     "body": "The poverty rate is the share of people whose monthly spending per capita is "
             "below the poverty line, from the March National Socio-Economic Survey (Susenas).",
     "tags": ["poverty"], "category": "data", "office": OFFICE},
]
TITLE_ID = ARTICLES[0]["title"]

_catalogue = gettext.translation("pst-desk", os.environ.get("PST_LOCALE_DIR"), ["id"],
                                 fallback=True)


def T(msgid, context=None):
    """The Indonesian text of msgid, as the kiosk shows it by default."""
    if context:
        return _catalogue.pgettext(context, msgid)
    return _catalogue.gettext(msgid)


def start_kiosk(workdir, server, idle_s=None, password_file=True):
    """The kiosk of 7604, logging in by itself from a password file (or
    showing its setup screen)."""
    password_file = os.path.join(workdir, "kiosk-password") if password_file else None
    if password_file:
        with open(password_file, "w") as f:
            f.write("pst-demo\n")
        os.chmod(password_file, 0o600)
    # pstui.App starts a binary without arguments: a wrapper gives them
    # (exec keeps the process id the app is found by).
    wrapper = os.path.join(workdir, "pst-desk-kiosk")
    with open(wrapper, "w") as f:
        f.write("#!/bin/sh\nexec \"$PST_DESK_REAL_BINARY\" --kiosk " + OFFICE +
                (" --kiosk-password-file \"$PST_KIOSK_PASSWORD_FILE\"" if password_file else "") +
                "\n")
    os.chmod(wrapper, 0o755)
    os.environ["PST_DESK_REAL_BINARY"] = os.environ["PST_DESK_BINARY"]
    os.environ["PST_KIOSK_PASSWORD_FILE"] = password_file or ""
    os.environ["PST_KIOSK_RETRY_S"] = "1"
    if idle_s is None:
        os.environ.pop("PST_KIOSK_IDLE_S", None)
    else:
        os.environ["PST_KIOSK_IDLE_S"] = str(idle_s)

    app = pstui.App(workdir, server.url)
    app.binary = wrapper
    app.start()
    # Indonesian first, whatever the system's language (the tests run
    # with LANGUAGE=en): the toggle offers English.
    app.find("English", "push button", timeout=30)
    app.find(T("Search"), "text", timeout=30)
    if password_file:
        # The office's name shows once logged in.
        app.find("BPS Kabupaten Mamuju", "label", timeout=30)
    return app


def on_start_screen(app):
    """The start (and the setup and busy screens) have no "Start over"."""
    app.absent(T("Start over"), "push button")


def search(app, query):
    app.set_text(T("Search"), query, role="text")
    app.click(T("Search"))


def article_id(server, token, title):
    status, body = server.request("GET", f"/kb/search?q=kemiskinan&lang=id&limit=50&office={OFFICE}", token)
    assert status == 200, (status, body)
    for item in body["items"]:
        if item["title"] == title:
            return item["id"]
    raise pstui.TestFailure(f"{title!r} not found by the search: {body}")


def article(server, token, ident):
    status, body = server.request("GET", f"/kb/articles/{ident}", token)
    assert status == 200, (status, body)
    return body


def fill_guest_book(app, values):
    for name, value in values.items():
        app.set_text(T(name), value, role="text")


GUEST = {
    "Full name": "Siti Rahmawati",
    "ID number": "7604014506900003",
    "Email": "siti.rahma@example.id",
    "Phone (optional)": "0813 4567 8901",
    "Institution (optional)": "Universitas Tomakaka",
    "Occupation (optional)": "Dosen",
    "Purpose of your visit": "Data kemiskinan Kabupaten Mamuju",
}


def test_answered(ctx):
    server, app = ctx["server"], ctx["app"]
    ident = ctx["article"]
    before = article(server, ctx["admin"], ident)

    search(app, "kemiskinan")
    app.find(T("Results for “%s”").replace("%s", "kemiskinan"), "label")
    app.find(TITLE_ID, "push button")
    app.screenshot(os.path.join(SHOTS, "kiosk-results-id.png"))
    app.click(TITLE_ID)
    app.find(T("Did this answer your question?"), "label")
    app.find(pattern=r"Susenas", role="label")
    app.screenshot(os.path.join(SHOTS, "kiosk-article-id.png"))
    app.click(T("Yes"))
    app.find(T("Thank you!"), "label")
    app.screenshot(os.path.join(SHOTS, "kiosk-thanks-id.png"))

    after = pstui.wait_until(
        lambda: (lambda a: a if a["helpful"] == before["helpful"] + 1 else None)(
            article(server, ctx["admin"], ident)), 15, "the helpful answer on the server")
    assert after["views"] == before["views"] + 1, (before, after)
    assert after["not_helpful"] == before["not_helpful"], (before, after)

    app.click(T("Done"))
    on_start_screen(app)
    assert app.text_of(app.find(T("Search"), "text")) == ""


def test_not_answered_number(ctx):
    server, app = ctx["server"], ctx["app"]
    ident = ctx["article"]
    officer = server.login("petugas1." + OFFICE)
    before_numbers = {t["number"] for t in tickets(server, officer)}
    before = article(server, ctx["admin"], ident)

    search(app, "kemiskinan")
    app.click(TITLE_ID)
    app.click(T("No, Ask an Officer"))

    # 7604 is set to the guest book before the number.
    app.find(T("Guest book"), "label")
    fill_guest_book(app, GUEST)
    app.screenshot(os.path.join(SHOTS, "kiosk-guest-book-id.png"))
    app.click(T("Continue"))
    choose_service(app, T("Statistical consultation"), T("Statistical consultation"))

    label = number_label(app, "K")
    number = pstui._name(label)
    app.find(T("Your queue number"), "label")
    app.screenshot(os.path.join(SHOTS, "kiosk-number-id.png"))

    new = [t for t in tickets(server, officer) if t["number"] not in before_numbers]
    assert [t["number"] for t in new] == [number], (number, new)
    ticket = new[0]
    assert ticket["service"] == "consultation", ticket
    status, full = server.request("GET", f"/tickets/{ticket['id']}", officer)
    assert status == 200, (status, full)
    assert full["guest_book"]["name"] == "Siti Rahmawati", full
    assert full["guest_book"]["id_number_masked"].endswith("0003"), full
    assert full["guest_book"]["phone"] == "+6281345678901", full

    after = article(server, ctx["admin"], ident)
    assert after["not_helpful"] == before["not_helpful"] + 1, (before, after)
    assert after["helpful"] == before["helpful"], (before, after)

    # The guest book is cleared once the number is taken.
    assert app.text_of(app.find(T("Full name"), "text")) == ""
    app.click(T("Done"))
    on_start_screen(app)


def test_english_take_number(ctx):
    server, app = ctx["server"], ctx["app"]
    app.click("English")
    app.find("Bahasa Indonesia", "push button")
    app.find("How can we help you?", "label")
    app.find("Popular topics", "label")
    time.sleep(1)
    app.screenshot(os.path.join(SHOTS, "kiosk-start-en.png"))

    # Straight to a number from the start, in English.
    app.click("Take a Number")
    app.find("Guest book", "label")
    # The core's checks, in the language of the moment.
    app.set_text("Email", "siti@", role="text")
    app.find(pattern=r"^The domain after the @ is not valid", role="label")
    fill_guest_book_en(app)
    app.absent(pattern=r"^The domain after the @ is not valid", role="label")
    app.click("Continue")
    app.find("Which service do you need?", "label")
    app.screenshot(os.path.join(SHOTS, "kiosk-service-en.png"))
    choose_service(app, "Library")
    label = number_label(app, "P")
    app.find("Your queue number", "label")
    app.find(pattern=r"^Taken at ", role="label")
    time.sleep(1)
    app.screenshot(os.path.join(SHOTS, "kiosk-number-en.png"))
    officer = server.login("petugas1." + OFFICE)
    assert pstui._name(label) in {t["number"] for t in tickets(server, officer)}

    # Back to Indonesian, live.
    app.click("Bahasa Indonesia")
    app.find("English", "push button")
    app.find(T("Your queue number"), "label")
    app.click(T("Done"))
    on_start_screen(app)
    time.sleep(1)
    app.screenshot(os.path.join(SHOTS, "kiosk-start-id.png"))


def fill_guest_book_en(app):
    for name, value in GUEST.items():
        app.set_text(name, value, role="text")


def test_idle_clears(ctx, workdir):
    """A visitor walks away halfway through the guest book: after the
    idle time the kiosk is back at the start with nothing they typed."""
    server = ctx["server"]
    ctx["app"].stop()
    app = start_kiosk(workdir, server, idle_s=5)
    ctx["app"] = app

    # However slow the accessibility bus is, what was typed is cleared
    # and the kiosk ends at the start (it also clears what is typed on a
    # page the start left behind).
    app.click(T("Take a Number"))
    app.set_text(T("Full name"), "Budi Santoso", role="text")
    app.set_text(T("ID number"), "7604011203900001", role="text")
    pstui.wait_until(lambda: app.text_of(app.find(T("Full name"), "text")) == "" and
                     app.text_of(app.find(T("ID number"), "text")) == "", 60,
                     "the guest book to be cleared")
    on_start_screen(app)

    # A search typed and left alone is cleared too.
    app.set_text(T("Search"), "inflasi", role="text")
    pstui.wait_until(lambda: app.text_of(app.find(T("Search"), "text")) == "", 15,
                     "the search field to be cleared")


def test_server_away(ctx, workdir):
    """The server goes away: the kiosk sends visitors to the desk, keeps
    trying, and serves again when the server is back."""
    server, app = ctx["server"], ctx["app"]
    server.stop()
    app.click(T("Poverty"))
    pstui.wait_until(lambda: "Kiosk request failed" in open(app.log_path).read(), 20,
                     "the kiosk to notice the server is away")
    # It keeps trying while the server is away…
    pstui.wait_until(lambda: "Kiosk: logging in failed" in open(app.log_path).read(), 30,
                     "a login attempt while the server is away")
    app.screenshot(os.path.join(SHOTS, "kiosk-unavailable-id.png"))
    server.restart()
    mark = len(open(app.log_path).read())
    # Back: a search finds the article again.
    pstui.wait_until(lambda: _searchable(app), 30, "the kiosk to serve again")
    assert "CRITICAL" not in open(app.log_path).read()[mark:]


def test_setup_screen(ctx, workdir):
    """Without a password file a staff member logs the kiosk in; a wrong
    password is said so, and nothing is shown to visitors before."""
    server = ctx["server"]
    ctx["app"].stop()
    # This kiosk serves 7604 as its standard says: the guest book at the desk.
    set_guest_book_stage(server, ctx["admin"], "at_desk")
    app = start_kiosk(workdir, server, password_file=False)
    ctx["app"] = app

    account = app.find(T("Kiosk account"), "text")
    assert app.text_of(account) == "kiosk." + OFFICE
    assert not pstui.find_all(app.root, name="BPS Kabupaten Mamuju", role="label", limit=1)
    app.absent(T("Start over"), "push button")
    app.set_text(T("Password"), "salah-sandi")
    app.click(T("Start the Kiosk"))
    app.find(T("The username or password is not right. Check them and try again."), "label")
    app.screenshot(os.path.join(SHOTS, "kiosk-setup-id.png"))

    app.set_text(T("Password"), "pst-demo")
    app.click(T("Start the Kiosk"))
    app.find("BPS Kabupaten Mamuju", "label", timeout=30)
    app.absent(T("The username or password is not right. Check them and try again."), "label")
    search(app, "kemiskinan")
    app.find(TITLE_ID, "push button")

    # No guest book at the kiosk: straight to a number, with what comes next.
    officer = server.login("petugas1." + OFFICE)
    app.click(T("Take a Number"))
    choose_service(app, T("Publications and data sales"), T("Statistical consultation"))
    label = number_label(app, "J")
    app.find(T("Please note down your number and wait until it is called. The officer fills "
               "in the guest book with you at the desk."), "label")
    ticket = next(t for t in tickets(server, officer) if t["number"] == pstui._name(label))
    assert ticket["service"] == "sales" and not ticket["has_guest_book"], ticket
    app.click(T("Done"))
    set_guest_book_stage(server, ctx["admin"], "before_queue")


def test_password_file_checked(workdir):
    """A password file others can read is refused before anything starts."""
    path = os.path.join(workdir, "open-password")
    with open(path, "w") as f:
        f.write("pst-demo\n")
    os.chmod(path, 0o644)
    env = dict(os.environ, LANGUAGE="en", LANG="C.UTF-8", LC_ALL="")
    done = subprocess.run([os.environ["PST_DESK_BINARY"], "--kiosk", OFFICE,
                           "--kiosk-password-file", path], env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 2, done
    assert "can be read by other users" in done.stderr, done.stderr
    done = subprocess.run([os.environ["PST_DESK_BINARY"], "--kiosk", "mamuju"], env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "--kiosk 7604" in done.stderr, done


def _searchable(app):
    search(app, "kemiskinan")
    return pstui.find_all(app.root, name=TITLE_ID, role="push button", limit=1)


def choose_service(app, name, first="Statistical consultation"):
    """Taps a service once the choice is on screen (its first button has
    the focus): a GtkButton on a page never shown yet ignores a tap."""
    first_button = app.find(first, "push button")
    pstui.wait_until(lambda: first_button.getState().contains(pstui.pyatspi.STATE_FOCUSED), 30,
                     "the choice of service on screen")
    app.click(name)


def number_label(app, prefix):
    """The big number once taken; a refusal the kiosk shows fails at once."""
    refusal = re.escape(T("The number could not be taken: %s. Please ask at the desk.")
                        .split("%s")[0])

    def shown():
        hits = pstui.find_all(app.root, role="label", pattern=rf"^{prefix}-\d{{3}}$", limit=1)
        refused = pstui.find_all(app.root, role="label", pattern=refusal, limit=1)
        return (hits or refused or [None])[0]

    try:
        label = pstui.wait_until(shown, pstui.DEFAULT_TIMEOUT, f"a number {prefix}-…")
    except pstui.TestFailure:
        app.screenshot(os.path.join(SHOTS, f"kiosk-no-number-{prefix}.png"))
        raise
    if not re.match(rf"^{prefix}-\d{{3}}$", pstui._name(label)):
        raise pstui.TestFailure("the kiosk says: " + pstui._name(label))
    return label


def tickets(server, token):
    status, body = server.request("GET", f"/offices/{OFFICE}/tickets?limit=500", token)
    assert status == 200, (status, body)
    return body["items"]


def set_guest_book_stage(server, admin, stage):
    status, body = server.request("PUT", f"/offices/{OFFICE}", admin, {"guest_book_stage": stage})
    assert status == 200 and body["guest_book_stage"] == stage, (status, body)


def prepare_server(server):
    admin = server.login("admin")
    status, body = server.request("POST", "/kb/import", admin, ARTICLES)
    assert status == 200, (status, body)
    set_guest_book_stage(server, admin, "before_queue")
    return admin


def main():
    tap = pstui.Tap()
    workdir = pstui.workdir()
    server = pstui.Server(workdir).start()
    ctx = {"server": server, "app": None}
    try:
        ctx["admin"] = prepare_server(server)
        ctx["article"] = article_id(server, ctx["admin"], TITLE_ID)
        ctx["app"] = start_kiosk(workdir, server)
        time.sleep(1)
        ctx["app"].screenshot(os.path.join(SHOTS, "kiosk-start-default.png"))
        tap.run("search, read, yes: resolved without a consultation", test_answered, ctx)
        tap.run("search, read, no: guest book and a number", test_not_answered_number, ctx)
        tap.run("English one tap away, a number from the start", test_english_take_number, ctx)
        tap.run("the server away and back", test_server_away, ctx, workdir)
        tap.run("the setup screen logs the kiosk in", test_setup_screen, ctx, workdir)
        tap.run("inactivity clears everything and returns to the start", test_idle_clears,
                ctx, workdir)
        tap.run("a password file others can read is refused", test_password_file_checked,
                workdir)
        text = open(ctx["app"].log_path).read()
        if "CRITICAL" in text:
            print("# app log has criticals:\n# " + "\n# ".join(text.splitlines()[-20:]))
    finally:
        if ctx["app"] is not None:
            ctx["app"].stop()
        server.stop()
        if os.environ.get("PST_UI_KEEP_WORKDIR"):
            print(f"# kept {workdir}")
        else:
            pstui.cleanup(workdir)
    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())
