package io.pharos.contracts.ticket;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.pharos.contracts.Nullable;

/**
 * A customer as it stands after the change a customer event reports, with every identity it is
 * recognised by.
 *
 * @param churnedOn the day churn took effect; null while active
 */
public record CustomerSnapshot(UUID id, @Nullable String externalId, @Nullable String name, @Nullable String language,
        @Nullable String timeZone, Lifecycle lifecycle, @Nullable LocalDate churnedOn, Instant createdAt, Instant updatedAt,
        List<Identity> identities) {

    /** An address of the customer on one kind of channel. */
    public record Identity(IdentityType type, String value) {
    }
}
