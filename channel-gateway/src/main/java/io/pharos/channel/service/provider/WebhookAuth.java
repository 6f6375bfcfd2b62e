package io.pharos.channel.service.provider;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/** Checks of webhook credentials, always in constant time (no early exit that leaks how much matched). */
public final class WebhookAuth {

    private WebhookAuth() {
    }

    public static boolean equalSecrets(String expected, String given) {
        if (expected == null || given == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    /** HTTP Basic {@code <user>:<secret>} as the email webhook's providers send it. */
    public static boolean basic(String authorization, String user, String secret) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        return colon > 0 & equalSecrets(user, decoded.substring(0, Math.max(colon, 0))) & equalSecrets(secret, decoded.substring(colon + 1));
    }
}
