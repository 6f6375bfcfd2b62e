package io.pharos.ticket.repository;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.ticket.domain.Attachment;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * Attachment rows. A customer's file is written twice, by its message and by channel-gateway's report
 * of what became of it, in either order: both are upserts, and a later {@code PENDING} never undoes
 * a {@code STORED} or {@code FAILED} (nor a {@code FAILED} a {@code STORED}).
 */
@ApplicationScoped
@WithSession
public class AttachmentRepository implements PanacheRepositoryBase<Attachment, UUID> {

    public Uni<Attachment> findInTenant(String tenant, UUID id) {
        return find("tenant = ?1 and id = ?2", tenant, id).firstResult();
    }

    /** The files of several messages, in their order (one query for a whole conversation or page). */
    public Uni<List<Attachment>> ofMessages(String tenant, Collection<UUID> messageIds) {
        return messageIds.isEmpty() ? Uni.createFrom().item(List.of())
                : list("tenant = ?1 and messageId in ?2 order by position, createdAt, id", tenant, messageIds);
    }

    public Uni<List<Attachment>> inTenant(String tenant, Collection<UUID> ids) {
        return ids.isEmpty() ? Uni.createFrom().item(List.of()) : list("tenant = ?1 and id in ?2", tenant, ids);
    }

    /** A message's file as the message tells it: its place and metadata, its state unless a report already set one. */
    public Uni<Void> upsertFromMessage(Attachment a) {
        return execute("INSERT INTO attachment (id, tenant, ticket_id, message_id, position, file_name, declared_type, content_type, size,"
                + " sha256, status, failure_reason, kind, inline, content_id, scan_verdict, scan_signature, legacy_url, provider_reference,"
                + " uploaded_by, created_at, updated_at)"
                + " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, NULL, ?20, ?20)"
                + " ON CONFLICT (id) DO UPDATE SET ticket_id = EXCLUDED.ticket_id, message_id = EXCLUDED.message_id,"
                + " position = EXCLUDED.position, file_name = EXCLUDED.file_name, declared_type = EXCLUDED.declared_type,"
                + " kind = EXCLUDED.kind, inline = EXCLUDED.inline, content_id = EXCLUDED.content_id, legacy_url = EXCLUDED.legacy_url,"
                + " provider_reference = EXCLUDED.provider_reference,"
                // what the report said of the content stands; the message only fills in what is still unknown
                + " status = CASE WHEN attachment.status = 'PENDING' THEN EXCLUDED.status ELSE attachment.status END,"
                + " content_type = COALESCE(attachment.content_type, EXCLUDED.content_type), size = COALESCE(attachment.size, EXCLUDED.size),"
                + " sha256 = COALESCE(attachment.sha256, EXCLUDED.sha256),"
                + " failure_reason = COALESCE(attachment.failure_reason, EXCLUDED.failure_reason),"
                + " scan_verdict = COALESCE(attachment.scan_verdict, EXCLUDED.scan_verdict),"
                + " scan_signature = COALESCE(attachment.scan_signature, EXCLUDED.scan_signature), updated_at = EXCLUDED.updated_at"
                + " WHERE attachment.tenant = EXCLUDED.tenant",
                a.id, a.tenant, a.ticketId, a.messageId, a.position, a.fileName, a.declaredType, a.contentType, a.size, a.sha256,
                a.status.name(), a.failureReason, a.kind, a.inline, a.contentId, a.scanVerdict == null ? null : a.scanVerdict.name(),
                a.scanSignature, a.legacyUrl, a.providerReference, at(a.createdAt));
    }

    /**
     * channel-gateway's word on a file's content (stored or failed), before or after its message: a
     * {@code FAILED} never replaces a {@code STORED} (a late report of an earlier attempt).
     */
    public Uni<Void> upsertFromReport(Attachment a) {
        return execute("INSERT INTO attachment (id, tenant, content_type, size, sha256, status, failure_reason, scan_verdict, scan_signature,"
                + " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)"
                + " ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status,"
                + " content_type = COALESCE(EXCLUDED.content_type, attachment.content_type), size = COALESCE(EXCLUDED.size, attachment.size),"
                + " sha256 = COALESCE(EXCLUDED.sha256, attachment.sha256), failure_reason = EXCLUDED.failure_reason,"
                + " scan_verdict = COALESCE(EXCLUDED.scan_verdict, attachment.scan_verdict),"
                + " scan_signature = COALESCE(EXCLUDED.scan_signature, attachment.scan_signature), updated_at = EXCLUDED.updated_at"
                + " WHERE attachment.tenant = EXCLUDED.tenant AND NOT (attachment.status = 'STORED' AND EXCLUDED.status = 'FAILED')",
                a.id, a.tenant, a.contentType, a.size, a.sha256, a.status.name(), a.failureReason,
                a.scanVerdict == null ? null : a.scanVerdict.name(), a.scanSignature, at(a.updatedAt));
    }

    /**
     * Links uploads to the message they are sent with; answers how many were linked (fewer than asked:
     * another message took one in the meantime).
     */
    public Uni<Integer> link(String tenant, List<UUID> ids, UUID ticketId, UUID messageId, Instant at) {
        // one statement per file keeps the order the agent gave them
        Uni<Integer> linked = Uni.createFrom().item(0);
        for (int i = 0; i < ids.size(); i++) {
            int position = i;
            linked = linked.flatMap(n -> Panache.getSession().flatMap(s -> s.createNativeQuery("UPDATE attachment SET ticket_id = ?1,"
                    + " message_id = ?2, position = ?3, updated_at = ?4 WHERE tenant = ?5 AND id = ?6 AND message_id IS NULL")
                    .setParameter(1, ticketId).setParameter(2, messageId).setParameter(3, position).setParameter(4, at(at))
                    .setParameter(5, tenant).setParameter(6, ids.get(position)).executeUpdate()).map(done -> n + done));
        }
        return linked;
    }

    private static Object at(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    private static Uni<Void> execute(String sql, Object... params) {
        return Panache.getSession().flatMap(s -> {
            var q = s.createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                q.setParameter(i + 1, params[i]);
            }
            return q.executeUpdate();
        }).replaceWithVoid();
    }
}
