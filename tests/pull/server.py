#!/usr/bin/env python3
"""A small Marketo REST API stand-in for tests/pull/pull.sh: 127.0.0.1 only, one scenario per run.

Serves the documented shapes (swagger-identity.json, swagger-user.json, swagger-mapi.json;
Adobe's "error-codes" and "user-management" pages): the identity token endpoint, the User
Management lists (bare JSON arrays; errors as a non-200 status with an "errors" array) and
GET /rest/v1/leads/partitions.json (the REST envelope; errors as HTTP 200, "success": false).
The scenario injects failures. Every request is appended to --log as one JSON line (method,
path without query for the identity call, outcome) and never a credential or a token.
An absolute URL in the request line (a client talking to a forward proxy) is served too, and
logged with "proxied": true.
"""
import argparse
import json
import os
import secrets
import select
import socket
import ssl
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

UM = "/userservice/management/v1/users/"


class State:
    def __init__(self, args):
        self.args = args
        self.lock = threading.Lock()
        self.tokens = set()
        self.calls = 0
        self.fired = {}  # injection name -> times fired
        data = args.data
        with open(os.path.join(data, "users", "allusers.json")) as f:
            self.users = json.load(f)
        self.users = self.users["result"] if isinstance(self.users, dict) else self.users
        for name in ("roles", "workspaces"):
            with open(os.path.join(data, "users", name + ".json")) as f:
                value = json.load(f)
            setattr(self, name, value["result"] if isinstance(value, dict) else value)
        self.user_roles = {}
        folder = os.path.join(data, "user-roles")
        for entry in sorted(os.listdir(folder)):
            with open(os.path.join(folder, entry)) as f:
                self.user_roles[entry[: -len(".json")]] = json.load(f)
        self.partitions = [
            {"id": 1, "name": "Default", "description": "Default partition"},
            {"id": 2, "name": "EMEA", "description": "Leads of the EMEA region"},
        ]

    def once(self, name, times=1):
        """True the first `times` times it is asked for `name`."""
        with self.lock:
            n = self.fired.get(name, 0)
            if n < times:
                self.fired[name] = n + 1
                return True
            return False


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as Marketo
    server_version = "marketo-stand-in"
    # Headers and body in one segment, sent at once: otherwise delayed ACKs cost 40 ms a call.
    wbufsize = 1 << 16
    disable_nagle_algorithm = True

    def log_message(self, *args):
        pass

    def log(self, **entry):
        st = self.server.state
        with st.lock:
            st.calls += 1
            with open(st.args.log, "a") as f:
                f.write(json.dumps(entry) + "\n")

    def reply(self, status, body, raw=False, delay=0.0):
        data = body if raw else json.dumps(body).encode()
        if delay:
            time.sleep(delay)
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json;charset=UTF-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass

    def um_error(self, status, code, message):
        self.reply(status, {"errors": [{"code": code, "message": message}]})

    def rest_error(self, code, message):
        self.reply(200, {"requestId": "e#1", "success": False, "errors": [{"code": code, "message": message}]})

    def do_CONNECT(self):
        """A forward proxy's tunnel (https_proxy): to 127.0.0.1:--connect-to, whatever the host asked for."""
        st = self.server.state
        self.log(method="CONNECT", path=self.path, outcome="tunnel", proxied=True)
        if not st.args.connect_to:
            self.um_error(405, "405", "not a proxy")
            return
        upstream = socket.create_connection(("127.0.0.1", st.args.connect_to), timeout=30)
        self.send_response(200, "Connection established")
        self.end_headers()
        self.wfile.flush()
        sockets = [self.connection, upstream]
        try:
            for _ in range(100000):  # bounded: one pull's worth of traffic
                readable, _, _ = select.select(sockets, [], [], 30)
                if not readable:
                    break
                done = False
                for source in readable:
                    data = source.recv(65536)
                    if not data:
                        done = True
                        break
                    (upstream if source is self.connection else self.connection).sendall(data)
                if done:
                    break
        finally:
            upstream.close()
            self.close_connection = True

    def do_POST(self):
        self.route("POST")

    def do_GET(self):
        self.route("GET")

    def route(self, method):
        st = self.server.state
        sc = st.args.scenario
        target = urllib.parse.urlsplit(self.path)
        proxied = bool(target.scheme)
        path = target.path
        query = urllib.parse.parse_qs(target.query)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""

        if path == "/identity/oauth/token":
            form = urllib.parse.parse_qs(body.decode())
            in_query = "client_secret" in query or "client_id" in query
            good = (method == "POST" and not in_query
                    and form.get("grant_type") == ["client_credentials"]
                    and form.get("client_id") == [os.environ["STANDIN_CLIENT_ID"]]
                    and form.get("client_secret") == [os.environ["STANDIN_CLIENT_SECRET"]])
            self.log(method=method, path=path, outcome="token" if good else "refused", proxied=proxied,
                     credentials_in_query=in_query)
            if not good:
                self.reply(401, {"error": "invalid_client", "error_description": "Bad client credentials"})
                return
            token = "TOKEN-" + secrets.token_hex(12) + ":ab"
            with st.lock:
                st.tokens.add(token)
            self.reply(200, {"access_token": token, "token_type": "bearer", "expires_in": 3599,
                             "scope": "minrole-puller@acme.example"})
            return

        auth = self.headers.get("Authorization", "")
        token = auth[len("Bearer "):] if auth.startswith("Bearer ") else ""
        rest = path.startswith("/rest/")
        entry = dict(method=method, path=path + ("?" + target.query if target.query else ""), proxied=proxied)
        if "access_token" in query:
            self.log(outcome="token-in-query", **entry)
            self.um_error(400, "600", "token in the query string")
            return
        with st.lock:
            valid = token in st.tokens
        if not valid:
            self.log(outcome="601", **entry)
            (self.rest_error if rest else lambda c, m: self.um_error(401, c, m))("601", "Access token invalid")
            return

        # ---- injected failures ----
        if sc == "expire-mid-pagination" and path == UM + "allusers.json" and query.get("pageOffset") != ["0"] \
                and st.once("expire"):
            with st.lock:
                st.tokens.discard(token)
            self.log(outcome="602", **entry)
            self.um_error(401, "602", "Access token expired")
            return
        if sc == "expire-always" and path == UM + "roles.json":
            with st.lock:
                st.tokens.discard(token)
            self.log(outcome="602", **entry)
            self.um_error(401, "602", "Access token expired")
            return
        if sc == "rate-606" and path == "/rest/v1/leads/partitions.json" and st.once("606"):
            self.log(outcome="606", **entry)
            self.rest_error("606", "Max rate limit '100' exceeded with in '20' secs")
            return
        if sc == "concurrency-615" and path == UM + "workspaces.json" and st.once("615", 2):
            self.log(outcome="615", **entry)
            self.um_error(429, "615", "Concurrent access limit reached")
            return
        if sc == "quota-607" and path == UM + "allusers.json":
            self.log(outcome="607", **entry)
            self.um_error(403, "607", "Daily quota reached")
            return
        if sc == "denied-603" and path == "/rest/v1/leads/partitions.json":
            self.log(outcome="603", **entry)
            self.rest_error("603", "Access denied")
            return
        if sc == "server-500" and path == UM + "roles.json" and st.once("500"):
            self.log(outcome="500", **entry)
            self.reply(500, b"<html>Internal Server Error</html>", raw=True)
            return
        if sc == "server-500-always" and path == UM + "roles.json":
            self.log(outcome="500", **entry)
            self.reply(502, b"Bad Gateway", raw=True)
            return
        if sc in ("slow", "slow-once") and path == UM + "workspaces.json" and (sc == "slow" or st.once("slow")):
            self.log(outcome="slow", **entry)
            self.reply(200, st.workspaces, delay=st.args.delay)
            return
        if sc == "malformed" and path == UM + "allusers.json":
            self.log(outcome="malformed", **entry)
            self.reply(200, b'[\n  {"id": 2101, "userid": "crm-sync@acme.example",\n   "apiOnly": tru', raw=True)
            return
        if sc == "bad-shape" and path == UM + "allusers.json":
            self.log(outcome="bad-shape", **entry)
            users = json.loads(json.dumps(st.users))
            users[1]["apiOnly"] = "yes"
            self.reply(200, users)
            return

        # ---- the documented responses ----
        self.log(outcome="ok", **entry)
        if path == UM + "workspaces.json":
            self.reply(200, st.workspaces)
        elif path == UM + "roles.json":
            self.reply(200, st.roles)
        elif path == UM + "allusers.json":
            offset = int(query.get("pageOffset", ["0"])[0])
            size = int(query.get("pageSize", ["20"])[0])
            if size > 200:
                self.um_error(400, "1003", "pageSize must be at most 200")
                return
            if sc == "stuck-paging":
                offset = 0  # a server that ignores pageOffset
            self.reply(200, st.users[offset: offset + size])
        elif path.startswith(UM) and path.endswith("/roles.json"):
            userid = urllib.parse.unquote(path[len(UM): -len("/roles.json")])
            if userid not in st.user_roles:
                self.um_error(404, "1004", "User not found")
                return
            self.reply(200, st.user_roles[userid])
        elif path == "/rest/v1/leads/partitions.json":
            if sc == "paged-partitions" and "nextPageToken" not in query:
                self.reply(200, {"requestId": "p#1", "success": True, "result": st.partitions[:1],
                                 "moreResult": True, "nextPageToken": "PAGE2"})
            elif sc == "paged-partitions":
                self.reply(200, {"requestId": "p#2", "success": True, "result": st.partitions[1:]})
            else:
                self.reply(200, {"requestId": "p#0", "success": True, "result": st.partitions})
        else:
            self.um_error(404, "404", "Not found")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True)
    parser.add_argument("--scenario", default="ok")
    parser.add_argument("--log", required=True)
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--delay", type=float, default=3.0)
    parser.add_argument("--connect-to", type=int, default=0, help="serve CONNECT (a proxy) by tunnelling to this port")
    parser.add_argument("--lifetime", type=float, default=120.0, help="exit after this many seconds, whatever happens")
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.state = State(args)
    if args.cert:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(args.cert, args.key)
        server.socket = context.wrap_socket(server.socket, server_side=True)
    with open(args.port_file + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    os.replace(args.port_file + ".tmp", args.port_file)
    threading.Timer(args.lifetime, lambda: os._exit(3)).start()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
