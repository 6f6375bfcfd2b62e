#!/usr/bin/env python3
"""Holds the driver's ledger (every accepted request of one run) against the services' databases
and the provider sandbox's log; prints what is lost, duplicated or wrong, and as its last line
  faults: accepted=N lost=L duplicated=D wrong_kpi=K

  check.py RUN LEDGER SANDBOX_LOG
"""
import collections, json, re, subprocess, sys

RUN, LEDGER, SANDBOX = sys.argv[1], sys.argv[2], sys.argv[3]
PREFIX = "Fault run %s ticket " % RUN


def sql(db, query):
    """Rows of a query in a service's (prod-profile) database; local credentials: user = password = name."""
    out = subprocess.run(["psql", "-h", "localhost", "-U", db, "-d", db, "-qAtX", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-c", query],
                         env={"PGPASSWORD": db, "PATH": "/usr/bin:/bin"}, capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit("check: %s: %s" % (db, out.stderr.strip()))
    return [line.split("\t") for line in out.stdout.splitlines() if line]


def array(values):
    return "'{%s}'" % ",".join(values)


entries = [json.loads(line) for line in open(LEDGER, encoding="utf-8") if line.strip()]
by_kind = collections.defaultdict(list)
for e in entries:
    by_kind[e["kind"]].append(e)

lost, duplicated, wrong = collections.Counter(), collections.Counter(), collections.Counter()
examples = collections.defaultdict(list)


def note(counter, what, example):
    counter[what] += 1
    if len(examples[what]) < 5:
        examples[what].append(example)


# ---- tickets created over REST with an Idempotency-Key: exactly one ticket with the request's subject
counts = {subject: (int(n), ids) for subject, n, ids in sql("ticket",
          "SELECT subject, count(*), string_agg(id::text, ',') FROM ticket WHERE tenant = 'acme' AND subject LIKE '%s%%' GROUP BY subject"
          % PREFIX)}
for e in by_kind["ticket"]:
    n = counts.get(e["subject"], (0, ""))[0]
    if n == 0:
        note(lost, "ticket", e["key"])
    elif n > 1:
        note(duplicated, "ticket", "%s x%d" % (e["key"], n))

# ---- provider messages (signed webhooks): exactly one message with the provider's message id
counts = {pmid: int(n) for pmid, n in sql("ticket",
          "SELECT provider_message_id, count(*) FROM message WHERE tenant = 'acme' AND provider_message_id LIKE '%%%s%%' GROUP BY 1" % RUN)}
for e in by_kind["message"]:
    n = counts.get(e["pmid"], 0)
    what = "message:%s%s" % (e["provider"], "+" + e["media"] if e.get("media") else "")
    if n == 0:
        note(lost, what, e["pmid"])
    elif n > 1:
        note(duplicated, what, "%s x%d" % (e["pmid"], n))

# ---- agent replies: one message per external id (and per text), one delivery reaching a final state, sent once
replies = by_kind["reply"]
counts = {ext: int(n) for ext, n in sql("ticket",
          "SELECT external_id, count(*) FROM message WHERE tenant = 'acme' AND external_id LIKE 'flt-%s-reply-%%' GROUP BY 1" % RUN)}
texts = {t: int(n) for t, n in sql("ticket",
         "SELECT body_text, count(*) FROM message WHERE tenant = 'acme' AND body_text LIKE 'Reply flt-%s-reply-%%' GROUP BY 1" % RUN)}
deliveries = {}
if replies:
    deliveries = {r: (s, err) for r, s, err in sql("channel", "SELECT request_id, status, coalesce(error, '') FROM delivery WHERE request_id = ANY(%s)"
                  % array(e["message"] for e in replies))}
sent = collections.Counter()
try:
    for line in open(SANDBOX, encoding="utf-8"):
        for n in re.findall(r"flt-%s-reply-(\d+)" % RUN, json.loads(line)["body"]):
            sent[n] += 1
except FileNotFoundError:
    pass
failed_reasons = collections.Counter()
for e in replies:
    if counts.get(e["externalId"], 0) == 0:
        note(lost, "reply", e["externalId"])
        continue
    if texts.get(e["text"], 0) > 1:
        note(duplicated, "reply", "%s x%d" % (e["externalId"], texts[e["text"]]))
    status, error = deliveries.get(e["message"], (None, ""))
    if status is None:
        note(lost, "delivery:%s (never requested or never claimed)" % e["where"], e["message"])
    elif status == "SENDING":
        note(lost, "delivery:%s (stuck SENDING)" % e["where"], e["message"])
    elif status == "FAILED":
        note(lost, "delivery:%s (FAILED)" % e["where"], e["message"])
        failed_reasons[error[:100]] += 1
    if e["where"] != "email" and sent[e["externalId"].rsplit("-", 1)[1]] > 1:
        note(duplicated, "delivery:%s (sent to the provider %d times)" % (e["where"], sent[e["externalId"].rsplit("-", 1)[1]]),
             e["externalId"])

# ---- survey answers: one response per invitation
surveys = by_kind["survey"]
responses = {}
if surveys:
    responses = {inv: rid for inv, rid in sql("survey", "SELECT invitation_id, id FROM survey_response WHERE invitation_id = ANY(%s)"
                 % array(e["invitation"] for e in surveys))}
for e in surveys:
    if e["invitation"] not in responses:
        note(lost, "survey response", e["invitation"])

# ---- analytics against the source of truth, for every ticket of this run (REST tickets and the webhooks' tickets):
# the ticket counted once (volume), its public agent replies counted as in ticket-service, each survey response once
truth = {t: int(r) for t, r in sql("ticket", """
    WITH run AS (SELECT id FROM ticket WHERE tenant = 'acme' AND subject LIKE '%s%%'
                 UNION SELECT ticket_id FROM message WHERE tenant = 'acme' AND provider_message_id LIKE '%%%s%%')
    SELECT run.id, count(m.id) FILTER (WHERE m.author_kind = 'AGENT' AND m.visibility = 'PUBLIC')
    FROM run LEFT JOIN message m ON m.ticket_id = run.id GROUP BY run.id""" % (PREFIX, RUN))}
facts, replies_seen = set(), {}
if truth:
    ids = array(truth)
    facts = {t for (t,) in sql("analytics", "SELECT ticket_id FROM ticket_fact WHERE ticket_id = ANY(%s::uuid[])" % ids)}
    replies_seen = {t: int(n) for t, n in sql("analytics", """SELECT ticket_id, count(*) FROM message_fact
        WHERE ticket_id = ANY(%s::uuid[]) AND lower(author_kind) = 'agent' AND lower(visibility) = 'public' GROUP BY 1""" % ids)}
for t, r in truth.items():
    if t not in facts:
        note(wrong, "ticket volume (ticket missing in analytics)", t)
    if replies_seen.get(t, 0) != r:
        note(wrong, "reply count", "%s: analytics %d, ticket-service %d" % (t, replies_seen.get(t, 0), r))
if responses:
    seen = {r for (r,) in sql("analytics", "SELECT response_id FROM survey_fact WHERE response_id = ANY(%s::uuid[])" % array(responses.values()))}
    for rid in responses.values():
        if rid not in seen:
            note(wrong, "survey response missing in analytics", rid)

# ---- what the services parked during the run (outbox rows they could not publish, records their consumers dead-lettered)
parked = []
for db in ("ticket", "channel", "survey", "analytics"):
    for kind, query in (("outbox parked", "SELECT type || ': ' || left(regexp_replace(error, '\\s+', ' ', 'g'), 90), count(*)"
                         " FROM outbox_parked WHERE status = 'parked' AND last_try >= to_timestamp(%s) GROUP BY 1" % RUN),
                        ("dead letter", "SELECT topic || ' ' || coalesce(event_type, '?') || ': '"
                         " || left(regexp_replace(reason, '\\s+', ' ', 'g'), 90), count(*) FROM dead_letter"
                         " WHERE status = 'parked' AND last_failed_at >= to_timestamp(%s) GROUP BY 1" % RUN)):
        table = "outbox_parked" if kind == "outbox parked" else "dead_letter"
        if sql(db, "SELECT to_regclass('%s') IS NOT NULL" % table) == [["t"]]:
            parked += ["%s %s: %s x %s" % (db, kind, n, what) for what, n in sql(db, query)]

# ---- report
kinds = collections.Counter(e["kind"] for e in entries)
media = sum(1 for e in by_kind["message"] if e.get("media"))
print("accepted by kind: %s (of the messages %d media-only); tickets of the run: %d" % (dict(kinds), media, len(truth)))
print("retried before accepted: %d requests" % sum(1 for e in entries if e.get("attempts", 1) > 1))
for label, counter in (("lost", lost), ("duplicated", duplicated), ("wrong_kpi", wrong)):
    for what, n in sorted(counter.items()):
        print("%-10s %-55s %5d   e.g. %s" % (label, what, n, ", ".join(examples[what][:3])))
for line in parked[:12]:
    print("during the run: " + line)
for reason, n in failed_reasons.most_common(5):
    print("failed deliveries: %d x %s" % (n, reason))
print("faults: accepted=%d lost=%d duplicated=%d wrong_kpi=%d" % (len(entries), sum(lost.values()), sum(duplicated.values()),
                                                                   sum(wrong.values())))
sys.exit(0 if not lost and not duplicated and not wrong else 1)
