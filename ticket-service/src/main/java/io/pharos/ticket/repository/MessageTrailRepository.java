package io.pharos.ticket.repository;

import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.ticket.domain.Attachment;
import io.pharos.ticket.domain.AuthorKind;
import io.pharos.ticket.domain.DeliveryStatus;
import io.pharos.ticket.domain.DeliveryStep;
import io.pharos.ticket.domain.MessageReaction;
import io.pharos.ticket.domain.MessageRevision;
import io.pharos.ticket.domain.MessageTrail;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Delivery steps, revisions, reactions and files of messages: one query each for a whole conversation (or several). */
@ApplicationScoped
@WithSession
public class MessageTrailRepository {

    /**
     * A lifecycle's order: PENDING (written by Pharos) first, then by the provider's time; steps in the
     * same second (provider times are often whole seconds) in lifecycle order.
     */
    static final Comparator<DeliveryStep> STEP_ORDER = Comparator.<DeliveryStep, Boolean> comparing(x -> x.status != DeliveryStatus.PENDING)
            .thenComparing(x -> x.at.truncatedTo(ChronoUnit.SECONDS)).thenComparing(x -> x.status.ordinal()).thenComparing(x -> x.at);

    public Uni<Map<UUID, MessageTrail>> of(String tenant, Collection<UUID> messageIds) {
        if (messageIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        // one after the other: the queries share the session
        return list(DeliveryStep.class, "from DeliveryStep where tenant = ?1 and messageId in ?2 order by at, id", tenant, messageIds)
                .flatMap(steps -> list(MessageRevision.class,
                        "from MessageRevision where tenant = ?1 and messageId in ?2 order by replacedAt, id", tenant, messageIds)
                        .flatMap(revisions -> list(MessageReaction.class,
                                "from MessageReaction where tenant = ?1 and messageId in ?2 order by at", tenant, messageIds)
                                .flatMap(reactions -> list(Attachment.class,
                                        "from Attachment where tenant = ?1 and messageId in ?2 order by position, createdAt, id", tenant,
                                        messageIds).map(files -> {
                                    Map<UUID, List<DeliveryStep>> s = group(steps.stream().sorted(STEP_ORDER).toList(), x -> x.messageId);
                                    Map<UUID, List<MessageRevision>> r = group(revisions, x -> x.messageId);
                                    Map<UUID, List<MessageReaction>> e = group(reactions, x -> x.messageId);
                                    Map<UUID, List<Attachment>> f = group(files, x -> x.messageId);
                                    Map<UUID, MessageTrail> trails = new HashMap<>();
                                    for (UUID id : messageIds) {
                                        trails.put(id, new MessageTrail(s.getOrDefault(id, List.of()), r.getOrDefault(id, List.of()),
                                                e.getOrDefault(id, List.of()), f.getOrDefault(id, List.of())));
                                    }
                                    return trails;
                                }))));
    }

    public Uni<List<DeliveryStep>> steps(String tenant, UUID messageId) {
        return list(DeliveryStep.class, "from DeliveryStep where tenant = ?1 and messageId = ?2 order by at, id", tenant, messageId);
    }

    public Uni<MessageReaction> reaction(UUID messageId, AuthorKind kind, String authorId) {
        return Panache.getSession().flatMap(s -> s.find(MessageReaction.class, new MessageReaction.Key(messageId, kind, authorId)));
    }

    /** Adds a step, revision or reaction to the session (flushed with the transaction, after the message it names). */
    public Uni<Void> add(Object row) {
        return Panache.getSession().flatMap(s -> s.persist(row));
    }

    public Uni<Void> remove(Object row) {
        return Panache.getSession().flatMap(s -> s.remove(row));
    }

    private static <T> Uni<List<T>> list(Class<T> type, String hql, Object... params) {
        return Panache.getSession().flatMap(s -> {
            var q = s.createSelectionQuery(hql, type);
            for (int i = 0; i < params.length; i++) {
                q.setParameter(i + 1, params[i]);
            }
            return q.getResultList();
        });
    }

    private static <T> Map<UUID, List<T>> group(List<T> rows, Function<T, UUID> key) {
        return rows.stream().collect(Collectors.groupingBy(key));
    }
}
