#!/usr/bin/env python3
"""A minimal provider sandbox for the fault campaign: WhatsApp/Messenger (Meta Graph), Twilio and
Telegram send APIs on the port channel-gateway sends to locally (8089, see deploy/local/README.md).
Every request is answered as the provider would (a new provider message id) and appended to a log,
one JSON line each, so the campaign can count what reached "the customer's phone".

  sandbox.py PORT LOG
"""
import json, sys, threading, uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT, LOG = int(sys.argv[1]), sys.argv[2]
lock = threading.Lock()
log = open(LOG, "a", encoding="utf-8")


class Provider(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode("utf-8", "replace")
        pid = uuid.uuid4().hex
        with lock:
            log.write(json.dumps({"path": self.path, "body": body, "id": pid}) + "\n")
            log.flush()
        # one answer that satisfies every client: Meta reads messages[0].id / message_id, Twilio sid, Telegram result.message_id
        answer = json.dumps({"messaging_product": "whatsapp", "messages": [{"id": "wamid." + pid}], "message_id": "m_" + pid,
                             "sid": "SM" + pid, "ok": True, "result": {"message_id": int(pid[:8], 16)}}).encode()
        self.send_response(201 if "/twilio/" in self.path else 200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", PORT), Provider).serve_forever()
