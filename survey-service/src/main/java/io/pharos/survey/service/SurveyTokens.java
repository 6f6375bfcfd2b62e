package io.pharos.survey.service;

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

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The links in survey invitations: {@code base64url(invitation id, expiry) . base64url(HMAC-SHA256)}.
 * Customers hold no account; the link itself is the credential, so it is signed, names exactly one
 * invitation and expires. Verification compares MACs in constant time.
 */
@ApplicationScoped
public class SurveyTokens {

    public record Claims(UUID invitationId, Instant expiresAt) {
    }

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;

    public SurveyTokens(@ConfigProperty(name = "pharos.survey.token-secret") String secret) {
        if (secret.length() < 32) {
            throw new IllegalStateException("pharos.survey.token-secret must have at least 32 characters");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public String issue(UUID invitationId, Instant expiresAt) {
        ByteBuffer body = ByteBuffer.allocate(24).putLong(invitationId.getMostSignificantBits())
                .putLong(invitationId.getLeastSignificantBits()).putLong(expiresAt.getEpochSecond());
        String payload = ENCODER.encodeToString(body.array());
        return payload + "." + ENCODER.encodeToString(mac(payload));
    }

    /** The claims of an authentic token, or empty for anything forged, altered or malformed (expiry is the caller's call). */
    public Optional<Claims> verify(String token) {
        if (token == null || token.length() > 200) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String payload = token.substring(0, dot);
        try {
            // the signature's one canonical spelling: base64url leaves spare bits in its last character,
            // and a decoder that ignores them would take several spellings of one token
            byte[] given = token.substring(dot + 1).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            byte[] expected = ENCODER.encodeToString(mac(payload)).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            if (!MessageDigest.isEqual(given, expected)) {
                return Optional.empty();
            }
            ByteBuffer body = ByteBuffer.wrap(DECODER.decode(payload));
            if (body.remaining() != 24) {
                return Optional.empty();
            }
            return Optional.of(new Claims(new UUID(body.getLong(), body.getLong()), Instant.ofEpochSecond(body.getLong())));
        } catch (IllegalArgumentException e) {
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
