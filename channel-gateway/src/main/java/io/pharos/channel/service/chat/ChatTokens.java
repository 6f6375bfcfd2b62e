package io.pharos.channel.service.chat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import io.pharos.channel.service.security.Signatures;

/**
 * The credentials of chat sockets: {@code base64url(role|channel|subject|expiry) . base64url(HMAC-SHA256)}
 * keyed with the chat channel's secret. Visitors hold no account, so the token they get from
 * {@code POST /api/v1/chat/{channelId}/sessions} names their session and expires; agents swap
 * their bearer token for a short-lived ticket because browsers cannot put headers on a
 * WebSocket. Rotating the channel's secret ends every session.
 */
public final class ChatTokens {

    public enum Role {
        VISITOR, AGENT
    }

    public record Claims(Role role, String channelId, String subject, Instant expiresAt) {
    }

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private ChatTokens() {
    }

    public static String issue(String secret, Claims claims) {
        String body = claims.role().name() + "|" + claims.channelId() + "|" + claims.subject() + "|" + claims.expiresAt().getEpochSecond();
        String payload = ENCODER.encodeToString(body.getBytes(StandardCharsets.UTF_8));
        return payload + "." + ENCODER.encodeToString(Signatures.hmac("HmacSHA256", secret, payload.getBytes(StandardCharsets.US_ASCII)));
    }

    /** The claims of an authentic, unexpired token of this channel and role; empty for anything else. */
    public static Optional<Claims> verify(String secret, String token, Role role, String channelId, Instant now) {
        if (secret == null || token == null || token.length() > 512) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String payload = token.substring(0, dot);
        String expected = ENCODER.encodeToString(Signatures.hmac("HmacSHA256", secret, payload.getBytes(StandardCharsets.US_ASCII)));
        if (!Signatures.constantTimeEquals(expected, token.substring(dot + 1))) {
            return Optional.empty();
        }
        String[] parts;
        try {
            parts = new String(DECODER.decode(payload), StandardCharsets.UTF_8).split("\\|", -1);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (parts.length != 4 || !role.name().equals(parts[0]) || !channelId.equals(parts[1])) {
            return Optional.empty();
        }
        Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(parts[3]));
        return expiresAt.isAfter(now) ? Optional.of(new Claims(role, parts[1], parts[2], expiresAt)) : Optional.empty();
    }
}
