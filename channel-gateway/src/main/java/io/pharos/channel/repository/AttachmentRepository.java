package io.pharos.channel.repository;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.channel.domain.StoredAttachment;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Attachment content, written once per id (a provider's retry writes nothing). */
@ApplicationScoped
public class AttachmentRepository {

    private final Pool pool;

    public AttachmentRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> insert(String tenant, String channelId, String providerMessageId, List<StoredAttachment> attachments) {
        if (attachments.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<Tuple> rows = attachments.stream().map(a -> Tuple.tuple(List.of(a.id(), tenant, channelId, providerMessageId, a.name(),
                a.contentType(), a.size(), io.vertx.core.buffer.Buffer.buffer(a.content()), now))).toList();
        return pool.preparedQuery("INSERT INTO attachment (id, tenant, channel_id, provider_message_id, name, content_type, size, content, created_at)"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING").executeBatch(rows).replaceWithVoid();
    }

    /** The attachment, if it exists in this tenant (another tenant's id reads as absent). */
    public Uni<StoredAttachment> find(String tenant, UUID id) {
        return pool.preparedQuery("SELECT id, tenant, name, content_type, size, content FROM attachment WHERE id = $1 AND tenant = $2")
                .execute(Tuple.of(id, tenant)).map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    var r = rows.iterator().next();
                    return new StoredAttachment(r.getUUID("id"), r.getString("tenant"), r.getString("name"), r.getString("content_type"),
                            r.getLong("size"), r.getBuffer("content").getBytes());
                });
    }
}
