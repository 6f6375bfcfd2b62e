package io.pharos.channel.service.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The providers' webhook signatures, each verified on the raw request in constant time. */
public final class Signatures {

    private Signatures() {
    }

    /** Meta (WhatsApp Cloud API, Messenger, Instagram): {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret, body)>}. */
    public static boolean hubSha256(String secret, byte[] body, String header) {
        if (secret == null || header == null || !header.startsWith("sha256=")) {
            return false;
        }
        return constantTimeEquals(HexFormat.of().formatHex(hmac("HmacSHA256", secret, body)), header.substring(7).toLowerCase());
    }

    /** Pharos's own (phone events): {@code X-Pharos-Signature: sha256=<hex HMAC-SHA256(secret, body)>}. */
    public static boolean pharosSha256(String secret, byte[] body, String header) {
        return hubSha256(secret, body, header);
    }

    /**
     * Twilio: {@code X-Twilio-Signature: base64(HMAC-SHA1(auth token, URL + each POST parameter's
     * name and value, sorted by name))}, the URL exactly as Twilio called it.
     */
    public static boolean twilio(String authToken, String url, Map<String, String> params, String header) {
        if (authToken == null || header == null) {
            return false;
        }
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
        String expected = Base64.getEncoder().encodeToString(hmac("HmacSHA1", authToken, data.toString().getBytes(StandardCharsets.UTF_8)));
        return constantTimeEquals(expected, header.strip());
    }

    public static String hubSha256Header(String secret, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(hmac("HmacSHA256", secret, body));
    }

    public static String twilioHeader(String authToken, String url, Map<String, String> params) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
        return Base64.getEncoder().encodeToString(hmac("HmacSHA1", authToken, data.toString().getBytes(StandardCharsets.UTF_8)));
    }

    public static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] hmac(String algorithm, String secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
