package io.pharos.ticket.api;

import java.time.Instant;
import java.util.UUID;

import io.pharos.ticket.domain.AuthorKind;
import io.pharos.ticket.domain.Channel;
import io.pharos.ticket.domain.DeliveryStatus;
import io.pharos.ticket.domain.Visibility;

public record MessageDto(UUID id, UUID ticketId, String externalId, AuthorKind author, String authorId,
        Visibility visibility, String text, String html, Channel channel, DeliveryStatus deliveryStatus,
        Instant createdAt) {
}
