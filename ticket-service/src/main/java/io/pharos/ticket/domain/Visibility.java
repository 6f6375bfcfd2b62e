package io.pharos.ticket.domain;

/** PUBLIC messages reach the customer; INTERNAL notes stay between agents. */
public enum Visibility {
    PUBLIC, INTERNAL
}
