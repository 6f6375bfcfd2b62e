package io.pharos.channel.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.channel.domain.StoredAttachment;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Email parts kept in the database before the attachment store existed: read only (their links in old
 * events keep working); new parts go to the store.
 */
@ApplicationScoped
public class AttachmentRepository {

    private final Pool pool;

    public AttachmentRepository(Pool pool) {
        this.pool = pool;
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
