package io.pharos.ticket.domain;

/** Whether a customer is still a customer; churn has an effective date. */
public enum Lifecycle {
    ACTIVE, CHURNED
}
