package io.pharos.analytics.api;

import java.time.Instant;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

/** What is happening now in a tenant's inbox. */
@Description("What is happening now in your tenant's inbox")
public record LiveCounters(
        @Description("Tickets not solved or closed") int open,
        @Description("Open tickets no agent has answered publicly yet") int waitingForFirstReply,
        @Description("Open tickets with an SLA target that has passed and is still unmet") int breachingNow,
        @Description("Agents whose availability is online") int agentsOnline,
        @NonNull @Description("When these counts were taken") Instant asOf) {

    /** The same counts, whenever they were taken. */
    public boolean sameCounts(LiveCounters o) {
        return o != null && open == o.open && waitingForFirstReply == o.waitingForFirstReply && breachingNow == o.breachingNow
                && agentsOnline == o.agentsOnline;
    }
}
