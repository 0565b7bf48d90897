"""The knowledge base as officers use it: the real pst-desk under Xvfb,
driven through AT-SPI, against a real pst-server. The articles are
imported through the API by the demo administrator (POST /kb/import), so
the test does not depend on any seed data."""

import copy
import os
import shutil
import subprocess
import sys
import time
import urllib.parse
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pstui  # noqa: E402

OFFICE = "7604"
SHOTS = os.environ.get("PST_SCREENSHOT_DIR", "/tmp/pst-ui-screenshots")
RUN = uuid.uuid4().hex[:8]

# Words no seed article will have, so the searches find these only.
POOR_ID = "Jumlah penduduk miskin Kabupaten Tomakaka"
POOR_EN = "Poverty line of Tomakaka Regency"
WAGES_ID = "Upah buruh tani Tomakaka"

# Only the article view has the text's paragraphs: snippets are one line.
BODY_WORDS = r"Susenas Maret\.\n\nTabelnya"

ARTICLES = [
    {"external_id": f"test-kb-{RUN}-miskin", "lang": "id", "title": POOR_ID,
     "body": "Data penduduk miskin Tomakaka per kecamatan terbit setiap tahun dari "
             "Susenas Maret.\n\nTabelnya ada di situs BPS dan dapat diminta di PST.",
     "tags": ["susenas", "miskin"], "category": "data"},
    {"external_id": f"test-kb-{RUN}-poverty", "lang": "en", "title": POOR_EN,
     "body": "The poverty line of Tomakaka and the number of poor people come from the "
             "Susenas survey every March.",
     "tags": ["susenas", "poverty"], "category": "metadata"},
    {"external_id": f"test-kb-{RUN}-upah", "lang": "id", "title": WAGES_ID,
     "body": "Upah nominal buruh tani Tomakaka dicatat setiap bulan dalam Survei Harga "
             "Perdesaan.",
     "tags": ["upah"], "category": "data"},
]


def login(app, username, password="pst-demo", names=("Username", "Password", "Log In")):
    app.set_text(names[0], username)
    app.set_text(names[1], password)
    app.click(names[2])


def scope(app, root):
    """app with its finding limited to root: walking the whole window (the
    other pages' long lists) over AT-SPI is slow on a busy machine."""
    scoped = copy.copy(app)
    scoped.root = root
    return scoped


def open_kb(app, tab="Knowledge Base"):
    """Shows the page; the app scoped to it."""
    app.click(tab, role="page tab", timeout=30)
    return scope(app, app.find(role="filler", name="PstKbPage"))


def search(app, text, page=None):
    root = page or app.root
    entries = pstui.find_all(root, role="entry", name="Search the knowledge base", limit=1)
    if not entries:
        entries = [e for e in pstui.find_all(app.find(role="filler", name="PstKbSearchView"),
                                             role="entry")]
    entries[0].queryEditableText().setTextContents(text)


def result(app, title, timeout=pstui.DEFAULT_TIMEOUT):
    """The result row of an article, named "Title, Indonesian, Data"."""
    return app.find(role="panel", pattern="^" + title + ", ", timeout=timeout)


def no_result(app, title, timeout=pstui.DEFAULT_TIMEOUT):
    app.absent(role="panel", pattern="^" + title + ", ", timeout=timeout)


def select_in_list(app, row):
    """Selects the list item holding row (AT-SPI Selection of the list)."""
    item = row.parent
    items = item.parent
    index = [i for i, c in enumerate(pstui._children(items)) if c == item]
    if not index:
        raise pstui.TestFailure(f"no list item for {pstui._name(row)!r}")
    items.querySelection().selectChild(index[0])


def select_result(app, title, root=None):
    """Selects the row of title in the results list."""
    if root is None:
        row = result(app, title)
    else:
        row = pstui.wait_until(lambda: pstui.find_all(root, role="panel",
                                                      pattern="^" + title + ", ", limit=1),
                               pstui.DEFAULT_TIMEOUT, f"the result {title!r}")[0]
    select_in_list(app, row)


def article_text(app, words):
    """The article's text shown, found by words in it (a label's name is its
    text)."""
    return app.text_of(app.find(role="label", pattern=words))


def sensitive(acc):
    return acc.getState().contains(pstui.pyatspi.STATE_SENSITIVE)


