"""The walk-in queue as an officer works it: the real pst-desk under Xvfb,
driven through AT-SPI, against a real pst-server with the demo data of
BPS Kabupaten Mamuju (7604, guest book at the desk)."""

import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pstui  # noqa: E402

OFFICE = "7604"
SHOTS = os.environ.get("PST_SCREENSHOT_DIR", "/tmp/pst-ui-screenshots")


def login(app, username="petugas1.7604"):
    app.set_text("Username", username)
    app.set_text("Password", "pst-demo")
    app.click("Log In")
    app.find("Call next", timeout=30)


def row(app, number, status=None, timeout=pstui.DEFAULT_TIMEOUT):
    """The list row of a ticket, named "K-012, waiting, Consultation"."""
    pattern = rf"^{re.escape(number)}, " + (re.escape(status) + "," if status else "")
    return app.find(role="panel", pattern=pattern, timeout=timeout)


def button_in(app, container, name):
    hits = pstui.find_all(container, name=name, role="push button", limit=1)
    if not hits:
        raise pstui.TestFailure(f"no button {name!r} in {pstui._name(container)!r}")
    action = hits[0].queryAction()
    action.doAction(0)


def dialog(app, title, timeout=pstui.DEFAULT_TIMEOUT):
    def top():
        for acc in pstui._children(app.root):
            if pstui._role(acc) == "dialog" and pstui._name(acc) == title:
                return acc
        return None
    return pstui.wait_until(top, timeout, f"dialog {title!r}")


def window_with(app, field, timeout=pstui.DEFAULT_TIMEOUT):
    """The window (other than the main one) that holds a field named field:
    the guest book and finish forms are windows of their own."""
    def top():
        for acc in pstui._children(app.root):
            if pstui._name(acc) != "PST Desk" and pstui.find_all(acc, name=field, limit=1):
                return acc
        return None
    return pstui.wait_until(top, timeout, f"the window with {field!r}")


def tickets(server, token, **query):
    q = "&".join(f"{k}={v}" for k, v in query.items())
    status, body = server.request("GET", f"/offices/{OFFICE}/tickets?{q}", token)
    assert status == 200, (status, body)
    return body["items"]


def ticket_by_number(server, token, number):
    return next(t for t in tickets(server, token, limit=500) if t["number"] == number)


def fill_guest_book(app, box):
    fields = {
        "Name": "Andi Saputra",
        "ID number": "7604011203950002",
        "Email": "andi.saputra@example.id",
        "Phone": "0812 3456 7001",
        "Institution": "Universitas Tomakaka",
        "Occupation": "Mahasiswa",
        "Purpose": "Data kemiskinan Kabupaten Mamuju 2024",
    }
    for name, value in fields.items():
        hits = [a for r in ("text", "entry") for a in pstui.find_all(box, name=name, role=r, limit=1)]
        if not hits:
            raise pstui.TestFailure(f"no field {name!r} in the guest book:\n" +
                                    "\n".join(pstui.dump(box)))
        hits[0].queryEditableText().setTextContents(value)
    pstui.wait_until(lambda: _sensitive(pstui.find_all(box, name="Save", role="push button")[0]),
                     10, "Save to become sensitive")
    button_in(app, box, "Save")


def _sensitive(acc):
    return acc.getState().contains(pstui.pyatspi.STATE_SENSITIVE)


def finish_in_dialog(app, outcome):
    box = window_with(app, "Outcome", timeout=10)
    field = [a for r in ("text", "entry") for a in pstui.find_all(box, name="Outcome", role=r)]
    field[0].queryEditableText().setTextContents(outcome)
    pstui.wait_until(lambda: _sensitive(pstui.find_all(box, name="Finish", role="push button")[0]),
                     10, "Finish to become sensitive")
    button_in(app, box, "Finish")


def test_issue_call_start_finish(ctx):
    server, app = ctx["server"], ctx["app"]
    token = server.login("spv.7604")
    before = {t["number"] for t in tickets(server, token)}

    app.click("Issue ticket")
    box = dialog(app, "Issue a Ticket")
    hits = pstui.find_all(box, role="push button", pattern=r"^Consultation \(K\)", limit=1)
    hits[0].queryAction().doAction(0)

    new = pstui.wait_until(lambda: [t for t in tickets(server, token)
                                    if t["number"] not in before], 15, "the new ticket on the server")
    number = new[0]["number"]
    row(app, number, "waiting")

    # Call next: the server decides which ticket comes to this desk.
    app.click("Call next")
    me = server.request("GET", "/me", ctx["token"])[1]
    called = pstui.wait_until(lambda: [t for t in tickets(server, token, status="called")
                                       if t["officer"] == me["id"]], 15, "a ticket called to me")
    called_number = called[0]["number"]
    called_row = row(app, called_number, "called")
    button_in(app, called_row, "Start")

    # 7604 fills in the guest book at the desk, when serving starts.
    book = window_with(app, "ID number")
    fill_guest_book(app, book)
    row(app, called_number, "being served")
    app.screenshot(os.path.join(SHOTS, "queue-serving-en.png"))

    serving_row = row(app, called_number, "being served")
    button_in(app, serving_row, "Finish")
    finish_in_dialog(app, "Given the poverty table links")

    done = pstui.wait_until(lambda: (lambda t: t if t["status"] == "done" else None)(
        ticket_by_number(server, token, called_number)), 15, "the ticket done on the server")
    assert done["topic"] in ("data", "metadata", "classification", "other"), done
    assert done["outcome"] == "Given the poverty table links", done
    status, full = server.request("GET", f"/tickets/{done['id']}", token)
    assert full["guest_book"]["id_number_masked"].endswith("0002"), full
    assert "7604011203950002" not in str(full)
    row(app, called_number, "done")


