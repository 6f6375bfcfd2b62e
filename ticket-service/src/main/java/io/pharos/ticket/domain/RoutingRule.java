package io.pharos.ticket.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** Sends matching tickets to a team (and asks for skills); the first enabled match by position wins. */
@Entity
@Table(name = "routing_rule")
public class RoutingRule {

    @Id
    public UUID id;
    public String tenant;
    public String name;
    public int position;
    public boolean enabled;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] channels = new String[0];
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] languages = new String[0];
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] priorities = new String[0];
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] tags = new String[0];
    @Column(name = "customer_tags")
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] customerTags = new String[0];
    public String team;
    @Column(name = "required_skills")
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] requiredSkills = new String[0];
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Version
    public long version;
}
