package io.pharos.channel.api;

import java.time.Instant;

/**
 * A chat session as the widget holds it: {@code token} opens the socket ({@code socket}, relative
 * to the service) and resumes the session later; {@code agentsOnline} false means the widget
 * should offer to continue by email.
 */
public record ChatSessionView(String sessionId, String token, Instant expiresAt, boolean agentsOnline, boolean emailKnown,
        String socket) {
}
