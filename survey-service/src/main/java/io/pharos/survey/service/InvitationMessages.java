package io.pharos.survey.service;

import java.util.List;

import io.pharos.contracts.Channel;
import io.pharos.contracts.channel.MessageRequested;
import io.pharos.survey.api.SurveyTexts;
import io.pharos.survey.domain.Invitation;
import io.pharos.survey.domain.TicketState;
import io.pharos.survey.mapping.SurveyEventMapping;

/** What an invitation says: the question and one link per score, as text and, by email, as HTML too. */
final class InvitationMessages {

    private InvitationMessages() {
    }

    /** Which identity reaches a customer on a channel. */
    static String identityType(String channel) {
        return switch (channel) {
            case "sms", "phone" -> "phone";
            case "whatsapp", "telegram", "messenger", "instagram", "chat" -> channel;
            default -> "email";
        };
    }

    /**
     * The message request of an invitation; the invitation id is both request id (channel-gateway sends
     * it at most once) and message id. {@code link} is the survey page, the score is appended per button.
     */
    static MessageRequested request(Invitation invitation, TicketState ticket, String channel, String address, SurveyTexts texts,
            int scaleMin, int scaleMax, String link, String language) {
        StringBuilder text = new StringBuilder(texts.question()).append("\n\n");
        StringBuilder html = new StringBuilder("<p>").append(escape(texts.question())).append("</p><p>");
        for (int score = scaleMin; score <= scaleMax; score++) {
            text.append(score).append(": ").append(link).append("?score=").append(score).append('\n');
            html.append("<a href=\"").append(link).append("?score=").append(score)
                    .append("\" style=\"display:inline-block;min-width:2.5em;padding:.6em;margin:.2em;border:1px solid #1a56db;"
                            + "border-radius:6px;text-align:center;text-decoration:none\">")
                    .append(score).append("</a>");
        }
        html.append("</p>");
        String subject = ticket == null ? texts.question() : "[#" + ticket.number + "] " + texts.question();
        return new MessageRequested(invitation.id, ticket == null ? null : ticket.ticketId, ticket == null ? null : ticket.number,
                invitation.id, SurveyEventMapping.channel(channel), recipient(invitation, channel, address), subject,
                text.toString().strip(), channel.equals("email") ? html.toString() : null, null, List.of(), language, null);
    }

    /** The customer and their address on the channel; only that one identity is set. */
    private static MessageRequested.Recipient recipient(Invitation invitation, String channel, String address) {
        String identity = identityType(channel);
        return new MessageRequested.Recipient(invitation.customerId, is("email", identity, address), is("phone", identity, address),
                is("whatsapp", identity, address), is("telegram", identity, address), is("messenger", identity, address),
                is("instagram", identity, address), is("chat", identity, address));
    }

    private static String is(String wanted, String identity, String address) {
        return wanted.equals(identity) ? address : null;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
