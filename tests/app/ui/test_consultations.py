"""Online consultations as officers work them: the real pst-desk under Xvfb,
driven through AT-SPI, against a real pst-server with the demo data of
BPS Kabupaten Mamuju (7604). Requesters speak to the server's public API,
as the website would."""

import os
import re
import subprocess
import sys
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pstui  # noqa: E402

OFFICE = "7604"
SHOTS = os.environ.get("PST_SCREENSHOT_DIR", "/tmp/pst-ui-screenshots")

# A row's name goes on after the subject with the requester (English or
# Indonesian).
FROM = ", (?:from|dari) "

# What a row's badge says first, by the server's badge state.
STATE_WORDS = {"ok": "On time", "warning": "Due soon", "breached": "Overdue"}


def login(app, username, page="Consultations", labels=("Username", "Password", "Log In")):
    app.set_text(labels[0], username)
    app.set_text(labels[1], "pst-demo")
    app.click(labels[2])
    tab = app.find(page, role="page tab", timeout=30)
    tab.queryAction().doAction(0)
    app.find(role="list", name=page, timeout=30)


def row(app, subject, extra="", timeout=pstui.DEFAULT_TIMEOUT):
    """The list row of a consultation, named "Subject, from Name, Channel,
    Assigned to …, Badge[, unread]"."""
    return app.find(role="panel", pattern="^" + re.escape(subject) + FROM + ".*" + extra,
                    timeout=timeout)


def row_absent(app, subject, timeout=pstui.DEFAULT_TIMEOUT):
    app.absent(role="panel", pattern="^" + re.escape(subject) + FROM, timeout=timeout)


def select(app, subject, page="Consultations"):
    """Selects a consultation in the list (as a click on its row would)."""
    row(app, subject)
    listing = app.find(role="list", name=page)

    def pick():
        for i, item in enumerate(pstui._children(listing)):
            if pstui.find_all(item, role="panel", pattern="^" + re.escape(subject) + FROM, limit=1):
                return listing.querySelection().selectChild(i)
        return False
    pstui.wait_until(pick, 10, f"the row of {subject!r} to select")
    # The thread view shows it.
    return app.find(pattern="^(Thread|Percakapan): " + re.escape(subject) + "$", role="panel",
                    timeout=10)


def dialog(app, title, timeout=pstui.DEFAULT_TIMEOUT):
    def top():
        for acc in pstui._children(app.root):
            if pstui._role(acc) == "dialog" and pstui._name(acc) == title:
                return acc
        return None
    return pstui.wait_until(top, timeout, f"dialog {title!r}")


def dialog_button(box, name):
    """A response button of an AdwMessageDialog (named "Close Close": its
    label and its label's text)."""
    pattern = "^" + re.escape(name) + "( " + re.escape(name) + ")?$"
    hits = pstui.find_all(box, pattern=pattern, role="push button", limit=1)
    if not hits:
        raise pstui.TestFailure(f"no button {name!r} in {pstui._name(box)!r}:\n" +
                                "\n".join(pstui.dump(box)))
    return hits[0]


def press(container, name, role="push button"):
    hits = pstui.find_all(container, name=name, role=role, limit=1)
    if not hits:
        raise pstui.TestFailure(f"no {role} {name!r} in {pstui._name(container)!r}:\n" +
                                "\n".join(pstui.dump(container)))
    hits[0].queryAction().doAction(0)
    return hits[0]


def choose_in(box, list_name, title, timeout=pstui.DEFAULT_TIMEOUT):
    """Picks the row titled title in a dialog's list of choices."""
    def pick():
        for listing in pstui.find_all(box, name=list_name, role="list"):
            for i, item in enumerate(pstui._children(listing)):
                if pstui._name(item).startswith(title):
                    return listing.querySelection().selectChild(i)
        return False
    pstui.wait_until(pick, timeout, f"{title!r} in the list {list_name!r}")


def sensitive(acc):
    return acc.getState().contains(pstui.pyatspi.STATE_SENSITIVE)


def consultations(server, token, **query):
    q = urllib.parse.urlencode(dict({"office": OFFICE, "limit": 500}, **query))
    status, body = server.request("GET", f"/consultations?{q}", token)
    assert status == 200, (status, body)
    return body["items"]


def consultation(server, token, cid):
    status, body = server.request("GET", f"/consultations/{cid}", token)
    assert status == 200, (status, body)
    return body


