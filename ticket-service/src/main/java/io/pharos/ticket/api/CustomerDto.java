package io.pharos.ticket.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.pharos.ticket.domain.IdentityType;
import io.pharos.ticket.domain.Lifecycle;

/** A customer profile as REST and GraphQL show it. */
public record CustomerDto(UUID id, String externalId, String name, String language, String timeZone,
        String location, List<String> tags, String notes, Lifecycle lifecycle, LocalDate churnedOn,
        List<Identity> identities, Instant createdAt, Instant updatedAt) {

    /** {@code verified}: false for an address a chat or form visitor typed and has not yet confirmed. */
    public record Identity(IdentityType type, String value, boolean verified) {
    }
}
