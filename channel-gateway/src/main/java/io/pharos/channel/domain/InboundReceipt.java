package io.pharos.channel.domain;

import java.io.Serializable;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A provider message accepted once (its retries produce nothing). */
@Entity
@Table(name = "inbound_receipt")
@IdClass(InboundReceipt.Key.class)
public class InboundReceipt {

    public record Key(String channelId, String providerMessageId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "channel_id")
    public String channelId;
    @Id
    @Column(name = "provider_message_id")
    public String providerMessageId;
    @Column(name = "event_id")
    public String eventId;
    @Column(name = "received_at")
    public Instant receivedAt;
}
