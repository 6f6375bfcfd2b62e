package io.pharos.ticket.service;

import java.util.List;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Runs Unis one after the other. A Hibernate Reactive session must never see two operations at
 * once, so work on one session is sequenced rather than joined.
 */
public final class InOrder {

    private InOrder() {
    }

    public static <T> Uni<List<T>> all(List<Uni<T>> unis) {
        if (unis.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Multi.createFrom().iterable(unis).onItem().transformToUniAndConcatenate(u -> u)
                .collect().asList();
    }
}
