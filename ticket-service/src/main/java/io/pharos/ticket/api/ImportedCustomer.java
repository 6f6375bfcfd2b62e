package io.pharos.ticket.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.pharos.ticket.domain.Lifecycle;

/**
 * One line of {@code POST /api/v1/customers/import}: a customer of another tool with their past, so
 * that retention counts them from when they really became a customer. {@code churnedOn} is required
 * when {@code lifecycle} is churned (a churnedOn alone implies it) and may not precede
 * {@code createdAt}'s day. Each identity's value is checked like the same field of
 * {@link IdentityInput}.
 */
public record ImportedCustomer(
        @Size(max = 200) String externalId,
        @Size(max = 200) String name,
        @Size(max = 16) String language,
        @Size(max = 50) List<@NotBlank @Size(max = 64) String> tags,
        @NotNull @Timestamps.Plausible Instant createdAt,
        Lifecycle lifecycle,
        LocalDate churnedOn,
        @Size(max = 20) List<@Valid @NotNull Identity> identities) {

    /** {@code type}: email, phone, whatsapp, telegram, messenger, instagram or chat. */
    public record Identity(@NotBlank @Size(max = 16) String type, @NotBlank @Size(max = 320) String value) {
    }
}