def window_with(app, field, timeout=pstui.DEFAULT_TIMEOUT):
    """The window (other than the main one) that holds a field named field."""
    def top():
        for acc in pstui._children(app.root):
            if pstui._name(acc) != "PST Desk" and pstui.find_all(acc, name=field, limit=1):
                return acc
        return None
    return pstui.wait_until(top, timeout, f"the window with {field!r}")


def field(box, name):
    hits = [a for r in ("text", "entry") for a in pstui.find_all(box, name=name, role=r, limit=1)]
    if not hits:
        raise pstui.TestFailure(f"no field {name!r}:\n" + "\n".join(pstui.dump(box)))
    return hits[0]


def press(box, name):
    hits = pstui.find_all(box, name=name, role="push button", limit=1)
    if not hits:
        raise pstui.TestFailure(f"no button {name!r}:\n" + "\n".join(pstui.dump(box)))
    hits[0].queryAction().doAction(0)


def server_search(server, token, q, lang="id"):
    status, body = server.request("GET", f"/kb/search?q={urllib.parse.quote(q)}&lang={lang}",
                                  token)
    assert status == 200, (status, body)
    return body["items"]


# Officer.

def test_hint_before_searching(ctx):
    ctx["kb"] = app = open_kb(ctx["app"])
    app.find("Popular topics", role="label")
    app.find("Search the Knowledge Base", role="label")
    app.screenshot(os.path.join(SHOTS, "kb-hint-en.png"))


def test_keyboard(ctx):
    """Ctrl+F goes to the search entry; typing anywhere in the page searches."""
    app = ctx["kb"]
    if shutil.which("xdotool") is None:
        print("# SKIP no xdotool to type with")
        return
    entry = app.find("Search the knowledge base", role="entry")

    def focused():
        return entry.getState().contains(pstui.pyatspi.STATE_FOCUSED)

    subprocess.run(["xdotool", "key", "Tab"], check=True)
    pstui.wait_until(lambda: not focused(), 5, "the focus to leave the entry")
    subprocess.run(["xdotool", "key", "ctrl+f"], check=True)
    pstui.wait_until(focused, 5, "Ctrl+F to focus the entry")

    subprocess.run(["xdotool", "key", "Tab"], check=True)
    pstui.wait_until(lambda: not focused(), 5, "the focus to leave the entry")
    subprocess.run(["xdotool", "type", "--delay", "50", "upah"], check=True)
    pstui.wait_until(lambda: app.text_of(entry) == "upah", 5, "the typing in the entry")
    result(app, WAGES_ID)


def test_inflected_query_highlighted(ctx):
    app = ctx["kb"]
    # The demo's own articles about poverty may outnumber a page of results:
    # Indonesian ones only, and a word of ours.
    app.click("Indonesian only")
    search(app, "kemiskinan tomakaka")
    row = result(app, POOR_ID)
    # The row names the category once the article was read.
    pstui.wait_until(lambda: pstui._name(result(app, POOR_ID)).endswith(", Indonesian, Data"),
                     10, "the category in the row")
    snippet = None
    for label in pstui.find_all(row, role="label"):
        text = app.text_of(label)
        if "Susenas" in text:
            snippet = label
    assert snippet is not None, "\n".join(pstui.dump(row))
    text = app.text_of(snippet)
    assert "\n" not in text, repr(text)
    start = text.index("miskin")
    attrs, run_start, run_end = snippet.queryText().getAttributeRun(start, False)
    assert "weight:700" in attrs, (attrs, text)
    assert text[run_start:run_end] == "miskin", text[run_start:run_end]
    # Text that did not match is not bold.
    attrs, _, _ = snippet.queryText().getAttributeRun(0, False)
    assert "weight:700" not in attrs, attrs
    app.find(pattern=r"^\d+ articles? · ", role="label")
    app.screenshot(os.path.join(SHOTS, "kb-search-en.png"))


def test_language_filter(ctx):
    app = ctx["kb"]
    app.click("All languages")
    search(app, "tomakaka")
    result(app, POOR_ID)
    result(app, POOR_EN)

    app.click("English only")
    result(app, POOR_EN)
    no_result(app, POOR_ID)

    app.click("Indonesian only")
    result(app, POOR_ID)
    no_result(app, POOR_EN)

    app.click("All languages")
    result(app, POOR_ID)
    result(app, POOR_EN)


