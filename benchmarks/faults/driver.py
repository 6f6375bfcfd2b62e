#!/usr/bin/env python3
"""Sustained mixed traffic for the fault campaign (benchmarks/faults/run.sh), Python 3 stdlib only.

Every operation is a client as real ones are: a request that fails (connection refused, timeout,
5xx, 429, 409 "in flight") is sent again, unchanged (same Idempotency-Key, same provider message
id, same external id, same signature), until it gets an answer or GIVE_UP seconds pass. Only a 2xx
counts as accepted; each accepted operation is one JSON line in the ledger, which check.py then
holds against the databases.

  driver.py RUN SECONDS RATE LEDGER [STOPFILE]   (RATE: operations started per second, all threads;
                                                   traffic ends after SECONDS or once STOPFILE exists)
"""
import base64, calendar, hashlib, hmac, json, os, random, sys, threading, time, urllib.error, urllib.parse, urllib.request, uuid

RUN, SECONDS, RATE, LEDGER = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
STOP = sys.argv[5] if len(sys.argv) > 5 else None
THREADS = 6
GIVE_UP = 300          # seconds a client keeps retrying one request (providers retry for hours; we stop earlier)
TIMEOUT = 10
TICKETS, GATEWAY, SURVEYS, KEYCLOAK = "http://localhost:8081", "http://localhost:8082", "http://localhost:8083", "http://localhost:8180"
WA_PHONE_ID = "106540352242922"                         # the acme-whatsapp demo channel
SURVEY_SECRET = b"local-only-survey-link-secret-0123456789"  # ./pharos' local default (SURVEY_TOKEN_SECRET)

lock = threading.Lock()
ledger = open(LEDGER, "a", encoding="utf-8")
stats = {"ops": 0, "accepted": 0, "abandoned": 0, "retries": 0, "refused": 0}
seq = iter(range(1, 10**9))
rnd = random.Random(RUN)


def record(entry):
    with lock:
        ledger.write(json.dumps(entry) + "\n")
        ledger.flush()
        stats["accepted"] += 1


def next_id():
    with lock:
        return next(seq)


# ------------------------------------------------------------------ tokens

class Token:
    def __init__(self, form):
        self.form, self.value, self.until = form, None, 0

    def get(self, force=False):
        with lock:
            if not force and self.value and time.time() < self.until:
                return self.value
        status, body = http("POST", KEYCLOAK + "/realms/pharos/protocol/openid-connect/token",
                            urllib.parse.urlencode(self.form).encode(), {"Content-Type": "application/x-www-form-urlencoded"})
        if status != 200:
            raise RuntimeError("no token from Keycloak: %s %s" % (status, body[:200]))
        answer = json.loads(body)
        with lock:
            self.value, self.until = answer["access_token"], time.time() + answer.get("expires_in", 300) - 60
            return self.value


integrator = Token({"grant_type": "client_credentials", "client_id": "acme-integrator", "client_secret": "acme-integrator-secret"})
agent = Token({"grant_type": "password", "client_id": "pharos-console", "username": "anna", "password": "anna"})


# ------------------------------------------------------------------ HTTP with client retries

last_headers = threading.local()  # the headers of this thread's last answer (ETag)


def http(method, url, body=None, headers=None):
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as r:
            last_headers.value = dict(r.headers)
            return r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        last_headers.value = dict(e.headers or {})
        return e.code, e.read().decode("utf-8", "replace")
    except Exception as e:  # refused, reset, timeout: no answer
        return None, repr(e)


def retried(method, url, body=None, headers=None, token=None, extra=lambda status, body: False):
    """Sends until an answer that is not worth retrying; returns (status, body, attempts)."""
    start, attempts, pause = time.time(), 0, 0.5
    while True:
        attempts += 1
        h = dict(headers or {})
        if token is not None:
            try:
                h["Authorization"] = "Bearer " + token.get()
            except Exception:
                h.pop("Authorization", None)
        status, answer = http(method, url, body, h)
        if status == 401 and token is not None:
            token.get(force=True)
        transient = status is None or status >= 500 or status in (401, 408, 429) or (
            status == 409 and "in-flight" in answer) or extra(status, answer)
        if not transient:
            return status, answer, attempts
        if time.time() - start > GIVE_UP:
            return status, answer, attempts
        with lock:
            stats["retries"] += 1
        time.sleep(pause)
        pause = min(pause * 1.6, 5)