def expected_badge(c):
    """The start of a row's badge name for a consultation as the server
    describes it: the clock's state while no officer has answered."""
    answered = c["sla"].get("first_response_at") is not None
    if c["status"] == "closed":
        return "Closed"
    if c["status"] == "open" or (c["status"] == "awaiting_officer" and not answered):
        return STATE_WORDS[c["sla"]["state"]]
    if c["status"] == "awaiting_officer":
        return "Answered before"
    return "Answered"


def open_as_requester(server, subject, message, query=None):
    viewed = []
    if query:
        status, found = server.request(
            "GET", f"/public/kb/search?q={urllib.parse.quote(query)}&office={OFFICE}")
        assert status == 200, (status, found)
        viewed = [hit["id"] for hit in found["items"][:2]]
        assert viewed, found
    body = {
        "office": OFFICE,
        "requester": {"name": "Yusuf Mandar", "email": "yusuf.mandar@example.id",
                      "phone": "0812 4455 6677"},
        "subject": subject,
        "category": "data",
        "message": message,
    }
    if query:
        body["kb_searched"] = {"query": query, "viewed": viewed}
    status, created = server.request("POST", "/public/consultations", body=body)
    assert status == 201, (status, created)
    return created, viewed


def requester_thread(server, created):
    status, body = server.request("GET", f"/public/consultations/{created['id']}",
                                  created["access_token"])
    assert status == 200, (status, body)
    return body


class SecondDesk:
    """Another pst-desk on the same display and accessibility bus, as at a
    second computer: the app is unique per session bus, so this one gets a
    session bus of its own."""

    def __init__(self, workdir, server_url, name="second-desk", language="en"):
        self.dir = os.path.join(workdir, name)
        os.makedirs(self.dir, exist_ok=True)
        self.server_url = server_url
        self.language = language
        self.bus = None
        self.app = None

    def start(self):
        a11y = subprocess.run(["dbus-send", "--session", "--print-reply=literal",
                               "--dest=org.a11y.Bus", "/org/a11y/bus", "org.a11y.Bus.GetAddress"],
                              capture_output=True, text=True, check=True).stdout.strip()
        self.bus = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address=1"],
                                    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        address = self.bus.stdout.readline().strip()
        saved = {k: os.environ.get(k) for k in ("DBUS_SESSION_BUS_ADDRESS", "AT_SPI_BUS_ADDRESS")}
        os.environ["DBUS_SESSION_BUS_ADDRESS"] = address
        os.environ["AT_SPI_BUS_ADDRESS"] = a11y
        try:
            self.app = pstui.App(self.dir, self.server_url, language=self.language).start()
        finally:
            for k, v in saved.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v
        return self.app

    def stop(self):
        if self.app is not None:
            self.app.stop()
            self.app = None
        if self.bus is not None:
            self.bus.terminate()
            self.bus.wait(timeout=10)
            self.bus = None


class NotificationServer:
    """The desktop's notification service (org.freedesktop.Notifications)
    on the test's session bus, keeping what the app asks it to show."""

    XML = """<node><interface name="org.freedesktop.Notifications">
      <method name="Notify"><arg type="s" direction="in"/><arg type="u" direction="in"/>
        <arg type="s" direction="in"/><arg type="s" direction="in"/><arg type="s" direction="in"/>
        <arg type="as" direction="in"/><arg type="a{sv}" direction="in"/><arg type="i" direction="in"/>
        <arg type="u" direction="out"/></method>
      <method name="CloseNotification"><arg type="u" direction="in"/></method>
      <method name="GetCapabilities"><arg type="as" direction="out"/></method>
      <method name="GetServerInformation"><arg type="s" direction="out"/>
        <arg type="s" direction="out"/><arg type="s" direction="out"/><arg type="s" direction="out"/></method>
      <signal name="ActionInvoked"><arg type="u"/><arg type="s"/></signal>
      <signal name="NotificationClosed"><arg type="u"/><arg type="u"/></signal>
    </interface></node>"""

    def __init__(self):
        self.shown = []
        self.ready = threading.Event()
        threading.Thread(target=self._run, daemon=True).start()
        if not self.ready.wait(10):
            raise pstui.TestFailure("the notification service did not start")

    def _run(self):
        from gi.repository import Gio, GLib
        context = GLib.MainContext.new()
        context.push_thread_default()
        info = Gio.DBusNodeInfo.new_for_xml(self.XML).interfaces[0]
        bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)

        def call(connection, sender, path, interface, method, params, invocation):
            if method == "Notify":
                args = params.unpack()
                self.shown.append({"summary": args[3], "body": args[4]})
                invocation.return_value(GLib.Variant("(u)", (len(self.shown),)))
            elif method == "GetCapabilities":
                invocation.return_value(GLib.Variant("(as)", (["body", "actions"],)))
            elif method == "GetServerInformation":
                invocation.return_value(GLib.Variant("(ssss)", ("test", "pst", "1", "1.2")))
            else:
                invocation.return_value(None)

        bus.register_object("/org/freedesktop/Notifications", info, call, None, None)
        Gio.bus_own_name_on_connection(bus, "org.freedesktop.Notifications",
                                       Gio.BusNameOwnerFlags.NONE,
                                       lambda *a: self.ready.set(), None)
        loop = GLib.MainLoop.new(context, False)
        loop.run()

    def find(self, summary, body_part, timeout=20):
        return pstui.wait_until(
            lambda: [n for n in self.shown if n["summary"] == summary and body_part in n["body"]],
            timeout, f"a notification {summary!r} about {body_part!r}")