def test_did_you_mean(ctx):
    app = ctx["kb"]
    status, body = ctx["server"].request("GET", "/kb/search?q=kemiskinn", ctx["token"])
    assert status == 200, body
    if "did_you_mean" not in body:
        print("# the server's speller offers no correction for 'kemiskinn' here")
        return
    app.click("Indonesian only")
    search(app, "kemiskinn")
    button = app.find(role="push button", pattern=r"^Did you mean ")
    assert body["did_you_mean"] in pstui._name(button), pstui._name(button)
    app.screenshot(os.path.join(SHOTS, "kb-did-you-mean-en.png"))
    button.queryAction().doAction(0)
    result(app, POOR_ID)
    app.absent(role="push button", pattern=r"^Did you mean ")


def test_open_article(ctx):
    app, server = ctx["kb"], ctx["server"]
    app.click("Indonesian only")
    search(app, "kemiskinan tomakaka")
    select_result(app, POOR_ID)
    text = article_text(app, BODY_WORDS)
    assert text == ARTICLES[0]["body"], text
    app.find(POOR_ID, role="label")
    app.find(pattern=r"^Indonesian · Data · National · updated ", role="label")
    app.find("Tags: susenas · miskin", role="label")
    app.screenshot(os.path.join(SHOTS, "kb-article-en.png"))

    # Answering "did this help?" counts a view on the server.
    app.click("The article helped")
    app.find(pattern=r"^1 view · 1 found it helpful", role="label")
    article_id = [a for a in server_search(server, ctx["token"], "tomakaka")
                  if a["title"] == POOR_ID][0]["id"]
    status, article = server.request("GET", f"/kb/articles/{article_id}", ctx["token"])
    assert status == 200 and article["views"] == 1 and article["helpful"] == 1, article


def test_officer_cannot_edit(ctx):
    app = ctx["kb"]
    app.find(pattern=BODY_WORDS, role="label")
    app.find(pattern=r"^1 view · ", role="label")
    for name in ("Edit", "Delete", "New article"):
        assert not app.find_all(name, role="push button"), name


def test_chooser_inserts_link(ctx):
    """The consultation composer's "insert article" opens the chooser (the
    same search); the article picked goes into the reply."""
    app = ctx["app"]
    app.click("Consultations", role="page tab")
    row = app.find(role="panel", pattern=r"^Data Sensus Penduduk 2020 per desa, ", timeout=30)
    select_in_list(app, row)
    # The reply's composer, held from now on: while the chooser window goes
    # away, only it is asked (GTK 4.8's AT-SPI side can crash when asked
    # for a window in the middle of being destroyed).
    composers = pstui.wait_until(lambda: app.find_all(role="text"), 15, "the reply's composer")
    app.click(pattern=r"^Insert Article", role="push button")
    chooser = pstui.wait_until(lambda: [a for a in pstui._children(app.root)
                                        if pstui._name(a) == "Insert an Article"], 15,
                               "the article chooser")[0]
    entry = pstui.find_all(chooser, role="entry", name="Search the knowledge base")[0]
    press(chooser, "Indonesian only")
    entry.queryEditableText().setTextContents("kemiskinan tomakaka")
    insert = pstui.find_all(chooser, role="push button", name="Insert", limit=1)[0]

    def picked():
        # The results of the search replace the suggestions shown at first,
        # and with them the selection: select until Insert takes it.
        select_result(app, POOR_ID, chooser)
        return sensitive(insert)
    pstui.wait_until(picked, 20, "Insert to take the selected article", interval=0.5)
    app.screenshot(os.path.join(SHOTS, "kb-chooser-en.png"))
    press(chooser, "Insert")
    try:
        composer = pstui.wait_until(
            lambda: [t for t in composers if POOR_ID in app.text_of(t)], 20,
            "the article in the reply")
    except pstui.TestFailure:
        print("# texts: " + repr([app.text_of(t) for t in app.find_all(role="text")]))
        print(f"# pst-desk {'running' if app.proc.poll() is None else 'exited %s' % app.proc.returncode}")
        with open(app.log_path) as log:
            for line in log.read().splitlines()[-30:]:
                print("# log: " + line)
        for window in pstui._children(app.root):
            print(f"# window {pstui._name(window)!r}, {window.childCount} children")
        for line in pstui.dump(app.root)[:80]:
            print("# " + line)
        raise
    assert "“" + POOR_ID + "”" in app.text_of(composer[0]), app.text_of(composer[0])
    time.sleep(1)
    assert not [a for a in pstui._children(app.root) if pstui._name(a) == "Insert an Article"]
    app.click("Knowledge Base", role="page tab")


