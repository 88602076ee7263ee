#!/usr/bin/env python3
"""A stand-in Appium / WebDriverAgent server for the tests of `capture --appium`.

Real HTTP on 127.0.0.1 (port 0: the kernel picks one), answering the W3C WebDriver routes System//Zero reads as the
protocol says: `GET /status`, the session list (`GET /appium/sessions` as Appium 2 and 3 answer it, `GET /sessions`
as Appium 1 does, or neither and the session in `/status` as WebDriverAgent does) and `GET /session/{id}/source`,
answering `{"value": "<xml…>"}` with the page sources named on the command line in turn (the last one repeats), and
errors in WebDriver's `{"value": {"error": …, "message": …, "stacktrace": …}}` form. It prints its base URL on one
line, then serves until SIGTERM, until its standard input closes (a test that dies takes it along), or for at most
`--lifetime` seconds.
"""

import argparse
import http.server
import json
import signal
import sys
import threading

# A child of the Swift test process starts with most signals blocked: let SIGTERM end it.
signal.pthread_sigmask(signal.SIG_UNBLOCK, set(signal.Signals))

parser = argparse.ArgumentParser()
parser.add_argument("sources", nargs="*", help="page source files, served in turn")
parser.add_argument("--sessions", default="appium", choices=["appium", "legacy", "wda", "none", "two"])
parser.add_argument("--session-id", default="5f0c2a9e-3b71-4f6e-9d1a-7c2e8b4a6d10")
parser.add_argument("--base", default="", help="a base path such as /wd/hub")
parser.add_argument("--raw", help="a file sent as the body of every /source answer instead of the JSON envelope")
parser.add_argument("--lifetime", type=float, default=600, help="seconds after which the server stops by itself")
arguments = parser.parse_args()

served = []
lock = threading.Lock()


def error(status, code, message):
    return status, {"value": {"error": code, "message": message, "stacktrace": ""}}


def unknown(path):
    return error(404, "unknown command", f"The requested resource could not be found, or a request was received "
                 f"using an HTTP method that is not supported by the mapped resource: GET {path}")


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, status, document=None, body=None):
        data = body if body is not None else json.dumps(document).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if not self.path.startswith(arguments.base):
            return self.answer(*unknown(self.path))
        path = self.path[len(arguments.base):]
        ids = {"two": [arguments.session_id, "0b6d3c1e-8f2a-4e5b-a9c7-1d3f5e7a9b20"], "none": []}.get(
            arguments.sessions, [arguments.session_id])
        listing = [{"id": id, "capabilities": {"platformName": "Android"}} for id in ids]
        if path == "/status":
            if arguments.sessions == "wda":
                return self.answer(200, {"value": {"ready": True, "message": "WebDriverAgent is ready to accept commands",
                                                   "state": "success", "build": {"version": "9.0.0"}},
                                         "sessionId": arguments.session_id})
            return self.answer(200, {"value": {"ready": True, "message": "The server is ready to accept new connections",
                                               "build": {"version": "2.11.0"}}})
        if path == "/appium/sessions" and arguments.sessions in ("appium", "none", "two"):
            return self.answer(200, {"value": listing})
        if path == "/sessions" and arguments.sessions == "legacy":
            return self.answer(200, {"status": 0, "value": listing})
        parts = path.split("/")
        if len(parts) == 4 and parts[1] == "session" and parts[3] == "source":
            if parts[2] not in ids:
                return self.answer(*error(404, "invalid session id",
                                          f"A session is either terminated or not started (no session {parts[2]})"))
            if arguments.raw:
                with open(arguments.raw, "rb") as file:
                    return self.answer(200, body=file.read())
            if not arguments.sources:
                return self.answer(*error(500, "unknown error", "An unknown server-side error occurred"))
            with lock:
                index = min(len(served), len(arguments.sources) - 1)
                served.append(index)
            with open(arguments.sources[index], encoding="utf-8") as file:
                return self.answer(200, {"value": file.read(), "sessionId": parts[2]})
        return self.answer(*unknown(path))


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
threading.Thread(target=server.serve_forever, daemon=True).start()
print(f"http://127.0.0.1:{server.server_address[1]}{arguments.base}", flush=True)
watcher = threading.Thread(target=sys.stdin.read, daemon=True)
watcher.start()
watcher.join(arguments.lifetime)
server.shutdown()