# The cases.

def test_every_badge_as_the_server_says(ctx):
    server, app, token = ctx["server"], ctx["app"], ctx["token"]
    items = consultations(server, token)
    states = {c["sla"]["state"] for c in items if expected_badge(c) in STATE_WORDS.values()}
    # The demo has open consultations on time and overdue whatever the day.
    assert {"ok", "breached"} <= states, items

    for c in items:
        acc = row(app, c["subject"], timeout=20)
        name = pstui._name(acc)
        want = expected_badge(c)
        assert re.search(r", " + re.escape(want) + r"[ :;,]", name), (want, name, c)
        badge = pstui.find_all(acc, role="label", pattern="^" + re.escape(want), limit=1)
        assert badge, (want, pstui.dump(acc))
        if c["assignee"] is None:
            assert ", Unassigned, " in name, name
    app.screenshot(os.path.join(SHOTS, "consultations-list-en.png"))


def test_new_consultation_appears_with_badge(ctx):
    server, app = ctx["server"], ctx["app"]
    subject = "Jumlah penduduk miskin Kabupaten Mamuju 2024"
    created, viewed = open_as_requester(
        server, subject,
        "Selamat siang, saya butuh data jumlah dan persentase penduduk miskin per kecamatan "
        "di Kabupaten Mamuju tahun 2024 untuk skripsi.", query="kemiskinan")
    ctx["created"], ctx["viewed"], ctx["subject"] = created, viewed, subject

    # It arrives live, unassigned, unread, with its clock running, and the
    # desktop is told.
    acc = row(app, subject, r"Unassigned, On time: .* left, unread$", timeout=20)
    ctx["notifications"].find("New Consultation", subject)
    assert "Web" in pstui._name(acc), pstui._name(acc)
    pstui.find_all(acc, role="label", pattern=r"^On time: ", limit=1)

    # The whole-office filter shows it, "Mine" does not, "Unassigned" does.
    app.click("Mine")
    row_absent(app, subject)
    app.click("Unassigned")
    row(app, subject)
    app.click("Whole office")

    # The search finds it by the requester's words and hides the others.
    app.set_text("Search consultations", "skripsi kecamatan")
    row(app, subject)
    other = consultations(server, ctx["token"])[0]["subject"]
    if other != subject:
        row_absent(app, other)
    app.set_text("Search consultations", "no such words anywhere")
    app.absent(role="panel", pattern=FROM)
    app.click("Show All")
    row(app, subject)
    row(app, other)


