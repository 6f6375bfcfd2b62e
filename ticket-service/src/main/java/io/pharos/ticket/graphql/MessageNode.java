package io.pharos.ticket.graphql;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import io.pharos.ticket.api.AttachmentDto;
import io.pharos.ticket.api.ContactDto;
import io.pharos.ticket.api.DeliveryDto;
import io.pharos.ticket.api.LocationDto;
import io.pharos.ticket.api.MessageDto;
import io.pharos.ticket.domain.AuthorKind;
import io.pharos.ticket.domain.Channel;
import io.pharos.ticket.domain.DeliveryStatus;
import io.pharos.ticket.domain.Visibility;
import io.pharos.ticket.service.InlineImages;

@Name("Message")
@Description("One entry of a ticket's conversation")
public record MessageNode(
        @Description("Message id") @Id @NonNull UUID id,
        @Description("Who wrote it") @NonNull AuthorKind author,
        @Description("The customer's or agent's id") String authorId,
        @Description("Seen by the customer, or by agents only") @NonNull Visibility visibility,
        @Description("Plain text (HTML bodies are sanitised; this is their text); empty when the customer sent only media, a location "
                + "or a contact") @NonNull String text,
        // served through TicketGraphQLApi.html (its remoteImages argument): the stored form is not the readable one
        @Ignore String storedHtml,
        @Description("Channel it came or went on") @NonNull Channel channel,
        @Description("For outbound public messages: where delivery stands") DeliveryStatus deliveryStatus,
        @NonNull Instant createdAt,
        @Description("Its files, in order: metadata, state in the attachment store and a signed download link") @NonNull List<@NonNull Attachment> attachments,
        @Description("A location the customer shared") Location location,
        @Description("A contact card the customer shared") Contact contact,
        @Description("The channel account (channel-gateway channel id) it came in on or left from") String channelId,
        @Description("An inbound email's Cc; whom an agent's email reply was copied to") @NonNull List<@NonNull String> cc,
        @Description("Whom an agent's email reply was blind-copied to") @NonNull List<@NonNull String> bcc,
        @Description("The WhatsApp template an agent's reply was sent as") TemplateUse template,
        @Description("When the provider says it was sent: by the customer, or (agent replies) taken by the provider (SENT)") Instant sentAt,
        @Description("When Pharos received or created it (as createdAt)") @NonNull Instant receivedAt,
        @Description("Where an agent's public reply stands with its channel, with every status reported; null for customer messages and "
                + "internal notes") Delivery delivery,
        @Description("When the customer last edited it; null when never") Instant editedAt,
        @Description("The texts the customer's edits replaced, oldest first; empty when never edited") @NonNull List<@NonNull Revision> revisions,
        @Description("Emoji reactions to it, one per author") @NonNull List<@NonNull Reaction> reactions,
        @Description("The button, list entry or quick reply the customer pressed") Interactive interactive,
        @Description("A mail the customer forwarded; text is then their note above it") Forwarded forwarded,
        // where html's cid: images point (TicketGraphQLApi.messages finds them for the page)
        @Ignore InlineImages inlineImages) {

    MessageNode withInlineImages(InlineImages images) {
        return new MessageNode(id, author, authorId, visibility, text, storedHtml, channel, deliveryStatus, createdAt, attachments, location,
                contact, channelId, cc, bcc, template, sentAt, receivedAt, delivery, editedAt, revisions, reactions, interactive, forwarded,
                images == null ? InlineImages.NONE : images);
    }

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

    @Name("Delivery")
    @Description("Where an outbound message stands with its channel")
    public record Delivery(
            @Description("The current status: forward only, except FAILED which wins from any point") @NonNull DeliveryStatus status,
            @Description("The provider's code of the current status (a WhatsApp error code, a Twilio ErrorCode, an SMTP status)") String code,
            @Description("Why it failed, in words an agent understands") String reason,
            @Description("The address that failed, when the provider names it") String recipient,
            @Description("When the current status was reached") Instant updatedAt,
            @Description("Every status reported, oldest first") @NonNull List<@NonNull DeliveryStep> history) {

        static Delivery of(DeliveryDto d) {
            return d == null ? null
                    : new Delivery(d.status(), d.code(), d.reason(), d.recipient(), d.updatedAt(),
                            d.history().stream().map(h -> new DeliveryStep(h.status(), h.code(), h.reason(), h.at())).toList());
        }
    }

    @Name("DeliveryStep")
    @Description("One status an outbound message reached, as reported")
    public record DeliveryStep(
            @Description("The status reached") @NonNull DeliveryStatus status,
            @Description("The provider's code with it") String code,
            @Description("Why, when it failed") String reason,
            @Description("When the provider says it happened (else when Pharos heard of it)") @NonNull Instant at) {
    }

    @Name("MessageRevision")
    @Description("A text a message had before the customer edited it")
    public record Revision(
            @Description("The text as it was") @NonNull String text,
            @Description("When the edit replaced it") @NonNull Instant replacedAt) {
    }

    @Name("Reaction")
    @Description("An emoji someone put on a message")
    public record Reaction(
            @Description("The emoji") @NonNull String emoji,
            @Description("Who reacted: CUSTOMER or AGENT") @NonNull AuthorKind author,
            @Description("The customer's or agent's id") String authorId,
            @Description("When, as the provider says") @NonNull Instant at) {
    }

    @Name("InteractiveReply")
    @Description("The button, list entry or quick reply a customer pressed")
    public record Interactive(
            @Description("As the provider names it: button_reply, list_reply, button, quick_reply, postback, callback_query") String type,
            @Description("The id of the button or entry") String id,
            @Description("The title the customer saw") String title,
            @Description("What the business attached to the button, when it differs from id") String payload) {
    }

    @Name("ForwardedMessage")
    @Description("A message the customer forwarded below their own note")
    public record Forwarded(
            @Description("Who wrote it: name") String fromName,
            @Description("Who wrote it: address") String fromAddress,
            @Description("When it was written, as its header block says") Instant date,
            @Description("Its subject") String subject,
            @Description("Its text") String text) {
    }

    @Name("MessageAttachment")
    @Description("A file of a message: a customer's (fetched from the channel into the attachment store) or one an agent sent")
    public record Attachment(
            @Description("Attachment id; null only for files of messages from before the attachment store") @Id UUID id,
            @Description("image, audio, voice, video, document, file or sticker; absent for email attachments and agents' uploads") String kind,
            @Description("File name, as sent or named after its kind") String fileName,
            @Description("Media type detected from the bytes once stored (before: as the sender declared it)") String contentType,
            @Description("Size in bytes, when known") Long size,
            @Description("SHA-256 of the content (hex), once stored") String sha256,
            @Description("PENDING while it is fetched from the channel, then STORED or FAILED") AttachmentStatus status,
            @Description("Short-lived signed link that needs no bearer token; only while STORED and not infected") String downloadUrl,
            @Description("Why it could not be kept, when FAILED") String failureReason,
            @Description("An email part shown in the body (contentId is its cid:)") boolean inline,
            @Description("The cid: of an inline email part") String contentId,
            @Description("What the virus scanner said, once stored") AttachmentScan scan,
            @Deprecated @Description("Deprecated: use downloadUrl") String url,
            @Description("The provider's id of the file (WhatsApp media id, Telegram file id, Messenger sticker id)") String reference) {

        static Attachment of(AttachmentDto a) {
            return new Attachment(a.id(), a.kind(), a.fileName(), a.contentType(), a.size(), a.sha256(),
                    a.status() == null ? null : AttachmentStatus.valueOf(a.status().name()), a.downloadUrl(),
                    a.failureReason(), a.inline(), a.contentId(), a.scan() == null ? null : new AttachmentScan(a.scan().verdict().name(),
                            a.scan().signature()), a.downloadUrl(), a.reference());
        }
    }

    @Name("AttachmentStatus")
    @Description("Where a file's bytes are")
    public enum AttachmentStatus {
        @Description("Still at the provider; being fetched")
        PENDING,
        @Description("In the attachment store")
        STORED,
        @Description("Could not be kept (failureReason says why)")
        FAILED
    }

    @Name("AttachmentScan")
    @Description("What the virus scanner said of a stored file")
    public record AttachmentScan(
            @Description("NOT_SCANNED (no scanner configured), CLEAN, INFECTED (kept, never served) or FAILED (served as unscanned)")
            @NonNull String verdict,
            @Description("What the scanner found, when INFECTED") String signature) {
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
                m.bcc() == null ? List.of() : m.bcc(), TemplateUse.of(m.template()),
                m.sentAt(), m.receivedAt(), Delivery.of(m.delivery()), m.editedAt(),
                list(m.revisions()).stream().map(r -> new Revision(r.text(), r.replacedAt())).toList(),
                list(m.reactions()).stream().map(r -> new Reaction(r.emoji(), r.author(), r.authorId(), r.at())).toList(),
                m.interactive() == null ? null
                        : new Interactive(m.interactive().type(), m.interactive().id(), m.interactive().title(), m.interactive().payload()),
                m.forwarded() == null ? null
                        : new Forwarded(m.forwarded().fromName(), m.forwarded().fromAddress(), m.forwarded().date(), m.forwarded().subject(),
                                m.forwarded().text()),
                InlineImages.NONE);
    }

    private static <T> List<T> list(List<T> items) {
        return items == null ? List.of() : items;
    }
}