# Supervisor.

def test_supervisor_writes_article(ctx, workdir):
    server = ctx["server"]
    ctx["app"].stop()
    app = pstui.App(workdir, server.url).start()
    ctx["app"] = app
    login(app, f"spv.{OFFICE}")
    app.find("Call next", timeout=30)
    ctx["kb"] = kb = open_kb(app)
    token = server.login(f"spv.{OFFICE}")

    kb.click("New article")
    editor = window_with(app, "Title")
    field(editor, "Title").queryEditableText().setTextContents("")
    field(editor, "Text").queryEditableText().setTextContents(
        "Permintaan data mikro Tomakaka diajukan lewat PST dengan surat pengantar.")
    field(editor, "Tags").queryEditableText().setTextContents("data mikro, permintaan")

    # Without a title the editor says so and keeps what was typed.
    press(editor, "Save")
    scope(app, editor).find("Give the article a title", role="label")
    assert "surat pengantar" in app.text_of(field(editor, "Text"))
    app.screenshot(os.path.join(SHOTS, "kb-editor-error-en.png"))

    field(editor, "Title").queryEditableText().setTextContents("Meminta data mikro Tomakaka")
    press(editor, "Save")
    kb.find("Meminta data mikro Tomakaka", role="label", timeout=15)
    kb.find(pattern="^Indonesian · Data · BPS ", role="label")
    found = pstui.wait_until(lambda: [a for a in server_search(server, token, "mikro tomakaka")
                                      if a["title"] == "Meminta data mikro Tomakaka"], 10,
                             "the new article on the server")
    status, article = server.request("GET", f"/kb/articles/{found[0]['id']}", token)
    assert article["office"] == OFFICE and article["tags"] == ["data mikro", "permintaan"], article
    ctx["new_article"] = found[0]["id"]

    # Edit it: the editor opens with the article's fields.
    kb.click("Edit")
    editor = window_with(app, "Title")
    assert app.text_of(field(editor, "Title")) == "Meminta data mikro Tomakaka"
    field(editor, "Title").queryEditableText().setTextContents(
        "Meminta data mikro Tomakaka lewat PST")
    app.screenshot(os.path.join(SHOTS, "kb-editor-en.png"))
    press(editor, "Save")
    pstui.wait_until(lambda: server.request("GET", f"/kb/articles/{ctx['new_article']}", token)[1]
                     ["title"] == "Meminta data mikro Tomakaka lewat PST", 15,
                     "the changed title on the server")
    kb.find("Meminta data mikro Tomakaka lewat PST", role="label")

    # Findable by a word of the article, inflected.
    search(kb, "permintaan mikro")
    result(kb, "Meminta data mikro Tomakaka lewat PST")


def test_supervisor_cannot_edit_national(ctx):
    app = ctx["kb"]
    app.click("Indonesian only")
    search(app, "kemiskinan tomakaka")
    select_result(app, POOR_ID)
    article_text(app, BODY_WORDS)
    app.absent("Edit", role="push button")
    app.find("New article", role="push button")


def test_supervisor_deletes_article(ctx):
    app, server = ctx["kb"], ctx["server"]
    token = server.login(f"spv.{OFFICE}")
    search(app, "permintaan mikro")
    select_result(app, "Meminta data mikro Tomakaka lewat PST")
    app.find("Meminta data mikro Tomakaka lewat PST", role="label")
    app.click("Delete")
    dialog = pstui.wait_until(lambda: [a for a in pstui._children(ctx["app"].root)
                                       if pstui._name(a) == "Delete This Article?"], 10,
                              "the confirmation")[0]
    app.screenshot(os.path.join(SHOTS, "kb-delete-en.png"))
    # AdwMessageDialog 1.2 names its buttons "_Delete Delete".
    pstui.find_all(dialog, role="push button", pattern=r"^_?Delete\b", limit=1)[0] \
        .queryAction().doAction(0)
    pstui.wait_until(lambda: server.request("GET", f"/kb/articles/{ctx['new_article']}",
                                            token)[0] == 404, 15, "the article deleted")
    app.find("No Article Open", role="label")
    no_result(app, "Meminta data mikro Tomakaka lewat PST")


