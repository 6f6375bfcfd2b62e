package io.pharos.channel.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.pharos.channel.model.ChannelType;

/**
 * A provider's media still to be fetched into the attachment store: written with the message's
 * receipt, gone once its stored or failed report is in the outbox (service/fetch).
 */
@Entity
@Table(name = "attachment_fetch")
public class AttachmentFetch {

    @Id
    @Column(name = "attachment_id")
    public UUID attachmentId;
    public String tenant;
    @Column(name = "channel_id")
    public String channelId;
    @Enumerated(EnumType.STRING)
    public ChannelType provider;
    /** The media id (WhatsApp), file id (Telegram) or link (Messenger, Instagram, Twilio). */
    public String reference;
    @Column(name = "file_name")
    public String fileName;
    @Column(name = "message_key")
    public String messageKey;
    @Column(name = "provider_message_id")
    public String providerMessageId;
    public int attempts;
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;
    @Column(name = "last_error")
    public String lastError;
    @Column(name = "created_at")
    public Instant createdAt;

    /** One claimed job, as the worker handles it ({@code attempts} counts this one: it is the claim's token). */
    public record Claimed(UUID attachmentId, String tenant, String channelId, ChannelType provider, String reference, String fileName,
            String messageKey, String providerMessageId, int attempts) {
    }
}
