package io.pharos.channel.domain;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One outbound request and what became of it: delivered at most once. */
@Entity
@Table(name = "delivery")
public class Delivery {

    /**
     * SENDING until our send ends: SENT (the provider or SMTP server took it), DELIVERED (a live
     * chat reply pushed to a connected visitor) or FAILED; then the providers' own reports move it
     * on: DELIVERED, READ or FAILED.
     */
    public enum Status {
        SENDING, SENT, DELIVERED, READ, FAILED;

        /** The status after a provider's report: a failure always counts, otherwise it only moves forward. */
        public static Status after(Status current, Status reported) {
            if (current == null || reported == FAILED || current == FAILED) {
                return reported;
            }
            return reported.ordinal() > current.ordinal() ? reported : current;
        }
    }

    @Id
    @Column(name = "request_id")
    public String requestId;
    public String tenant;
    @Column(name = "channel_id")
    public String channelId;
    @Column(name = "ticket_id")
    public String ticketId;
    @Enumerated(EnumType.STRING)
    public Status status;
    public int attempts;
    /** The process that claimed it last (random per start): a SENDING row of another process was left mid-send. */
    @Column(name = "claimed_by")
    public String claimedBy;
    @Column(name = "provider_message_id")
    public String providerMessageId;
    public String error;
    /** The address it was sent to on its channel (a PSID, a phone number, a mail address). */
    public String recipient;
    /** When the provider (or the SMTP server) took it. */
    @Column(name = "sent_at")
    public Instant sentAt;
    /** The furthest status the provider itself reported (SENT, DELIVERED, READ, FAILED); null until it reports one. */
    @Enumerated(EnumType.STRING)
    @Column(name = "provider_status")
    public Status providerStatus;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
