#!/usr/bin/env python3
"""Signed WhatsApp Cloud API webhooks, one per line: '<X-Hub-Signature-256>\t<body>'. Every message id is new."""
import hashlib, hmac, json, sys, uuid

count, secret, out = int(sys.argv[1]), sys.argv[2].encode(), sys.argv[3]
run = uuid.uuid4().hex[:8]
with open(out, "w", encoding="utf-8") as f:
    for i in range(count):
        sender = "3069%08d" % (i % 5000)  # 5,000 customers, each writing several times
        body = json.dumps({"object": "whatsapp_business_account", "entry": [{"id": "102290129340398", "changes": [{"field": "messages",
            "value": {"messaging_product": "whatsapp", "metadata": {"display_phone_number": "302101234599", "phone_number_id": "106540352249999"},
                      "contacts": [{"profile": {"name": "Πελάτης %d" % (i % 5000)}, "wa_id": sender}],
                      "messages": [{"from": sender, "id": "wamid.bench-%s-%d" % (run, i), "timestamp": "1773043200",
                                    "text": {"body": "Καλημέρα, η παραγγελία μου %d δεν ήρθε ακόμα" % (50000 + i)}, "type": "text"}]}}]}]},
            ensure_ascii=False, separators=(",", ":"))
        sig = "sha256=" + hmac.new(secret, body.encode(), hashlib.sha256).hexdigest()
        f.write(sig + "\t" + body + "\n")