def test_claim_and_reply(ctx):
    server, app, token = ctx["server"], ctx["app"], ctx["token"]
    created, subject = ctx["created"], ctx["subject"]
    me = server.request("GET", "/me", token)[1]

    select(app, subject)
    # What the requester searched before asking is shown beside the thread.
    app.find("“kemiskinan”", role="label")
    app.find(pattern=r"^• ", role="label")

    app.click("Claim")
    pstui.wait_until(lambda: consultation(server, token, created["id"])["assignee"] == me["id"],
                     15, "the claim on the server")
    row(app, subject, r"Assigned to you, ")

    reply = ("Terima kasih. Data penduduk miskin per kecamatan belum dirilis; yang tersedia "
             "tingkat kabupaten, di tabel Persentase Penduduk Miskin 2024.")
    app.set_text("Reply", reply, role="text")
    send = app.find("Send")
    pstui.wait_until(lambda: sensitive(send), 10, "Send to become sensitive")
    app.click("Send")

    def answered():
        thread = requester_thread(server, created)
        return [m for m in thread["messages"] if m["author"] == "officer" and m["body"] == reply]
    pstui.wait_until(answered, 20, "the reply in the requester's view of the thread")
    app.find(reply, role="label")
    app.absent("Sending…", role="label", timeout=20)
    row(app, subject, r"Answered")
    app.screenshot(os.path.join(SHOTS, "consultations-thread-en.png"))


def test_requester_reply_arrives_live(ctx):
    server, app, token = ctx["server"], ctx["app"], ctx["token"]
    created, subject = ctx["created"], ctx["subject"]
    text = "Baik, kalau begitu data tingkat kabupaten 2020 sampai 2024 juga boleh."
    status, body = server.request("POST", f"/public/consultations/{created['id']}/messages",
                                  created["access_token"], {"body": text})
    assert status in (200, 201), (status, body)
    app.find(text, role="label", timeout=20)
    row(app, subject, r"Answered before")

    # A reply in a thread the officer is not looking at is announced.
    other, _ = open_as_requester(server, "Indeks Pembangunan Manusia 2024",
                                 "Apakah IPM Kabupaten Mamuju 2024 sudah rilis?")
    row(app, "Indeks Pembangunan Manusia 2024", timeout=20)
    again = "Mohon dikirim juga IPM menurut komponennya, terima kasih."
    status, body = server.request("POST", f"/public/consultations/{other['id']}/messages",
                                  other["access_token"], {"body": again})
    assert status in (200, 201), (status, body)
    ctx["notifications"].find("Yusuf Mandar replied", again)
    assert consultation(server, token, created["id"])["status"] == "awaiting_officer"


def test_supervisor_reassigns_live(ctx, workdir):
    server, app, token = ctx["server"], ctx["app"], ctx["token"]
    created, subject = ctx["created"], ctx["subject"]
    spv_token = server.login("spv.7604")
    status, officers = server.request("GET", f"/officers?office={OFFICE}", spv_token)
    assert status == 200, (status, officers)
    other = next(o for o in officers["items"] if o["username"] == "petugas2.7604")

    # The officer looks at their own consultations only.
    app.click("Mine")
    row(app, subject)

    # A supervisor, at another desk, gives it to the other officer.
    desk = SecondDesk(workdir, server.url)
    ctx["spv"] = desk
    spv = desk.start()
    login(spv, "spv.7604")
    select(spv, subject)
    spv.click("Reassign…")
    box = dialog(spv, "Reassign Consultation")
    choose_in(box, "Officers", other["name"])
    note = [a for r in ("text", "entry") for a in pstui.find_all(box, pattern="^Note", role=r)]
    assert note, "\n".join(pstui.dump(box))
    note[0].queryEditableText().setTextContents("Dia yang pegang data kemiskinan")
    button = dialog_button(box, "Reassign")
    pstui.wait_until(lambda: sensitive(button), 10, "Reassign to become sensitive")
    spv.screenshot(os.path.join(SHOTS, "consultations-reassign-en.png"))
    button.queryAction().doAction(0)

    pstui.wait_until(lambda: consultation(server, spv_token, created["id"])["assignee"] == other["id"],
                     20, "the new assignee on the server")
    # The first officer's list drops it live; the whole office shows who has it.
    row_absent(app, subject, timeout=20)
    app.click("Whole office")
    row(app, subject, re.escape(f"Assigned to {other['name']}, "), timeout=20)
    row(spv, subject, re.escape(f"Assigned to {other['name']}, "), timeout=20)
    desk.stop()
    ctx.pop("spv")
    test_no_criticals(spv)


