package io.pharos.channel.service.email;

import java.util.Map;

/**
 * RFC 3463 enhanced mail system status codes ({@code class.subject.detail}) in words an agent
 * understands, with the RFC 7372 and RFC 7505 additions mail servers report today. A code with an
 * unknown detail is explained by its subject, an unknown subject by its class.
 */
final class EnhancedStatusCodes {

    private static final Map<String, String> DETAILS = Map.ofEntries(
            Map.entry("1.1", "the address does not exist"),
            Map.entry("1.2", "the recipient's domain does not exist or accepts no mail"),
            Map.entry("1.3", "the address is not a valid address"),
            Map.entry("1.4", "the address is ambiguous at the recipient's server"),
            Map.entry("1.6", "the mailbox has moved and has no forwarding address"),
            Map.entry("1.10", "the recipient's domain accepts no mail (null MX)"),
            Map.entry("2.1", "the mailbox is disabled"),
            Map.entry("2.2", "the mailbox is full"),
            Map.entry("2.3", "the message is larger than the mailbox accepts"),
            Map.entry("2.4", "the mailing list could not be expanded"),
            Map.entry("3.1", "the recipient's mail system is full"),
            Map.entry("3.2", "the recipient's mail system is not accepting messages"),
            Map.entry("3.4", "the message is larger than the recipient's mail system accepts"),
            Map.entry("4.1", "the recipient's mail server did not answer"),
            Map.entry("4.2", "the connection to the recipient's mail server broke"),
            Map.entry("4.3", "the recipient's domain could not be looked up (DNS)"),
            Map.entry("4.4", "no route to the recipient's mail server"),
            Map.entry("4.5", "the mail system is congested"),
            Map.entry("4.6", "the message was caught in a routing loop"),
            Map.entry("4.7", "the delivery time expired before it could be delivered"),
            Map.entry("6.0", "the recipient's server could not handle the message's content"),
            Map.entry("7.1", "the recipient's server refused it (not authorised, e.g. blocked sender)"),
            Map.entry("7.23", "the sender's SPF check failed"),
            Map.entry("7.25", "the sending server's reverse DNS check failed"),
            Map.entry("7.26", "the message failed the recipient's authentication checks (SPF/DKIM/DMARC)"));
    private static final Map<String, String> SUBJECTS = Map.of(
            "1", "an addressing problem",
            "2", "a problem with the recipient's mailbox",
            "3", "a problem with the recipient's mail system",
            "4", "a network or routing problem",
            "5", "a mail protocol problem",
            "6", "a problem with the message's content",
            "7", "the recipient's security or policy refused it");
    private static final Map<Character, String> CLASSES = Map.of(
            '2', "delivered",
            '5', "permanent failure");

    private EnhancedStatusCodes() {
    }

    /**
     * "The address does not exist (5.1.1, permanent failure). The recipient's server said: 550 5.1.1 User unknown".
     *
     * @param status the enhanced status code, or null when the report gave none
     * @param diagnostic what the remote server answered, or null
     * @param delayed whether the report says the server still retries ({@code Action: delayed})
     */
    static String explain(String status, String diagnostic, boolean delayed) {
        StringBuilder reason = new StringBuilder();
        if (status == null) {
            reason.append("The message could not be delivered");
        } else {
            String[] parts = status.split("\\.");
            String what = DETAILS.get(parts[1] + "." + parts[2]);
            if (what == null) {
                what = SUBJECTS.getOrDefault(parts[1], "the message could not be delivered");
            }
            // class 4 is a temporary problem: still retried when delayed, given up on in a failure report
            String kind = status.charAt(0) == '4' ? delayed ? "delayed, will retry" : "temporary failure, no longer retried"
                    : CLASSES.getOrDefault(status.charAt(0), "unknown class");
            reason.append(Character.toUpperCase(what.charAt(0))).append(what.substring(1)).append(" (").append(status).append(", ")
                    .append(kind).append(')');
        }
        reason.append('.');
        if (diagnostic != null && !diagnostic.isBlank()) {
            reason.append(" The recipient's server said: ").append(diagnostic.strip());
        }
        return reason.toString();
    }
}
