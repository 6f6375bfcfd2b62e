package io.pharos.ticket.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One entry of a ticket's conversation. */
@Entity
@Table(name = "message")
public class Message {

    @Id
    public UUID id;
    public String tenant;
    @Column(name = "ticket_id")
    public UUID ticketId;
    @Column(name = "external_id")
    public String externalId;
    @Enumerated(EnumType.STRING)
    @Column(name = "author_kind")
    public AuthorKind authorKind;
    /** Keycloak subject of an agent, customer id of a customer, null for the system. */
    @Column(name = "author_id")
    public String authorId;
    @Enumerated(EnumType.STRING)
    public Visibility visibility;
    @Column(name = "body_text")
    public String bodyText;
    /** Sanitised HTML (OWASP policy); null for plain-text channels. */
    @Column(name = "body_html")
    public String bodyHtml;
    @Enumerated(EnumType.STRING)
    public Channel channel;
    @Column(name = "provider_message_id")
    public String providerMessageId;
    /** RFC 5322 Message-ID, for threading email replies. */
    @Column(name = "email_message_id")
    public String emailMessageId;
    @Enumerated(EnumType.STRING)
    @Column(name = "delivery_status")
    public DeliveryStatus deliveryStatus;
    /**
     * JSON of what it carries besides text (location, contact, button, forwarded mail; see MessageMedia); messages
     * from before the attachment table also hold their files' metadata here.
     */
    public String attachments;
    /** How many files (attachment rows) it is written with: known while it is being added, not stored here. */
    @Transient
    public int files;
    @Column(name = "created_at")
    public Instant createdAt;
    /** The channel account (channel-gateway channel id) it came in on or left from; null when unknown (older rows, notes). */
    @Column(name = "channel_id")
    public String channelId;
    /** Inbound email: its Cc; agent email reply: whom it was copied to. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] cc;
    /** Agent email reply: whom it was blind-copied to. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] bcc;
    /** Inbound email: the Reply-To address the customer asked answers to go to. */
    @Column(name = "reply_to")
    public String replyTo;
    /** A WhatsApp template reply: the template and its values, as JSON. */
    public String template;
    /** Customer messages: when the provider says the customer sent it; agent replies: when the provider took it (SENT). */
    @Column(name = "sent_at")
    public Instant sentAt;
    /** The provider's code, reason and failed address of the current delivery status. */
    @Column(name = "delivery_code")
    public String deliveryCode;
    @Column(name = "delivery_reason")
    public String deliveryReason;
    @Column(name = "delivery_recipient")
    public String deliveryRecipient;
    @Column(name = "delivery_updated_at")
    public Instant deliveryUpdatedAt;
    /** When the customer last edited it (the provider's time); null when never. */
    @Column(name = "edited_at")
    public Instant editedAt;
}
