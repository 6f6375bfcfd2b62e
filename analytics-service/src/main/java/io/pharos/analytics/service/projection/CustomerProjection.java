package io.pharos.analytics.service.projection;

import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.analytics.repository.CustomerFactRepository;
import io.pharos.contracts.EventType;
import io.pharos.contracts.IncomingEvent;
import io.pharos.contracts.ticket.CustomerEvent;
import io.pharos.contracts.ticket.CustomerMerged;
import io.pharos.contracts.ticket.CustomerSnapshot;
import io.pharos.contracts.ticket.TicketEvents;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/** Customers, for retention: every {@code pharos.customer.*} event carries the customer's snapshot; a merge retires the merged one. */
@ApplicationScoped
public class CustomerProjection implements ProjectionHandler {

    private final CustomerFactRepository customers;
    private final ObjectMapper json;

    public CustomerProjection(CustomerFactRepository customers, ObjectMapper json) {
        this.customers = customers;
        this.json = json;
    }

    @Override
    public Set<String> types() {
        return TicketEvents.CUSTOMER.stream().map(EventType::name).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public Uni<Void> apply(ProjectionBatch batch, IncomingEvent event) {
        SqlConnection c = batch.connection();
        EventType<? extends CustomerEvent> type = TicketEvents.CUSTOMER.stream().filter(event::is).findFirst().orElseThrow();
        return Uni.createFrom().item(() -> (CustomerEvent) Events.data(json, event, type)).flatMap(data -> {
            CustomerSnapshot customer = data.customer();
            Uni<Void> chain = customers.upsert(c, event.tenant(), customer.id(), customer.createdAt(), customer.churnedOn(), customer.updatedAt());
            if (data instanceof CustomerMerged merged && merged.mergedCustomerId() != null) { // the merged customer lives on in the survivor
                chain = chain.flatMap(v -> customers.markMergedAway(c, event.tenant(), merged.mergedCustomerId()));
            }
            return chain;
        });
    }
}
