package io.pharos.commons.deadletter.rest;

import jakarta.validation.constraints.Positive;

/** Which parked dead letters to replay: any combination; none given means all parked ones of this service. */
public record ReplayRangeRequest(String channel, String tenant, @Positive Long fromId, @Positive Long toId) {
}