def ok(status):
    return status is not None and 200 <= status < 300


# ------------------------------------------------------------------ state shared by the workers

class Conversations:
    """Customers writing on a provider; each has a marker in its texts so an agent can find the ticket."""

    def __init__(self, provider, count):
        self.provider = provider
        self.people = [{"n": i, "marker": "flt%sc%s%d" % (RUN, provider[:2], i), "text_seen": None} for i in range(count)]


wa = Conversations("whatsapp", 12)
tg = Conversations("telegram", 8)
sms = Conversations("sms", 8)
created = []     # REST tickets: {"id", "key"} not yet replied
replied = []     # REST tickets with an accepted agent reply, to be solved
solved = []      # solved REST tickets waiting for their survey invitation


def take(pool):
    with lock:
        return pool.pop(rnd.randrange(len(pool))) if pool else None


def give(pool, item):
    with lock:
        pool.append(item)


# ------------------------------------------------------------------ operations

def whatsapp(media):
    person = rnd.choice(wa.people)
    i = next_id()
    pmid = "wamid.flt%sx%d" % (RUN, i)
    wa_id = "3069%s%02d" % (RUN[-6:], person["n"])
    message = {"from": wa_id, "id": pmid, "timestamp": str(int(time.time()))}
    kind = "text"
    if media:
        kind = rnd.choice(["image", "audio", "video", "document", "sticker", "location"])
        if kind == "location":
            message.update(type="location", location={"latitude": 37.97, "longitude": 23.72})
        else:
            message.update(type=kind, **{kind: {"id": "media-%s-%d" % (RUN, i), "mime_type": {
                "image": "image/jpeg", "audio": "audio/ogg", "video": "video/mp4", "document": "application/pdf",
                "sticker": "image/webp"}[kind]}})
    else:
        message.update(type="text", text={"body": "Η παραγγελία μου δεν ήρθε %s (%d)" % (person["marker"], i)})
    body = json.dumps({"object": "whatsapp_business_account", "entry": [{"id": "102290129340398", "changes": [{"field": "messages",
        "value": {"messaging_product": "whatsapp", "metadata": {"display_phone_number": "302101234567", "phone_number_id": WA_PHONE_ID},
                  "contacts": [{"profile": {"name": "Πελάτης %d" % person["n"]}, "wa_id": wa_id}], "messages": [message]}}]}]},
        ensure_ascii=False).encode()
    signature = "sha256=" + hmac.new(b"acme-whatsapp-secret", body, hashlib.sha256).hexdigest()
    status, _, attempts = retried("POST", GATEWAY + "/webhooks/meta/acme-whatsapp", body,
                                  {"Content-Type": "application/json", "X-Hub-Signature-256": signature})
    return status, attempts, {"kind": "message", "provider": "whatsapp", "pmid": pmid, "media": kind if media else None}, person


def telegram(media):
    person = rnd.choice(tg.people)
    i = next_id()
    update_id = int(RUN) * 100000 + i
    chat = 7000000 + person["n"]
    # Telegram numbers messages per chat, so the message id carries the run to stay unique across runs
    message = {"message_id": update_id, "date": int(time.time()), "chat": {"id": chat, "type": "private"},
               "from": {"id": 7000000 + person["n"], "first_name": "Tg", "last_name": str(person["n"]), "language_code": "en"}}
    if media:
        message["photo"] = [{"file_id": "small-%d" % i, "width": 90, "height": 90}, {"file_id": "large-%s-%d" % (RUN, i), "width": 800, "height": 800}]
    else:
        message["text"] = "My parcel is late %s (%d)" % (person["marker"], i)
    body = json.dumps({"update_id": update_id, "message": message}).encode()
    status, _, attempts = retried("POST", GATEWAY + "/webhooks/telegram/acme-telegram", body,
                                  {"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": "acme-telegram-secret"})
    return status, attempts, {"kind": "message", "provider": "telegram", "pmid": "telegram:%d:%d" % (chat, update_id),
                              "media": "photo" if media else None}, person


