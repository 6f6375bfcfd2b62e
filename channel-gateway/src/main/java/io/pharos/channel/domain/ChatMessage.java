package io.pharos.channel.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One message of a chat transcript, in order ({@code seq}); {@code sender}: visitor, agent or system;
 * {@code files}: what an agent's reply carries (empty otherwise).
 */
public record ChatMessage(UUID sessionId, int seq, String sender, String text, String clientMessageId, Instant createdAt,
        List<ChatFile> files) {

    public ChatMessage(UUID sessionId, int seq, String sender, String text, String clientMessageId, Instant createdAt) {
        this(sessionId, seq, sender, text, clientMessageId, createdAt, List.of());
    }
}
