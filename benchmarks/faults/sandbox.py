#!/usr/bin/env python3
"""A minimal provider sandbox for the fault campaign: WhatsApp/Messenger (Meta Graph), Twilio and
Telegram send APIs on the port channel-gateway sends to locally (8089, see deploy/local/README.md).
Every request is answered as the provider would (a new provider message id) and appended to a log,
one JSON line each, so the campaign can count what reached "the customer's phone". It also hands
over the media customers "sent", as the providers do: WhatsApp `GET /meta/v21.0/{media-id}` (Graph's
{url, mime_type, sha256, file_size, id}) and the URL it names; Telegram `getFile` and
`/telegram/file/bot<token>/<file_path>`. The bytes are a small JPEG-looking file derived from the id.

  sandbox.py PORT LOG
"""
import hashlib, json, sys, threading, uuid
from urllib.parse import parse_qs, urlparse
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

    def do_GET(self):
        url = urlparse(self.path)
        parts = url.path.strip("/").split("/")
        if url.path.startswith("/meta/media/"):
            return self.answer(200, "image/jpeg", media(parts[-1]))
        if url.path.startswith("/meta/") and len(parts) == 3:  # /meta/v21.0/{media-id}
            content = media(parts[2])
            base = "http://%s" % (self.headers.get("Host") or "localhost:%d" % PORT)
            return self.json({"messaging_product": "whatsapp", "url": base + "/meta/media/" + parts[2], "mime_type": "image/jpeg",
                              "sha256": hashlib.sha256(content).hexdigest(), "file_size": str(len(content)), "id": parts[2]})
        if url.path.startswith("/telegram/bot") and url.path.endswith("/getFile"):
            file_id = parse_qs(url.query).get("file_id", [""])[0]
            return self.json({"ok": True, "result": {"file_id": file_id, "file_unique_id": file_id[:16], "file_size": len(media(file_id)),
                                                     "file_path": "photos/" + file_id + ".jpg"}})
        if url.path.startswith("/telegram/file/bot"):
            return self.answer(200, "image/jpeg", media(parts[-1][:-len(".jpg")] if parts[-1].endswith(".jpg") else parts[-1]))
        self.answer(404, "application/json", b'{"error":"not found"}')

    def json(self, value):
        self.answer(200, "application/json", json.dumps(value).encode())

    def answer(self, status, content_type, body):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def media(ref):
    """The same bytes for the same reference: a JPEG start-of-image and JFIF header, then the reference."""
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + ref.encode() * 8 + b"\xff\xd9"


ThreadingHTTPServer(("127.0.0.1", PORT), Provider).serve_forever()
