"""Imports one ticket per size given, each with that many messages (customer and agent in turn, a
minute apart, in 2001 so no report of today's data sees them), over the public NDJSON import, and
prints the wall time of each request. Usage: import.py SIZE [SIZE ...]"""
import datetime
import json
import sys
import time
import urllib.request
import uuid

KEYCLOAK = "http://localhost:8180/realms/pharos/protocol/openid-connect/token"
IMPORT = "http://localhost:8081/api/v1/tickets/import"


def token():
    form = b"grant_type=client_credentials&client_id=acme-integrator&client_secret=acme-integrator-secret"
    return json.load(urllib.request.urlopen(urllib.request.Request(KEYCLOAK, data=form)))["access_token"]


def iso(t):
    return t.isoformat().replace("+00:00", "Z")


def ticket(size):
    start = datetime.datetime(2001, 1, 1, tzinfo=datetime.timezone.utc)
    messages = [{"createdAt": iso(start + datetime.timedelta(minutes=i + 1)), "author": "customer" if i % 2 == 0 else "agent",
                 "text": "message %d of a long thread" % i} for i in range(size)]
    run = uuid.uuid4().hex
    return {"externalId": "bench-import-" + run, "subject": "A thread of %d messages" % size, "channel": "email",
            "createdAt": iso(start), "requester": {"email": "bench-import-%s@example.test" % run[:8]}, "messages": messages}


for size in map(int, sys.argv[1:]):
    body = (json.dumps(ticket(size)) + "\n").encode()
    request = urllib.request.Request(IMPORT, data=body, headers={"Authorization": "Bearer " + token(),
                                                                 "Content-Type": "application/x-ndjson"})
    began = time.monotonic()
    result = json.loads(urllib.request.urlopen(request, timeout=1800).read())
    seconds = time.monotonic() - began
    if result.get("status") != "created":
        sys.exit("import of %d messages failed: %s" % (size, result))
    print("RESULT messages=%d seconds=%.2f ms_per_message=%.2f messages_per_second=%.0f"
          % (size, seconds, 1000 * seconds / size, size / seconds), flush=True)