# Offline.

def test_offline_search(ctx):
    app, server = ctx["kb"], ctx["server"]
    server.stop()
    search(app, "upah tomakaka")
    failure = app.find("Cannot Search Now", role="panel")

    def message():
        texts = [app.text_of(l) for l in pstui.find_all(failure, role="label")]
        return [t for t in texts if t and t != "Cannot Search Now"]

    # The page says why, in place of the results of other words.
    shown = pstui.wait_until(message, 30, "the reason the search failed")
    assert any("server" in t.lower() for t in shown), shown
    no_result(app, "Meminta data mikro Tomakaka lewat PST")
    no_result(app, WAGES_ID)
    app.screenshot(os.path.join(SHOTS, "kb-offline-en.png"))

    # Back online, "Try Again" searches again (nothing else would).
    server.restart()
    press(failure, "Try Again")
    result(app, WAGES_ID, timeout=30)


# Indonesian.

def test_indonesian(ctx, workdir):
    server = ctx["server"]
    ctx["app"].stop()
    app = pstui.App(workdir, server.url, language="id").start()
    ctx["app"] = app
    login(app, f"petugas1.{OFFICE}", names=("Nama pengguna", "Kata sandi", "Masuk"))
    kb = open_kb(app, "Basis Pengetahuan")
    time.sleep(1)
    app.screenshot(os.path.join(SHOTS, "kb-hint-id.png"))
    search(kb, "kemiskinan tomakaka")
    result(kb, POOR_ID)
    select_result(kb, POOR_ID)
    article_text(kb, BODY_WORDS)
    time.sleep(1)
    app.screenshot(os.path.join(SHOTS, "kb-article-id.png"))
    log = open(app.log_path).read()
    assert "CRITICAL" not in log, log


def main():
    tap = pstui.Tap()
    workdir = pstui.workdir()
    server = pstui.Server(workdir).start()
    admin = server.login("admin")
    status, body = server.request("POST", "/kb/import", admin, ARTICLES)
    if status != 200 or body["created"] != len(ARTICLES):
        print(f"Bail out! import: {status} {body}")
        server.stop()
        return 1
    ctx = {"server": server, "app": None}
    try:
        ctx["app"] = app = pstui.App(workdir, server.url).start()
        login(app, f"petugas1.{OFFICE}")
        app.find("Call next", timeout=30)
        ctx["token"] = server.login(f"petugas1.{OFFICE}")
        tap.run("a hint and popular topics before searching", test_hint_before_searching, ctx)
        tap.run("Ctrl+F and typing go to the search", test_keyboard, ctx)
        tap.run("an inflected query finds the root word, highlighted",
                test_inflected_query_highlighted, ctx)
        tap.run("the language filter", test_language_filter, ctx)
        tap.run("a correction can be clicked", test_did_you_mean, ctx)
        tap.run("opening an article shows its text; feedback counts", test_open_article, ctx)
        tap.run("an officer has no edit buttons", test_officer_cannot_edit, ctx)
        tap.run("the composer's chooser inserts an article", test_chooser_inserts_link, ctx)
        tap.run("a supervisor writes and edits an article", test_supervisor_writes_article,
                ctx, workdir)
        tap.run("a supervisor cannot edit a national article",
                test_supervisor_cannot_edit_national, ctx)
        tap.run("a supervisor deletes an article", test_supervisor_deletes_article, ctx)
        tap.run("offline: the reason, then Try Again", test_offline_search, ctx)
        tap.run("the page in Indonesian", test_indonesian, ctx, workdir)
        text = open(ctx["app"].log_path).read()
        if "CRITICAL" in text or tap.failed:
            print("# the app's log ends:\n# " + "\n# ".join(text.splitlines()[-30:]))
    finally:
        if ctx["app"] is not None and ctx["app"].proc is not None and \
                ctx["app"].proc.poll() is not None:
            print(f"# pst-desk exited with {ctx['app'].proc.returncode}")
        if ctx["app"] is not None:
            ctx["app"].stop()
        server.stop()
        pstui.cleanup(workdir)
    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())
