package io.pharos.system.hostile;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Hostile provider webhooks, correctly signed with the demo channels' secrets ({@code <id>-secret})
 * so that they get past authentication and reach parsing: every leaf of a real-shaped payload
 * (WhatsApp Cloud API, Messenger, Telegram, the phone events, Twilio's form fields, a raw mail)
 * replaced in turn by hostile values, and whole bodies that are no payload at all.
 */
final class WebhookAttempts {

    private final URI gateway;
    private final String run;

    WebhookAttempts(URI channelGateway, String run) {
        this.gateway = channelGateway;
        this.run = run;
    }

    List<Attempt> all() {
        List<Attempt> attempts = new ArrayList<>();
        attempts.addAll(json("acme-whatsapp", "/webhooks/meta/acme-whatsapp", this::whatsApp, this::hub));
        attempts.addAll(json("acme-messenger", "/webhooks/meta/acme-messenger", this::messenger, this::hub));
        attempts.addAll(json("acme-telegram", "/webhooks/telegram/acme-telegram", this::telegram,
                (a, body) -> a.with("X-Telegram-Bot-Api-Secret-Token", "acme-telegram-secret")));
        attempts.addAll(json("acme-phone", "/webhooks/voice/acme-phone", this::call,
                (a, body) -> a.with("X-Pharos-Signature", "sha256=" + hmac("HmacSHA256", "acme-phone-secret", body, false))));
        attempts.addAll(twilio());
        attempts.addAll(mail());
        // unsigned and wrongly signed: refused before anything is read
        attempts.add(Attempt.of("webhook unsigned", "POST", gateway, "/webhooks/meta/acme-whatsapp",
                HostileValues.bytes(whatsApp()), "application/json", null));
        attempts.add(Attempt.of("webhook unknown channel", "POST", gateway, "/webhooks/meta/%zz", "{}".getBytes(StandardCharsets.UTF_8),
                "application/json", null));
        return attempts;
    }

    private interface Signer {
        Attempt sign(Attempt attempt, byte[] body);
    }

    private Attempt hub(Attempt a, byte[] body) {
        String secret = a.rawTarget().substring(a.rawTarget().lastIndexOf('/') + 1) + "-secret";
        return a.with("X-Hub-Signature-256", "sha256=" + hmac("HmacSHA256", secret, body, false));
    }

    private List<Attempt> json(String channel, String target, Supplier<ObjectNode> payload, Signer signer) {
        List<Attempt> attempts = new ArrayList<>();
        List<String> leaves = new ArrayList<>();
        leavesOf(payload.get(), "", leaves);
        for (String pointer : leaves) {
            for (JsonNode value : HostileValues.forProperty(null, null, true)) {
                ObjectNode body = payload.get();
                replace(body, pointer, value);
                byte[] bytes = HostileValues.bytes(body);
                attempts.add(signer.sign(Attempt.of("webhook " + channel + " " + pointer, "POST", gateway, target, bytes,
                        "application/json", null), bytes));
            }
            for (String time : List.of("99999999999999", "-1", "garbage", "1e400")) {
                if (pointer.endsWith("timestamp") || pointer.endsWith("date") || pointer.endsWith("/at")) {
                    ObjectNode body = payload.get();
                    replace(body, pointer, HostileValues.NODES.textNode(time));
                    byte[] bytes = HostileValues.bytes(body);
                    attempts.add(signer.sign(Attempt.of("webhook " + channel + " " + pointer, "POST", gateway, target, bytes,
                            "application/json", null), bytes));
                }
            }
        }
        for (byte[] whole : HostileValues.wholeBodies()) {
            attempts.add(signer.sign(Attempt.of("webhook " + channel + " body", "POST", gateway, target, whole, "application/json", null),
                    whole));
        }
        return attempts;
    }

    private ObjectNode whatsApp() {
        String wa = "3069" + (10_000_000 + Math.abs(run.hashCode() % 89_999_999));
        ObjectNode message = HostileValues.NODES.objectNode().put("from", wa).put("id", "wamid.hostile" + UUID.randomUUID().toString().replace("-", ""))
                .put("timestamp", String.valueOf(Instant.now().getEpochSecond())).put("type", "text");
        message.putObject("text").put("body", "hostile run " + run);
        ObjectNode value = HostileValues.NODES.objectNode().put("messaging_product", "whatsapp");
        value.putObject("metadata").put("display_phone_number", "302101234567").put("phone_number_id", "106540352242922");
        value.putArray("contacts").addObject().put("wa_id", wa).putObject("profile").put("name", "Hostile");
        value.putArray("messages").add(message);
        ObjectNode root = HostileValues.NODES.objectNode().put("object", "whatsapp_business_account");
        ObjectNode entry = root.putArray("entry").addObject().put("id", "102290129340398");
        entry.putArray("changes").addObject().put("field", "messages").set("value", value);
        return root;
    }

    private ObjectNode messenger() {
        ObjectNode root = HostileValues.NODES.objectNode().put("object", "page");
        ObjectNode entry = root.putArray("entry").addObject().put("id", "PAGE_ID").put("time", Instant.now().toEpochMilli());
        ObjectNode event = entry.putArray("messaging").addObject();
        event.putObject("sender").put("id", "hostile-psid-" + run);
        event.putObject("recipient").put("id", "PAGE_ID");
        event.put("timestamp", Instant.now().toEpochMilli());
        event.putObject("message").put("mid", "m_hostile_" + UUID.randomUUID()).put("text", "hostile run " + run);
        return root;
    }

    private ObjectNode telegram() {
        ObjectNode root = HostileValues.NODES.objectNode().put("update_id", (int) (System.nanoTime() & 0x3fffffff));
        ObjectNode message = root.putObject("message").put("message_id", 1).put("date", Instant.now().getEpochSecond())
                .put("text", "hostile run " + run);
        message.putObject("chat").put("id", 900_000_001L).put("type", "private");
        message.putObject("from").put("id", 900_000_001L).put("first_name", "Hostile").put("language_code", "en");
        return root;
    }

    private ObjectNode call() {
        return HostileValues.NODES.objectNode().put("callId", "hostile-call-" + UUID.randomUUID()).put("from", "+302109999999")
                .put("event", "voicemail").put("at", Instant.now().toString()).put("transcript", "hostile run " + run)
                .put("durationSeconds", 12);
    }

    private List<Attempt> twilio() {
        List<Attempt> attempts = new ArrayList<>();
        String target = "/webhooks/twilio/acme-sms";
        Map<String, String> base = new LinkedHashMap<>();
        base.put("MessageSid", "SMhostile");
        base.put("AccountSid", "ACacme000000000000000000000000000");
        base.put("From", "+306900000001");
        base.put("To", "+302101234568");
        base.put("Body", "hostile run " + run);
        base.put("NumMedia", "0");
        base.put("MessageStatus", "received");
        for (String field : base.keySet()) {
            for (String value : List.of(HostileValues.KB_100, HostileValues.NUL, "", "abc", "-1", "99999999999999999999", "undelivered")) {
                Map<String, String> form = new LinkedHashMap<>(base);
                form.put("MessageSid", "SMhostile" + UUID.randomUUID().toString().replace("-", ""));
                form.put(field, value);
                attempts.add(signedForm(target, form));
            }
        }
        // a body that is no form encoding at all (malformed escapes): it cannot be signed; refused either way
        for (String raw : List.of("Body=%zz%&From=%", "&&&==", "%E0%A4%A", "\u0000")) {
            attempts.add(Attempt.of("webhook twilio raw", "POST", gateway, target, raw.getBytes(StandardCharsets.UTF_8),
                    "application/x-www-form-urlencoded", null).with("X-Twilio-Signature", "bm9wZQ=="));
        }
        return attempts;
    }

    private Attempt signedForm(String target, Map<String, String> form) {
        String url = gateway.toString().replaceAll("/$", "") + target;
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(form).forEach((k, v) -> data.append(k).append(v));
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        return Attempt.of("webhook twilio form", "POST", gateway, target, bytes, "application/x-www-form-urlencoded", null)
                .with("X-Twilio-Signature", hmac("HmacSHA1", "acme-sms-secret", data.toString().getBytes(StandardCharsets.UTF_8), true));
    }

    private List<Attempt> mail() {
        List<Attempt> attempts = new ArrayList<>();
        String basic = "Basic " + Base64.getEncoder().encodeToString("acme-email:acme-email-secret".getBytes(StandardCharsets.UTF_8));
        String ok = "From: Hostile <hostile-" + run + "@example.test>\r\nTo: support@acme.test\r\nSubject: hostile\r\nMessage-ID: <%s@example.test>\r\n"
                + "Date: %s\r\nContent-Type: text/plain; charset=%s\r\n\r\n%s\r\n";
        List<String> mails = new ArrayList<>();
        mails.add(String.format(ok, UUID.randomUUID(), "Thu, 31 Dec 9999 23:59:59 +0000", "utf-8", "year 9999"));
        mails.add(String.format(ok, UUID.randomUUID(), "garbage", "utf-8", "garbage date"));
        mails.add(String.format(ok, UUID.randomUUID(), "Mon, 1 Jan 0000 00:00:00 +0000", "no-such-charset", "unknown charset"));
        mails.add(String.format(ok, UUID.randomUUID(), "Mon, 7 Dec 2026 10:00:00 +0000", "utf-8", HostileValues.KB_100));
        mails.add(String.format(ok, UUID.randomUUID(), "Mon, 7 Dec 2026 10:00:00 +0000", "utf-8", HostileValues.NUL));
        mails.add("Subject: " + "x".repeat(200_000) + "\r\n\r\nbody");
        mails.add("not a mail at all");
        mails.add("From: <>\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n" + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n".repeat(2_000));
        mails.add("From: a@b\r\nContent-Type: text/html\r\n\r\n" + "<div>".repeat(50_000));
        for (String m : mails) {
            attempts.add(Attempt.of("webhook email", "POST", gateway, "/webhooks/email/acme-email", m.getBytes(StandardCharsets.UTF_8),
                    "message/rfc822", null).with("Authorization", basic));
        }
        byte[] invalid = HostileValues.invalidUtf8();
        attempts.add(Attempt.of("webhook email", "POST", gateway, "/webhooks/email/acme-email", invalid, "message/rfc822", null)
                .with("Authorization", basic));
        return attempts;
    }

    private static void leavesOf(JsonNode node, String pointer, List<String> into) {
        if (node instanceof ObjectNode o) {
            o.fields().forEachRemaining(e -> leavesOf(e.getValue(), pointer + "/" + e.getKey(), into));
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                leavesOf(a.get(i), pointer + "/" + i, into);
            }
        } else {
            into.add(pointer);
        }
        if (!pointer.isEmpty() && (node instanceof ObjectNode || node instanceof ArrayNode)) {
            into.add(pointer); // the container itself replaced: an object where a list belongs, and so on
        }
    }

    private static void replace(ObjectNode root, String pointer, JsonNode value) {
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = root.at(pointer.substring(0, slash));
        String key = pointer.substring(slash + 1);
        if (parent instanceof ObjectNode o) {
            o.set(key, value);
        } else if (parent instanceof ArrayNode a) {
            a.set(Integer.parseInt(key), value);
        }
    }

    static String hmac(String algorithm, String secret, byte[] data, boolean base64) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            byte[] digest = mac.doFinal(data);
            return base64 ? Base64.getEncoder().encodeToString(digest) : HexFormat.of().formatHex(digest);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
