"""Driving the real pst-desk window through AT-SPI, against a real
pst-server, for the UI tests. Run under run-ui-test (display, buses)."""

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import urllib.error
import urllib.request

import pyatspi

DEFAULT_TIMEOUT = 15.0


class TestFailure(Exception):
    pass


# TAP output: one line a test case, the plan at the end.

class Tap:
    def __init__(self):
        self.count = 0
        self.failed = 0

    def run(self, name, func, *args):
        self.count += 1
        try:
            func(*args)
            print(f"ok {self.count} {name}", flush=True)
        except Exception as e:  # a failure of any kind fails the case
            self.failed += 1
            print(f"not ok {self.count} {name}", flush=True)
            for line in traceback.format_exc().splitlines():
                print(f"# {line}", flush=True)

    def finish(self):
        print(f"1..{self.count}", flush=True)
        return 1 if self.failed else 0


def wait_until(predicate, timeout=DEFAULT_TIMEOUT, what="condition", interval=0.25):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            last = predicate()
            if last:
                return last
        except Exception:  # the UI may be changing under us
            pass
        time.sleep(interval)
    raise TestFailure(f"timed out after {timeout:.0f} s waiting for {what}")


# The server: the real binary on a loopback port with a temporary database.

class Server:
    def __init__(self, workdir, demo=True):
        self.binary = os.environ["PST_SERVER_BINARY"]
        self.db = os.path.join(workdir, "pst.db")
        self.demo = demo
        self.proc = None
        self.port = None
        self.log = []

    def start(self, port=0):
        args = [self.binary, "--db", self.db, "--listen", f"127.0.0.1:{port}"]
        if self.demo:
            args.append("--demo")
        env = dict(os.environ)
        env["G_DEBUG"] = os.environ.get("PST_SERVER_G_DEBUG", "")
        self.proc = subprocess.Popen(args, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                     text=True, env=env)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            line = self.proc.stderr.readline()
            if not line:
                raise TestFailure("pst-server exited:\n" + "".join(self.log))
            self.log.append(line)
            m = re.search(r"Listening on .*\(port (\d+)\)", line)
            if m:
                self.port = int(m.group(1))
                break
        threading.Thread(target=self._drain, daemon=True).start()
        return self

    def _drain(self):
        for line in self.proc.stderr:
            self.log.append(line)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def stop(self):
        if self.proc is not None:
            self.proc.send_signal(signal.SIGTERM)
            self.proc.wait(timeout=20)
            self.proc = None

    def restart(self):
        """Starts again on the same database and port (clients reconnect)."""
        port = self.port
        self.stop()
        self.demo = False
        self.start(port)

    # A second client speaking HTTP, as another officer would.
    def request(self, method, path, token=None, body=None, headers=None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.url + "/api/v1" + path, data=data, method=method)
        if data is not None:
            req.add_header("Content-Type", "application/json")
        if token:
            req.add_header("Authorization", "Bearer " + token)
        for k, v in (headers or {}).items():
            req.add_header(k, v)
        try:
            with urllib.request.urlopen(req, timeout=10) as resp:
                text = resp.read().decode()
                return resp.status, (json.loads(text) if text else None)
        except urllib.error.HTTPError as e:
            text = e.read().decode()
            return e.code, (json.loads(text) if text else None)

    def login(self, username, password="pst-demo"):
        status, body = self.request("POST", "/auth/login",
                                    body={"username": username, "password": password})
        if status != 200:
            raise TestFailure(f"login {username}: {status} {body}")
        return body["token"]


# The app: the real binary, found on the accessibility bus.

def _children(acc):
    # All or nothing: a child that cannot be read means the tree is changing
    # there, and asking its siblings too (GTK 4.8 answers for widgets in
    # the middle of going away) is how the app's AT-SPI side can crash.
    try:
        return [acc.getChildAtIndex(i) for i in range(acc.childCount)]
    except Exception:
        return []


def _name(acc):
    try:
        return acc.name or ""
    except Exception:
        return ""


def _role(acc):
    try:
        return acc.getRoleName()
    except Exception:
        return ""


def find_all(root, name=None, role=None, pattern=None, limit=None):
    """Accessibles below root whose name equals name (or matches the regex
    pattern) and whose role is role (any when None). GTK 4.8 does not mark
    widgets SHOWING, so hidden pages are searched too: callers name
    widgets precisely."""
    found = []
    stack = [root]
    while stack:
        acc = stack.pop()
        if acc is None:
            continue
        n = _name(acc)
        if ((name is None or n == name) and (pattern is None or re.search(pattern, n))
                and (role is None or _role(acc) == role)):
            found.append(acc)
            if limit and len(found) >= limit:
                break
        stack.extend(reversed(_children(acc)))
    return found


