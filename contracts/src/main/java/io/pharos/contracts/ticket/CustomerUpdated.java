package io.pharos.contracts.ticket;

import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.pharos.contracts.Nullable;

/**
 * {@code pharos.customer.updated}, and with the same data {@code pharos.customer.churned} when the
 * change made the customer churn.
 */
public record CustomerUpdated(CustomerSnapshot customer, Changes changes) implements CustomerEvent {

    /**
     * The new values of what changed; what did not change is absent.
     *
     * @param identitiesAdded identities a channel or integrator added, as {@code EMAIL:anna@example.com}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Changes(@Nullable String name, @Nullable String language, @Nullable String timeZone, @Nullable String location,
            @Nullable List<String> tags, @Nullable String notes, @Nullable Lifecycle lifecycle, @Nullable LocalDate churnedOn,
            @Nullable List<String> identitiesAdded) {

        public static Changes identitiesAdded(List<String> identities) {
            return new Changes(null, null, null, null, null, null, null, null, identities);
        }
    }
}
