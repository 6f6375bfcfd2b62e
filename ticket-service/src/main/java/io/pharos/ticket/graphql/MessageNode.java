package io.pharos.ticket.graphql;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import io.pharos.ticket.api.AttachmentDto;
import io.pharos.ticket.api.ContactDto;
import io.pharos.ticket.api.LocationDto;
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
        @Description("Plain text (HTML bodies are sanitised; this is their text); empty when the customer sent only media, a location "
                + "or a contact") @NonNull String text,
        @Description("Sanitised HTML") String html,
        @Description("Channel it came or went on") @NonNull Channel channel,
        @Description("For outbound public messages: where delivery stands") DeliveryStatus deliveryStatus,
        @NonNull Instant createdAt,
        @Description("Files that came with it (metadata; the bytes stay with the channel)") @NonNull List<@NonNull Attachment> attachments,
        @Description("A location the customer shared") Location location,
        @Description("A contact card the customer shared") Contact contact,
        @Description("The channel account (channel-gateway channel id) it came in on or left from") String channelId,
        @Description("An inbound email's Cc; whom an agent's email reply was copied to") @NonNull List<@NonNull String> cc,
        @Description("Whom an agent's email reply was blind-copied to") @NonNull List<@NonNull String> bcc,
        @Description("The WhatsApp template an agent's reply was sent as") TemplateUse template) {

    @Name("TemplateUse")
    @Description("A WhatsApp message template sent as a reply, with the values of its variables")
    public record TemplateUse(
            @Description("Template name as approved at Meta") @NonNull String name,
            @Description("Template language code as approved (el, en_US)") @NonNull String language,
            @Description("Values of the body's {{1}}, {{2}} … in order") @NonNull List<@NonNull String> bodyParameters,
            @Description("Dynamic suffix of each URL button, in button order") @NonNull List<@NonNull String> buttonParameters) {

        static TemplateUse of(io.pharos.ticket.api.TemplateUse t) {
            return t == null ? null : new TemplateUse(t.name(), t.language(), t.bodyParameters() == null ? List.of() : t.bodyParameters(),
                    t.buttonParameters() == null ? List.of() : t.buttonParameters());
        }
    }

    @Name("MessageAttachment")
    @Description("A file that came with a message")
    public record Attachment(
            @Description("image, audio, voice, video, document, file or sticker; absent for email attachments") String kind,
            @Description("File name, as sent or named after its kind") String fileName,
            @Description("Media type, when known") String contentType,
            @Description("Size in bytes, when known") Long size,
            @Description("Where the file can be fetched, when the channel gives a link") String url,
            @Description("The provider's id of the file (WhatsApp media id, Telegram file id, Messenger sticker id)") String reference) {

        static Attachment of(AttachmentDto a) {
            return new Attachment(a.kind(), a.fileName(), a.contentType(), a.size(), a.url(), a.reference());
        }
    }

    @Name("MessageLocation")
    @Description("A location shared in a message")
    public record Location(
            @Description("Latitude in degrees") double latitude,
            @Description("Longitude in degrees") double longitude,
            @Description("The place's name, when given") String name,
            @Description("The place's address, when given") String address) {

        static Location of(LocationDto l) {
            return l == null ? null : new Location(l.latitude(), l.longitude(), l.name(), l.address());
        }
    }

    @Name("MessageContact")
    @Description("A contact card shared in a message")
    public record Contact(
            @Description("Who the card is for") @NonNull String name,
            @Description("Phone numbers on the card") List<@NonNull String> phones,
            @Description("Email addresses on the card") List<@NonNull String> emails,
            @Description("Organisation on the card") String organization) {

        static Contact of(ContactDto c) {
            return c == null ? null : new Contact(c.name(), c.phones(), c.emails(), c.organization());
        }
    }

    static MessageNode of(MessageDto m) {
        return new MessageNode(m.id(), m.author(), m.authorId(), m.visibility(), m.text(), m.html(), m.channel(),
                m.deliveryStatus(), m.createdAt(), m.attachments() == null ? List.of() : m.attachments().stream().map(Attachment::of).toList(),
                Location.of(m.location()), Contact.of(m.contact()), m.channelId(), m.cc() == null ? List.of() : m.cc(),
                m.bcc() == null ? List.of() : m.bcc(), TemplateUse.of(m.template()));
    }
}
