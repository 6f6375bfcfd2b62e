package io.pharos.commons.deadletter;

import java.util.List;

/** The original Kafka record of a dead letter, as a replay handler gets it. */
public record DeadLetterRecord(String key, String payload, List<DeadLetterHeader> headers) {
}
