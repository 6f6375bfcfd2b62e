package io.pharos.ticket.repository;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.ticket.domain.Channel;
import io.pharos.ticket.domain.Message;
import io.pharos.ticket.domain.Visibility;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class MessageRepository implements PanacheRepositoryBase<Message, UUID> {

    /** The conversations of several tickets in one query, oldest first (batched GraphQL fields). */
    public Uni<List<Message>> forTickets(String tenant, Collection<UUID> ticketIds, boolean includeInternal) {
        return includeInternal
                ? list("tenant = ?1 and ticketId in ?2 order by createdAt, id", tenant, ticketIds)
                : list("tenant = ?1 and ticketId in ?2 and visibility = ?3 order by createdAt, id", tenant, ticketIds,
                        Visibility.PUBLIC);
    }

    public Uni<Message> findByProviderId(String tenant, Channel channel, String providerMessageId) {
        return find("tenant = ?1 and channel = ?2 and providerMessageId = ?3", tenant, channel, providerMessageId)
                .firstResult();
    }

    public Uni<Message> findByExternalId(String tenant, String externalId) {
        return find("tenant = ?1 and externalId = ?2", tenant, externalId).firstResult();
    }

    public Uni<Message> findInTenant(String tenant, UUID id) {
        return find("tenant = ?1 and id = ?2", tenant, id).firstResult();
    }
}
