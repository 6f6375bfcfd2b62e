"""Bulk history import (issue 27, goal 3): TICKETS whole tickets of three messages each (customer,
agent, customer) and a solve, in 2001 so no report of today sees them, posted as NDJSON to
POST /api/v1/tickets/import in requests of PER_REQUEST lines, PARALLEL requests at once; every
answer line is checked. Prints the rate every 10 s and a RESULT line. The integrator's token is
fetched again before each request (they last 15 minutes).
Usage: bulk.py TICKETS PER_REQUEST PARALLEL RUN_ID"""
import datetime
import json
import sys
import threading
import time
import urllib.request

KEYCLOAK = "http://localhost:8180/realms/pharos/protocol/openid-connect/token"
IMPORT = "http://localhost:8081/api/v1/tickets/import"
CHANNELS = ["email", "whatsapp", "sms", "chat", "form", "messenger"]
START = datetime.datetime(2001, 1, 1, tzinfo=datetime.timezone.utc)


def token():
    form = b"grant_type=client_credentials&client_id=acme-integrator&client_secret=acme-integrator-secret"
    return json.load(urllib.request.urlopen(urllib.request.Request(KEYCLOAK, data=form)))["access_token"]


def iso(t):
    return t.isoformat().replace("+00:00", "Z")


def line(run, i):
    created = START + datetime.timedelta(seconds=i * 150)  # 200,000 tickets span about a year
    at = lambda minutes: iso(created + datetime.timedelta(minutes=minutes))
    return json.dumps({
        "externalId": "bulk-%s-%d" % (run, i), "subject": "Order %d has not arrived" % i, "channel": CHANNELS[i % len(CHANNELS)],
        "createdAt": iso(created), "requester": {"name": "Customer %d" % (i % 50000), "email": "bulk-%d@example.test" % (i % 50000)},
        "messages": [{"author": "customer", "text": "Where is my order %d?" % i, "createdAt": at(0)},
                     {"author": "agent", "text": "It left our warehouse today.", "createdAt": at(30 + i % 90)},
                     {"author": "customer", "text": "Thank you!", "createdAt": at(200)}],
        "statusChanges": [{"status": "solved", "at": at(201), "actor": "system"}]}, separators=(",", ":"))


def main(total, per_request, parallel, run):
    lock = threading.Lock()
    state = {"next": 0, "created": 0, "failed": 0, "errors": []}

    def worker():
        while True:
            with lock:
                first = state["next"]
                if first >= total:
                    return
                state["next"] = min(total, first + per_request)
                last = state["next"]
            body = ("\n".join(line(run, i) for i in range(first, last)) + "\n").encode()
            request = urllib.request.Request(IMPORT, data=body, headers={"Authorization": "Bearer " + token(),
                                                                         "Content-Type": "application/x-ndjson"})
            with urllib.request.urlopen(request, timeout=3600) as response:
                for answer in response:  # one line per ticket, as it is imported
                    result = json.loads(answer)
                    with lock:
                        if result.get("status") == "created":
                            state["created"] += 1
                        else:
                            state["failed"] += 1
                            if len(state["errors"]) < 5:
                                state["errors"].append(result)

    began = time.monotonic()
    threads = [threading.Thread(target=worker, daemon=True) for _ in range(parallel)]
    for t in threads:
        t.start()
    last_report, last_count = began, 0
    while any(t.is_alive() for t in threads):
        time.sleep(1)
        now = time.monotonic()
        if now - last_report >= 10:
            with lock:
                done = state["created"] + state["failed"]
            print("  %5.0f s: %d tickets, %.0f/s over the last %.0f s" % (now - began, done, (done - last_count) / (now - last_report),
                                                                       now - last_report), flush=True)
            last_report, last_count = now, done
    seconds = time.monotonic() - began
    for e in state["errors"]:
        print("  failed line:", json.dumps(e)[:300])
    print("RESULT tickets=%d created=%d failed=%d seconds=%.1f tickets_per_second=%.0f"
          % (total, state["created"], state["failed"], seconds, state["created"] / seconds), flush=True)
    return 0 if state["failed"] == 0 and state["created"] == total else 1


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]))
