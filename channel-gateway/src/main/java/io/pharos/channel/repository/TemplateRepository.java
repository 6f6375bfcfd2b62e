package io.pharos.channel.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.channel.domain.WhatsAppTemplate;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class TemplateRepository implements PanacheRepositoryBase<WhatsAppTemplate, UUID> {

    public Uni<List<WhatsAppTemplate>> ofChannel(String channelId) {
        return list("channelId = ?1 order by name, language", channelId);
    }

    public Uni<WhatsAppTemplate> byName(String channelId, String name, String language) {
        return find("channelId = ?1 and name = ?2 and language = ?3", channelId, name, language).firstResult();
    }

    /** Meta's template id is Meta's: looked up only among the templates of one tenant. */
    public Uni<List<WhatsAppTemplate>> byProviderId(String tenant, String providerId) {
        return list("tenant = ?1 and providerId = ?2", tenant, providerId);
    }
}
