package io.pharos.ticket.domain;

import org.eclipse.microprofile.graphql.Description;

/** Whether a customer is still a customer; churn has an effective date. */
@Description("Whether a customer is ACTIVE or has CHURNED (integrators mark churn; it counts in retention)")
public enum Lifecycle {
    ACTIVE, CHURNED
}
