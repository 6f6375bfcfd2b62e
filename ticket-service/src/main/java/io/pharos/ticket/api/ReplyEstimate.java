package io.pharos.ticket.api;

import java.time.Instant;

import org.eclipse.microprofile.graphql.Name;

/** "When will this customer get a reply?" for a channel and priority at an instant (acknowledgements use it). */
@Name("ReplyEstimate")
public record ReplyEstimate(String policy, Instant replyDueAt, Long targetMinutes, boolean businessHours, boolean openNow,
        String timeZone) {
}