def test_insert_article(ctx):
    server, app, token = ctx["server"], ctx["app"], ctx["token"]
    created, subject = ctx["created"], ctx["subject"]
    select(app, subject)
    app.set_text("Reply", "Penjelasan garis kemiskinan ada di artikel ", role="text")
    app.click("Insert Article…")

    def chooser():
        for acc in pstui._children(app.root):
            if pstui.find_all(acc, name="Insert", role="push button", limit=1) and \
               pstui._name(acc) != "PST Desk":
                return acc
        return None
    box = pstui.wait_until(chooser, 15, "the article chooser")

    # It searched for what the requester searched: pick the first result.
    def pick():
        for listing in pstui.find_all(box, role="list"):
            if listing.childCount > 0:
                return listing.querySelection().selectChild(0)
        return False
    pstui.wait_until(pick, 20, "a search result in the chooser")
    insert = pstui.find_all(box, name="Insert", role="push button", limit=1)[0]
    pstui.wait_until(lambda: sensitive(insert), 10, "Insert to become sensitive")
    insert.queryAction().doAction(0)

    field = app.find("Reply", role="text")
    text = pstui.wait_until(lambda: (lambda t: t if "“" in t else None)(app.text_of(field)), 10,
                            "the article's reference in the reply")
    app.click("Send")

    def sent():
        thread = consultation(server, token, created["id"])
        return [m for m in thread["messages"] if m["body"] == text.strip() and m["kb_article_ids"]]
    pstui.wait_until(sent, 20, "the reply with its article on the server")


def test_follow_up(ctx):
    server, app, token = ctx["server"], ctx["app"], ctx["token"]
    created, subject = ctx["created"], ctx["subject"]
    select(app, subject)
    app.click("Follow-up…")
    box = dialog(app, "Schedule a Follow-up")
    # The form starts at the next full hour, in person: ready to schedule.
    button = dialog_button(box, "Schedule")
    pstui.wait_until(lambda: sensitive(button), 10, "Schedule to become sensitive")
    # A Zoom meeting needs its https:// link first.
    choose_in(box, "How to meet", "Zoom meeting")
    pstui.wait_until(lambda: not sensitive(button), 10, "Schedule to wait for the link")
    link = [a for r in ("text", "entry") for a in pstui.find_all(box, pattern="^Zoom link", role=r)]
    assert link, "\n".join(pstui.dump(box))
    link[0].queryEditableText().setTextContents("https://zoom.us/j/7604202411")
    pstui.wait_until(lambda: sensitive(button), 10, "Schedule to accept the link")
    app.screenshot(os.path.join(SHOTS, "consultations-follow-up-en.png"))
    button.queryAction().doAction(0)

    def planned():
        follow_up = consultation(server, token, created["id"]).get("follow_up")
        return follow_up if follow_up and follow_up["mode"] == "zoom" else None
    follow_up = pstui.wait_until(planned, 20, "the follow-up on the server")
    assert follow_up["link"] == "https://zoom.us/j/7604202411", follow_up
    app.find("https://zoom.us/j/7604202411", role="label", timeout=20)


def test_close_with_resolution_and_reopen(ctx):
    server, app, token = ctx["server"], ctx["app"], ctx["token"]
    created, subject = ctx["created"], ctx["subject"]
    select(app, subject)
    app.click("Close…")
    box = dialog(app, "Close Consultation?")
    choose_in(box, "Resolution", "Referred elsewhere")
    dialog_button(box, "Close").queryAction().doAction(0)
    pstui.wait_until(lambda: (lambda c: c["status"] == "closed" and c["resolution"] == "referred")(
        consultation(server, token, created["id"])), 20, "closed as referred on the server")
    # A closed thread leaves the open list but stays open on screen.
    row_absent(app, subject, timeout=20)
    app.find(pattern=r"^This consultation is closed", role="label")
    app.click("Reopen")
    pstui.wait_until(lambda: consultation(server, token, created["id"])["status"] != "closed",
                     20, "reopened on the server")
    row(app, subject, timeout=20)


