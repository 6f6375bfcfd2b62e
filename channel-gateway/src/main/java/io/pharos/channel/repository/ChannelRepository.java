package io.pharos.channel.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.channel.domain.ChannelConfig;
import io.pharos.channel.model.ChannelType;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class ChannelRepository implements PanacheRepositoryBase<ChannelConfig, String> {

    public Uni<List<ChannelConfig>> enabledOfType(String tenant, ChannelType type) {
        return list("tenant = ?1 and type = ?2 and enabled = true order by id", tenant, type);
    }

    public Uni<List<ChannelConfig>> enabledOfType(ChannelType type) {
        return list("type = ?1 and enabled = true order by id", type);
    }
}
