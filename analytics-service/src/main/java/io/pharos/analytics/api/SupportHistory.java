package io.pharos.analytics.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A customer's history with support, from the facts: how often, how it went, how satisfied. */
public record SupportHistory(UUID customerId, int tickets, int openTickets, int reopenedTickets, Instant firstContactAt, Instant lastContactAt,
        List<String> channels, Double averageFirstResponseSeconds, int csatResponses, Double averageCsat) {

    public static SupportHistory none(UUID customerId) {
        return new SupportHistory(customerId, 0, 0, 0, null, null, List.of(), null, 0, null);
    }
}