def dump(root, depth=0, out=None, max_depth=40):
    out = [] if out is None else out
    out.append("  " * depth + f"{_role(root)} {_name(root)!r}")
    if depth < max_depth:
        for child in _children(root):
            dump(child, depth + 1, out, max_depth)
    return out


class App:
    def __init__(self, workdir, server_url, language="en", name="pst-desk"):
        self.binary = os.environ["PST_DESK_BINARY"]
        self.workdir = workdir
        self.server_url = server_url
        self.language = language
        self.name = name
        self.proc = None
        self.root = None

    def start(self):
        env = dict(os.environ)
        home = os.path.join(self.workdir, "home")
        os.makedirs(home, exist_ok=True)
        env.update({
            "HOME": home,
            "XDG_DATA_HOME": os.path.join(home, ".local", "share"),
            "XDG_CONFIG_HOME": os.path.join(home, ".config"),
            "XDG_CACHE_HOME": os.path.join(home, ".cache"),
            "GSETTINGS_BACKEND": "keyfile",
            "PST_DEFAULT_SERVER": self.server_url,
            "LANGUAGE": self.language,
            "LANG": "id_ID.UTF-8" if self.language == "id" else "en_US.UTF-8",
            "LC_ALL": "",
            "GTK_A11Y": "atspi",
            "G_DEBUG": "",
            "G_MESSAGES_DEBUG": "pst-desk",
        })
        self.log_path = os.path.join(self.workdir, f"app-{int(time.time() * 1000)}.log")
        self.log_file = open(self.log_path, "w")
        self.proc = subprocess.Popen([self.binary], env=env, stdout=self.log_file,
                                     stderr=subprocess.STDOUT)
        desktop = pyatspi.Registry.getDesktop(0)

        def app_root():
            if self.proc.poll() is not None:
                raise TestFailure("pst-desk exited:\n" + open(self.log_path).read())
            for acc in _children(desktop):
                if _name(acc) == self.name:
                    # The one started last, if an earlier one is still listed.
                    try:
                        if acc.get_process_id() != self.proc.pid:
                            continue
                    except Exception:
                        pass
                    return acc
            return None

        try:
            self.root = wait_until(app_root, 90, "pst-desk on the accessibility bus")
        except TestFailure as e:
            running = "running" if self.proc.poll() is None else f"exited {self.proc.returncode}"
            names = [_name(acc) for acc in _children(desktop)]
            with open(self.log_path) as f:
                log = f.read()[-4000:]
            raise TestFailure(f"{e}\npst-desk {running}; on the bus: {names}\n"
                              f"AT-SPI bus: {os.environ.get('XDG_RUNTIME_DIR')}\nlog:\n{log}")
        return self

    def stop(self):
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
            self.proc = None
            self.log_file.close()

    # Finding and acting.

    def find(self, name=None, role=None, pattern=None, timeout=DEFAULT_TIMEOUT):
        return wait_until(lambda: (find_all(self.root, name, role, pattern, limit=1) or [None])[0],
                          timeout, f"{role or 'widget'} {name or pattern!r}")

    def find_all(self, name=None, role=None, pattern=None):
        return find_all(self.root, name, role, pattern)

    def absent(self, name=None, role=None, pattern=None, timeout=DEFAULT_TIMEOUT):
        wait_until(lambda: not find_all(self.root, name, role, pattern, limit=1), timeout,
                   f"{role or 'widget'} {name or pattern!r} to go")

    def click(self, name=None, role="push button", pattern=None, timeout=DEFAULT_TIMEOUT):
        acc = self.find(name, role, pattern, timeout)
        action = acc.queryAction()
        for i in range(action.nActions):
            if action.getName(i) in ("click", "press", "activate"):
                action.doAction(i)
                return acc
        action.doAction(0)
        return acc

    def set_text(self, name, text, role=None, timeout=DEFAULT_TIMEOUT):
        roles = [role] if role else ["text", "password text", "entry"]

        def editable():
            for r in roles:
                hits = find_all(self.root, name, r, limit=1)
                if hits:
                    return hits[0]
            return None

        acc = wait_until(editable, timeout, f"text field {name!r}")
        acc.queryEditableText().setTextContents(text)
        return acc

    def text_of(self, acc):
        t = acc.queryText()
        return t.getText(0, t.characterCount)

    def screenshot(self, path):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        subprocess.run(["import", "-window", "root", path], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def dump(self):
        return "\n".join(dump(self.root))


def workdir():
    path = tempfile.mkdtemp(prefix="pst-ui-")
    return path


def cleanup(path):
    shutil.rmtree(path, ignore_errors=True)
