package io.pharos.channel.domain;

import java.time.Instant;
import java.util.UUID;

/** One message of a chat transcript, in order ({@code seq}); {@code sender}: visitor, agent or system. */
public record ChatMessage(UUID sessionId, int seq, String sender, String text, String clientMessageId, Instant createdAt) {
}