def twilio(media):
    person = rnd.choice(sms.people)
    i = next_id()
    sid = "SMflt%sx%d" % (RUN, i)
    url = GATEWAY + "/webhooks/twilio/acme-sms"
    form = {"MessageSid": sid, "AccountSid": "ACacme000000000000000000000000000", "From": "+3069%s%02d" % (RUN[-6:], person["n"]),
            "To": "+302101234568", "NumMedia": "0", "Body": "Where is my order %s (%d)?" % (person["marker"], i)}
    if media:
        form.update(Body="", NumMedia="1", MediaContentType0="image/jpeg", MediaUrl0="https://api.twilio.com/media/%s" % sid)
    data = url + "".join(k + form[k] for k in sorted(form))
    signature = base64.b64encode(hmac.new(b"acme-sms-secret", data.encode(), hashlib.sha1).digest()).decode()
    status, _, attempts = retried("POST", url, urllib.parse.urlencode(form).encode(),
                                  {"Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": signature})
    return status, attempts, {"kind": "message", "provider": "sms", "pmid": sid, "media": "image" if media else None}, person


def webhook(send, media):
    status, attempts, entry, person = send(media)
    if ok(status):
        entry["attempts"] = attempts
        record(entry)
        if not media and person["text_seen"] is None:
            person["text_seen"] = time.time()
    return status


def create():
    i = next_id()
    key = "flt-%s-create-%d" % (RUN, i)
    body = json.dumps({"subject": "Fault run %s ticket %d" % (RUN, i), "channel": "email", "priority": "normal",
                       "tags": ["flt%s" % RUN], "requester": {"name": "Customer %d" % i, "email": "flt%s-%d@example.test" % (RUN, i)},
                       "message": {"text": "Order %d never arrived" % i}}).encode()
    status, answer, attempts = retried("POST", TICKETS + "/api/v1/tickets", body,
                                       {"Content-Type": "application/json", "Idempotency-Key": key}, integrator)
    if ok(status):
        ticket = json.loads(answer)["id"]
        record({"kind": "ticket", "key": key, "subject": "Fault run %s ticket %d" % (RUN, i), "ticket": ticket, "attempts": attempts})
        give(created, {"id": ticket, "key": key})
    return status


def reply_to(ticket, where):
    i = next_id()
    external = "flt-%s-reply-%d" % (RUN, i)
    text = "Reply %s from the agent, sorry for the delay" % external
    body = json.dumps({"text": text, "externalId": external}).encode()
    status, answer, attempts = retried("POST", TICKETS + "/api/v1/tickets/%s/messages" % ticket, body,
                                       {"Content-Type": "application/json"}, agent)
    if ok(status):
        record({"kind": "reply", "externalId": external, "text": text, "ticket": ticket, "message": json.loads(answer)["id"],
                "where": where, "attempts": attempts})
    return status


def reply():
    if rnd.random() < 0.5:
        t = take(created)
        if t is None:
            return None
        status = reply_to(t["id"], "email")
        give(replied if ok(status) else created, t)
        return status
    # a webhook conversation: the agent finds its ticket by what the customer wrote
    pool = [p for c in (wa, tg, sms) for p in c.people if p["text_seen"] and time.time() - p["text_seen"] > 5]
    if not pool:
        return None
    person = rnd.choice(pool)
    status, answer, _ = retried("GET", TICKETS + "/api/v1/tickets?limit=5&q=" + person["marker"], token=agent)
    if not ok(status):
        return None
    items = json.loads(answer).get("items", [])
    if not items:
        return None
    return reply_to(items[0]["id"], items[0].get("channel", "?").lower())


