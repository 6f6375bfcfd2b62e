package io.pharos.ticket.service;

import java.time.Duration;
import java.util.function.Supplier;

import io.pharos.commons.rest.UniqueViolations;
import io.smallrye.mutiny.Uni;

/**
 * Creates that race on a unique value: eight requests naming the same new requester at once each
 * try to create that customer, and all but one are refused by the identity's unique constraint at
 * commit. The refused ones run their whole transaction again, after the winner committed, and then
 * find the customer and attach to it. {@code attempt} must open its own transaction (and session).
 */
public final class UniqueRaces {

    static final int ATTEMPTS = 4;

    private UniqueRaces() {
    }

    public static <T> Uni<T> retry(Supplier<Uni<T>> attempt) {
        return Uni.createFrom().<T> deferred(attempt::get)
                .onFailure(UniqueViolations::is).retry()
                .withBackOff(Duration.ofMillis(20), Duration.ofMillis(200)).withJitter(0.5).atMost(ATTEMPTS - 1);
    }
}
