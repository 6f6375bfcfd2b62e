package io.pharos.ticket.domain;

import org.eclipse.microprofile.graphql.Description;

/** How urgent a ticket is; drives SLA targets. */
@Description("How urgent a ticket is; SLA policies and routing may depend on it")
public enum Priority {
    LOW, NORMAL, HIGH, URGENT
}