def test_second_officer_live(ctx):
    server, app = ctx["server"], ctx["app"]
    other = server.login("petugas2.7604")

    status, ticket = server.request("POST", f"/offices/{OFFICE}/tickets", other,
                                    {"service": "library"})
    assert status == 201, (status, ticket)
    row(app, ticket["number"], "waiting", timeout=5)

    status, called = server.request("POST", f"/offices/{OFFICE}/tickets/call-next", other,
                                    {"desk": "2", "services": ["library"]})
    assert status == 200, (status, called)
    row(app, called["number"], "called", timeout=5)


def test_offline_finish_applied_once(ctx, workdir):
    server, app = ctx["server"], ctx["app"]
    token = server.login("spv.7604")
    me = server.request("GET", "/me", ctx["token"])[1]

    # A visitor of my own, being served.
    status, ticket = server.request("POST", f"/offices/{OFFICE}/tickets", token,
                                    {"service": "sales"})
    assert status == 201
    app.click("Call next")
    mine = pstui.wait_until(lambda: [t for t in tickets(server, token, status="called")
                                     if t["officer"] == me["id"]], 15, "a ticket called to me")
    number = mine[0]["number"]
    button_in(app, row(app, number, "called"), "Start")
    book = window_with(app, "ID number")
    fill_guest_book(app, book)
    pstui.wait_until(lambda: ticket_by_number(server, token, number)["status"] == "serving", 15,
                     "serving on the server")

    # The server goes away; the officer finishes the visitor anyway. Only
    # the status is watched meanwhile, not the whole window.
    status_box = app.find("Connection status")
    server.stop()
    pstui.wait_until(lambda: any(re.match(r"(Offline|Reconnecting|Connecting)", pstui._name(l))
                                 for l in pstui.find_all(status_box, role="label")),
                     60, "the connection status to leave Online")
    button_in(app, row(app, number, "being served"), "Finish")
    finish_in_dialog(app, "Answered while offline")
    # The app took the finish (shown done at once, pending) before it is closed;
    # a "pending" label alone could be the guest book still waiting.
    row(app, number, "done")
    app.find(pattern=r"pending", role="label", timeout=10)
    app.screenshot(os.path.join(SHOTS, "queue-offline-en.png"))

    # The app is closed and opened again, the server comes back: the
    # finish waits in the outbox and is sent exactly once.
    first_log = app.log_path
    app.stop()
    server.restart()
    app2 = pstui.App(workdir, server.url).start()
    ctx["app"] = app2
    login(app2)
    token = server.login("spv.7604")
    try:
        done = pstui.wait_until(lambda: (lambda t: t if t["status"] == "done" else None)(
            ticket_by_number(server, token, number)), 30, "the offline finish on the server")
    except pstui.TestFailure:
        print("# first app's log:\n# " + "\n# ".join(open(first_log).read().splitlines()[-40:]))
        print("# second app's log:\n# " + "\n# ".join(open(app2.log_path).read().splitlines()[-40:]))
        raise
    status, full = server.request("GET", f"/tickets/{done['id']}", token)
    finishes = [h for h in full["history"] if h["action"] in ("finished", "finish")]
    assert len(finishes) == 1, full["history"]
    assert full["outcome"] == "Answered while offline", full
    row(app2, number, "done")


def test_screenshots_both_languages(ctx, workdir):
    server = ctx["server"]
    ctx["app"].screenshot(os.path.join(SHOTS, "queue-en.png"))
    ctx["app"].stop()
    app_id = pstui.App(workdir, server.url, language="id").start()
    ctx["app"] = app_id
    app_id.set_text("Nama pengguna", "petugas1.7604")
    app_id.set_text("Kata sandi", "pst-demo")
    app_id.click("Masuk")
    app_id.find("Panggil berikutnya", timeout=30)
    time.sleep(2)
    app_id.screenshot(os.path.join(SHOTS, "queue-id.png"))
    log = open(app_id.log_path).read()
    assert "CRITICAL" not in log, log


def main():
    tap = pstui.Tap()
    workdir = pstui.workdir()
    server = pstui.Server(workdir).start()
    app = pstui.App(workdir, server.url).start()
    ctx = {"server": server, "app": app}
    try:
        login(app)
        ctx["token"] = server.login("petugas1.7604")
        tap.run("issue, call next, guest book, start, finish", test_issue_call_start_finish, ctx)
        tap.run("a second officer's actions appear live", test_second_officer_live, ctx)
        tap.run("finished offline, applied once after restarts",
                test_offline_finish_applied_once, ctx, workdir)
        tap.run("the queue page in English and Indonesian", test_screenshots_both_languages,
                ctx, workdir)
        for path in (ctx["app"].log_path,):
            text = open(path).read()
            if "CRITICAL" in text:
                print("# app log has criticals:\n# " + "\n# ".join(text.splitlines()[-20:]))
    finally:
        ctx["app"].stop()
        server.stop()
        pstui.cleanup(workdir)
    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())
