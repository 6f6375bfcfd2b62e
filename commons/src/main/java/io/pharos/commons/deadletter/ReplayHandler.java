package io.pharos.commons.deadletter;

import io.smallrye.mutiny.Uni;

/**
 * Runs a parked record through the same processing as its {@code @Incoming} method. A consuming
 * service registers one bean per incoming channel, qualified with
 * {@code @io.smallrye.common.annotation.Identifier("<channel>")}; a channel without one cannot be
 * replayed (409). Processing must be idempotent, as it already is for Kafka's redeliveries.
 */
@FunctionalInterface
public interface ReplayHandler {

    Uni<Void> replay(DeadLetterRecord record);
}
