package io.pharos.channel.domain;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.pharos.channel.model.ChannelType;

/** One channel of a tenant as stored; its secrets stay encrypted here. */
@Entity
@Table(name = "channel")
public class ChannelConfig {

    @Id
    public String id;
    public String tenant;
    @Enumerated(EnumType.STRING)
    public ChannelType type;
    public String name;
    public String address;
    /** JSON of non-secret settings */
    public String settings;
    /** AES-GCM encrypted JSON of the secrets */
    public String secrets;
    @Column(name = "ack_templates")
    public String ackTemplates;
    public boolean enabled;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Version
    public long version;
}