def test_reply_offline_sent_once(ctx, workdir):
    server, app, token = ctx["server"], ctx["app"], ctx["token"]
    created, subject = ctx["created"], ctx["subject"]
    select(app, subject)

    # The server goes away; the officer answers anyway.
    server.stop()
    pstui.wait_until(lambda: any(re.match(r"(Offline|Reconnecting|Connecting)", pstui._name(l))
                                 for l in pstui.find_all(app.find("Connection status"),
                                                         role="label")),
                     60, "the connection status to leave Online")
    reply = "Tabel IPM 2024 ada di publikasi Kabupaten Mamuju Dalam Angka 2025, bab 4."
    app.set_text("Reply", reply, role="text")
    app.click("Send")
    app.find(reply, role="label")
    app.find("Sending…", role="label")
    app.screenshot(os.path.join(SHOTS, "consultations-offline-en.png"))

    # The app is closed and opened again, the server comes back: the reply
    # waits in the outbox and reaches the requester exactly once.
    app.stop()
    test_no_criticals(app)
    server.restart()
    app2 = pstui.App(workdir, server.url).start()
    ctx["app"] = app2
    login(app2, "petugas1.7604")

    def delivered():
        thread = requester_thread(server, created)
        return [m for m in thread["messages"] if m["body"] == reply]
    pstui.wait_until(delivered, 30, "the offline reply in the requester's thread")
    time.sleep(2)
    assert len(delivered()) == 1, requester_thread(server, created)["messages"]
    select(app2, subject)
    app2.find(reply, role="label")
    app2.absent("Sending…", role="label", timeout=20)


def test_indonesian(ctx, workdir):
    server = ctx["server"]
    desk = SecondDesk(workdir, server.url, name="indonesian", language="id")
    ctx["id_app"] = desk
    app = desk.start()
    login(app, "petugas1.7604", page="Konsultasi",
          labels=("Nama pengguna", "Kata sandi", "Masuk"))
    token = ctx["token"]
    items = consultations(server, token)
    overdue = next(c for c in items if expected_badge(c) == "Overdue")
    row(app, overdue["subject"])
    app.screenshot(os.path.join(SHOTS, "consultations-list-id.png"))
    select(app, overdue["subject"], page="Konsultasi")
    time.sleep(1)
    app.screenshot(os.path.join(SHOTS, "consultations-thread-id.png"))
    desk.stop()
    ctx.pop("id_app")
    log = open(app.log_path).read()
    assert "CRITICAL" not in log, log


def test_no_criticals(app):
    text = open(app.log_path).read()
    assert "CRITICAL" not in text, "\n".join(text.splitlines()[-30:])


def wait_for_accessibility_bus():
    """run-ui-test starts the accessibility bus and goes on after half a
    second; on a busy machine an app started before the bus answers never
    shows on it. Wait until the bus gives its address."""
    def answers():
        return subprocess.run(["dbus-send", "--session", "--print-reply=literal",
                               "--dest=org.a11y.Bus", "/org/a11y/bus",
                               "org.a11y.Bus.GetAddress"],
                              capture_output=True, text=True).stdout.strip()
    pstui.wait_until(answers, 60, "the accessibility bus", interval=0.5)
    pstui.pyatspi.Registry.getDesktop(0).childCount


def main():
    wait_for_accessibility_bus()
    notifications = NotificationServer()
    tap = pstui.Tap()
    workdir = pstui.workdir()
    server = pstui.Server(workdir).start()
    app = pstui.App(workdir, server.url).start()
    ctx = {"server": server, "app": app, "notifications": notifications}
    try:
        login(app, "petugas1.7604")
        ctx["token"] = server.login("petugas1.7604")
        tap.run("every badge as the server says", test_every_badge_as_the_server_says, ctx)
        tap.run("a requester's new consultation appears with its badge",
                test_new_consultation_appears_with_badge, ctx)
        tap.run("the officer claims and replies; the requester reads it", test_claim_and_reply, ctx)
        tap.run("the requester's reply arrives live", test_requester_reply_arrives_live, ctx)
        tap.run("a supervisor reassigns; both desks update live",
                test_supervisor_reassigns_live, ctx, workdir)
        tap.run("insert a knowledge-base article in a reply", test_insert_article, ctx)
        tap.run("schedule a Zoom follow-up", test_follow_up, ctx)
        tap.run("close with a resolution, reopen", test_close_with_resolution_and_reopen, ctx)
        tap.run("a reply written offline is sent once after restarts",
                test_reply_offline_sent_once, ctx, workdir)
        tap.run("the page in Indonesian", test_indonesian, ctx, workdir)
        tap.run("no criticals in the app's log", test_no_criticals, ctx["app"])
    finally:
        for key in ("spv", "id_app"):
            if key in ctx:
                ctx[key].stop()
        ctx["app"].stop()
        server.stop()
        pstui.cleanup(workdir)
    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())
