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
public record MessageNode(@Id @NonNull UUID id, @NonNull AuthorKind author, String authorId, @NonNull Visibility visibility,
        @NonNull String text, @Description("Sanitised HTML") String html, @NonNull Channel channel,
        DeliveryStatus deliveryStatus, @NonNull Instant createdAt) {

    static MessageNode of(MessageDto m) {
        return new MessageNode(m.id(), m.author(), m.authorId(), m.visibility(), m.text(), m.html(), m.channel(),
                m.deliveryStatus(), m.createdAt());
    }
}
