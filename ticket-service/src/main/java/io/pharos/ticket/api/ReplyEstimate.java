package io.pharos.ticket.api;

import java.time.Instant;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;

/** "When will this customer get a reply?" for a channel and priority at an instant (acknowledgements use it). */
@Name("ReplyEstimate")
@Description("When a new customer can expect the first reply, from the SLA policy and business hours that would apply")
public record ReplyEstimate(
        @Description("The SLA policy that would apply") String policy,
        Instant replyDueAt,
        @Description("The first-response target") Long targetMinutes,
        @Description("Whether the target counts business hours only") boolean businessHours,
        @Description("Whether the team is at work now") boolean openNow,
        @Description("Time zone of the business hours") String timeZone) {
}
