package io.pharos.ticket.graphql;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import io.pharos.ticket.api.CustomerDto;
import io.pharos.ticket.domain.IdentityType;
import io.pharos.ticket.domain.Lifecycle;
import io.smallrye.graphql.api.federation.FieldSet;
import io.smallrye.graphql.api.federation.Key;

@Name("Customer")
@Key(fields = @FieldSet("id"))
@Description("A customer's profile with their identities on every channel. Owned by ticket-service.")
public record CustomerNode(
        @Description("Customer id") @Id @NonNull UUID id,
        @Description("The customer's id in an integrator's system") String externalId,
        @Description("Display name") String name,
        @Description("Preferred language (ISO 639-1)") String language,
        @Description("IANA time zone") String timeZone,
        @Description("Where they are, as free text") String location,
        @Description("Tags SLA policies and routing may match") @NonNull List<@NonNull String> tags,
        @Description("Agents' notes about the customer") String notes,
        @Description("Where they stand with the tenant") @NonNull Lifecycle lifecycle,
        @Description("Effective date of churn") LocalDate churnedOn,
        @Description("Email addresses, phone numbers and messaging ids that reach this customer") @NonNull List<@NonNull Identity> identities,
        @NonNull Instant createdAt) {

    @Name("CustomerIdentity")
    @Description("How a customer is recognised on a channel")
    public record Identity(
            @Description("Kind of identity") @NonNull IdentityType type,
            @Description("The address, number or id") @NonNull String value,
            @Description("False for an address a chat or web-form visitor typed and has not yet confirmed: it recognises nobody and "
                    + "receives no replies until the link mailed to it is opened") @NonNull boolean verified) {
    }

    static CustomerNode of(CustomerDto c) {
        return c == null ? null : new CustomerNode(c.id(), c.externalId(), c.name(), c.language(), c.timeZone(), c.location(),
                c.tags(), c.notes(), c.lifecycle(), c.churnedOn(),
                c.identities().stream().map(i -> new Identity(i.type(), i.value(), i.verified())).toList(), c.createdAt());
    }
}
