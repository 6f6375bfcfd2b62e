package io.pharos.commons.deadletter;

/** Where a dead letter stands: waiting for an operator, or resolved by one. */
public enum DeadLetterStatus {
    PARKED, REPLAYED, DISCARDED;

    public String column() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static DeadLetterStatus ofColumn(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
