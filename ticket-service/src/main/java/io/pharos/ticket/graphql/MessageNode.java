package io.pharos.ticket.graphql;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import io.pharos.ticket.api.MessageDto;
import io.pharos.ticket.domain.AuthorKind;
import io.pharos.ticket.domain.Channel;
import io.pharos.ticket.domain.DeliveryStatus;
import io.pharos.ticket.domain.Visibility;

@Name("Message")
@Description("One entry of a ticket's conversation")
public record MessageNode(
        @Description("Message id") @Id @NonNull UUID id,
        @Description("Who wrote it") @NonNull AuthorKind author,
        @Description("The customer's or agent's id") String authorId,
        @Description("Seen by the customer, or by agents only") @NonNull Visibility visibility,
        @Description("Plain text (HTML bodies are sanitised; this is their text)") @NonNull String text,
        @Description("Sanitised HTML") String html,
        @Description("Channel it came or went on") @NonNull Channel channel,
        @Description("For outbound public messages: where delivery stands") DeliveryStatus deliveryStatus,
        @NonNull Instant createdAt) {

    static MessageNode of(MessageDto m) {
        return new MessageNode(m.id(), m.author(), m.authorId(), m.visibility(), m.text(), m.html(), m.channel(),
                m.deliveryStatus(), m.createdAt());
    }
}
