package io.pharos.ticket.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.pharos.contracts.channel.Attachment.AttachmentStatus;
import io.pharos.contracts.channel.VirusScan;

/**
 * A file of a message (a customer's, or one an agent uploaded and sent). Its bytes are in the
 * attachment store at the tenant's {@link #sha256}; {@link #contentType} is what the bytes are, never
 * what the sender declared.
 */
@Entity
@Table(name = "attachment")
public class Attachment {

    @Id
    public UUID id;
    public String tenant;
    /** Null for an upload not sent yet, and for a report of channel-gateway that came before its message. */
    @Column(name = "ticket_id")
    public UUID ticketId;
    @Column(name = "message_id")
    public UUID messageId;
    public Integer position;
    @Column(name = "file_name")
    public String fileName;
    @Column(name = "declared_type")
    public String declaredType;
    @Column(name = "content_type")
    public String contentType;
    public Long size;
    public String sha256;
    @Enumerated(EnumType.STRING)
    public AttachmentStatus status;
    @Column(name = "failure_reason")
    public String failureReason;
    public String kind;
    public boolean inline;
    @Column(name = "content_id")
    public String contentId;
    @Enumerated(EnumType.STRING)
    @Column(name = "scan_verdict")
    public VirusScan.Verdict scanVerdict;
    @Column(name = "scan_signature")
    public String scanSignature;
    /** Messages from before the store: the provider's link or channel-gateway's download path. */
    @Column(name = "legacy_url")
    public String legacyUrl;
    @Column(name = "provider_reference")
    public String providerReference;
    @Column(name = "uploaded_by")
    public String uploadedBy;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    /** Its bytes are in the store and may be handed out (an infected file is kept, never served). */
    public boolean servable() {
        return status == AttachmentStatus.STORED && sha256 != null && scanVerdict != VirusScan.Verdict.INFECTED;
    }
}
