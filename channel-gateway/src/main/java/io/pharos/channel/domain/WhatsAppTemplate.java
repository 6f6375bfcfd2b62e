package io.pharos.channel.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.pharos.channel.model.TemplateStatus;

/** A WhatsApp message template of one channel, as written here and as Meta reviewed it. */
@Entity
@Table(name = "whatsapp_template")
public class WhatsAppTemplate {

    @Id
    public UUID id;
    public String tenant;
    @Column(name = "channel_id")
    public String channelId;
    public String name;
    public String language;
    public String category;
    @Column(name = "header_text")
    public String headerText;
    @Column(name = "body_text")
    public String bodyText;
    /** JSON array of strings. */
    @Column(name = "body_examples")
    public String bodyExamples;
    @Column(name = "footer_text")
    public String footerText;
    /** JSON array of buttons. */
    public String buttons;
    @Enumerated(EnumType.STRING)
    public TemplateStatus status;
    @Column(name = "rejected_reason")
    public String rejectedReason;
    @Column(name = "provider_id")
    public String providerId;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Version
    public long version;
}
