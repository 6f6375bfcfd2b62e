package io.pharos.contracts.ticket;

/** Public messages reach the customer, internal notes stay between agents; lower-case on the wire. */
public enum Visibility {
    PUBLIC, INTERNAL
}
