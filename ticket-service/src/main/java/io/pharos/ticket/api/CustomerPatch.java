package io.pharos.ticket.api;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.constraints.Size;

import io.pharos.ticket.domain.Lifecycle;

/** Fields to change on a customer; absent fields stay as they are. Churn carries its date. */
public record CustomerPatch(@Size(max = 200) String name, @Size(max = 16) String language,
        @Size(max = 64) String timeZone, @Size(max = 200) String location, List<@Size(max = 64) String> tags,
        @Size(max = 10000) String notes, Lifecycle lifecycle, LocalDate effectiveDate) {
}
