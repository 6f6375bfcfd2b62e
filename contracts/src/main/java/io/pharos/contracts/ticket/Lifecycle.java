package io.pharos.contracts.ticket;

/** Whether a customer is still a customer; lower-case on the wire ({@code churned}). */
public enum Lifecycle {
    ACTIVE, CHURNED
}
