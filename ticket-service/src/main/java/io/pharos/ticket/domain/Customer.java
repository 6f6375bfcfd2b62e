package io.pharos.ticket.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A customer's CRM profile; recognised on every channel through its identities. */
@Entity
@Table(name = "customer")
public class Customer {

    @Id
    public UUID id;
    public String tenant;
    @Column(name = "external_id")
    public String externalId;
    public String name;
    public String language;
    @Column(name = "time_zone")
    public String timeZone;
    public String location;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] tags = new String[0];
    public String notes;
    @Enumerated(EnumType.STRING)
    public Lifecycle lifecycle = Lifecycle.ACTIVE;
    @Column(name = "churned_on")
    public LocalDate churnedOn;
    /** Set when this profile was merged into another; the survivor holds identities and tickets. */
    @Column(name = "merged_into")
    public UUID mergedInto;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Version
    public long version;

    @OneToMany(mappedBy = "customer", cascade = CascadeType.ALL, fetch = FetchType.LAZY)
    public List<CustomerIdentity> identities = new ArrayList<>();
}