def solve():
    t = take(replied)
    if t is None:
        return None
    status, answer, _ = retried("GET", TICKETS + "/api/v1/tickets/" + t["id"], token=agent)
    if not ok(status):
        give(replied, t)
        return None
    if json.loads(answer).get("status", "").lower() in ("solved", "closed"):
        give(solved, dict(t, since=time.time()))
        return status
    status, answer, _ = retried("PATCH", TICKETS + "/api/v1/tickets/" + t["id"], json.dumps({"status": "solved"}).encode(),
                                {"Content-Type": "application/json", "If-Match": getattr(last_headers, "value", {}).get("ETag", "")}, agent)
    give(solved if ok(status) else replied, dict(t, since=time.time()))
    return status


def survey_answer():
    t = take(solved)
    if t is None:
        return None
    status, answer, _ = retried("GET", SURVEYS + "/api/v1/invitations?ticketId=" + t["id"], token=integrator)
    sent = [i for i in json.loads(answer) if i.get("status", "").lower() == "sent" and i.get("expiresAt")] if ok(status) else []
    if not sent:
        if time.time() - t["since"] < 240:
            give(solved, t)  # not sent yet: ask again later
        else:
            with lock:
                stats["abandoned"] += 1
        return None
    invitation = sent[0]
    # the link the customer got by email: base64url(invitation id, expiry) . base64url(HMAC-SHA256)
    expires = calendar.timegm(time.strptime(invitation["expiresAt"][:19], "%Y-%m-%dT%H:%M:%S"))
    u = uuid.UUID(invitation["id"])
    payload = base64.urlsafe_b64encode(u.bytes + expires.to_bytes(8, "big", signed=True)).rstrip(b"=")
    token = payload.decode() + "." + base64.urlsafe_b64encode(hmac.new(SURVEY_SECRET, payload, hashlib.sha256).digest()).rstrip(b"=").decode()
    score = rnd.randint(1, 5)
    # the customer clicks a score in the email: the public page records it (the same click again changes nothing)
    status, answer, attempts = retried("GET", SURVEYS + "/s/%s?score=%d" % (token, score))
    if ok(status):
        record({"kind": "survey", "invitation": invitation["id"], "ticket": t["id"], "score": score, "attempts": attempts})
    return status


OPERATIONS = [  # (weight, operation)
    (3, lambda: webhook(whatsapp, False)), (2, lambda: webhook(whatsapp, True)),
    (1, lambda: webhook(telegram, False)), (1, lambda: webhook(telegram, True)),
    (2, lambda: webhook(twilio, False)), (1, lambda: webhook(twilio, True)),
    (3, create), (3, reply), (1, solve), (2, survey_answer),
]
WEIGHTS = [w for w, _ in OPERATIONS]


def worker(deadline):
    interval = THREADS / RATE
    while time.time() < deadline and not (STOP and os.path.exists(STOP)):
        started = time.time()
        op = random.choices(OPERATIONS, WEIGHTS)[0][1]
        try:
            status = op()
        except Exception as e:  # a bug of ours must not look like a loss of theirs
            print("driver: %r" % e, file=sys.stderr)
            status = None
        with lock:
            stats["ops"] += 1
            if status is not None and not ok(status):
                stats["refused"] += 1
                print("driver: answer %s" % status, file=sys.stderr)
        time.sleep(max(0.0, interval - (time.time() - started)))


def main():
    integrator.get(), agent.get()
    deadline = time.time() + SECONDS
    threads = [threading.Thread(target=worker, args=(deadline,), daemon=True) for _ in range(THREADS)]
    for t in threads:
        t.start()
    last = time.time()
    while any(t.is_alive() for t in threads):
        time.sleep(1)
        if time.time() - last >= 20:
            last = time.time()
            with lock:
                print("driver: %s" % json.dumps(stats), flush=True)
    # tickets solved late still get their answer: a customer answers within minutes
    end = time.time() + 90
    while solved and time.time() < end:
        survey_answer()
        time.sleep(0.5)
    with lock:
        stats["unanswered_surveys"] = len(solved)
        print("driver: done %s" % json.dumps(stats), flush=True)


if __name__ == "__main__":
    main()
