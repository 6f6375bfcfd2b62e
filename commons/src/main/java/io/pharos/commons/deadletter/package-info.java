/**
 * Dead letters of a service's Kafka consumers, kept in the service's own database (table
 * {@code dead_letter}, commons migration V0_3). The {@code pharos-park} failure strategy
 * ({@link io.pharos.commons.deadletter.kafka.ParkFailureStrategy}) parks a record its consumer could
 * not process before its offset is committed; a platform administrator lists, inspects, replays
 * (through the channel's {@link io.pharos.commons.deadletter.ReplayHandler}) or discards it over
 * {@code /api/v1/admin/dead-letters}. Sub-packages by role: kafka, store, service, rest, ops.
 */
package io.pharos.commons.deadletter;
