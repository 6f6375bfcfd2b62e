package io.pharos.commons.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Credentials for people who hold no account (a survey invitation, an identity to verify): a link
 * token {@code base64url(id, expiry) . base64url(HMAC-SHA256)} that names exactly one object and
 * expires. MACs are compared in constant time, on the signature's one canonical spelling.
 */
public final class SignedLinks {

    /** What an authentic token names; whether it has expired is the caller's call. */
    public record Claims(UUID id, Instant expiresAt) {
    }

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final int MAX_TOKEN = 200;

    private final SecretKeySpec key;

    public SignedLinks(byte[] secret) {
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    public String issue(UUID id, Instant expiresAt) {
        ByteBuffer body = ByteBuffer.allocate(24).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits())
                .putLong(expiresAt.getEpochSecond());
        String payload = ENCODER.encodeToString(body.array());
        return payload + "." + ENCODER.encodeToString(mac(payload));
    }

    /** The claims of an authentic token, or empty for anything forged, altered or malformed. */
    public Optional<Claims> verify(String token) {
        if (token == null || token.length() > MAX_TOKEN) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String payload = token.substring(0, dot);
        try {
            // base64url leaves spare bits in its last character, and a decoder that ignores them would
            // take several spellings of one signature: compare the canonical one
            byte[] given = token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
            byte[] expected = ENCODER.encodeToString(mac(payload)).getBytes(StandardCharsets.US_ASCII);
            if (!MessageDigest.isEqual(given, expected)) {
                return Optional.empty();
            }
            ByteBuffer body = ByteBuffer.wrap(DECODER.decode(payload));
            if (body.remaining() != 24) {
                return Optional.empty();
            }
            return Optional.of(new Claims(new UUID(body.getLong(), body.getLong()), Instant.ofEpochSecond(body.getLong())));
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
