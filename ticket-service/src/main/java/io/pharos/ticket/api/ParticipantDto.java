package io.pharos.ticket.api;

import java.time.Instant;

import io.pharos.ticket.domain.Participant;

/** Someone besides the requester copied on a ticket's email replies; {@code source} says how they joined. */
public record ParticipantDto(String address, String name, Participant.Source source, Instant addedAt) {
}
