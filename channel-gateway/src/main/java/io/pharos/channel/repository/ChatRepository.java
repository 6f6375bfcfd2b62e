package io.pharos.channel.repository;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.channel.domain.ChatFile;
import io.pharos.channel.domain.ChatMessage;
import io.pharos.channel.domain.ChatSession;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Chat sessions, transcripts and presence. Plain SQL on the reactive pool: numbering a
 * session's messages is one {@code UPDATE … RETURNING} and the chat path never needs an entity graph.
 */
@ApplicationScoped
public class ChatRepository {

    /** Sockets whose heartbeat is older than this no longer count as connected (a replica that died). */
    public static final Duration PRESENCE_TTL = Duration.ofSeconds(90);

    /** A stored message and whether this call stored it (false: the same client id or request id was stored before). */
    public record Appended(ChatMessage message, boolean stored) {
    }

    private final Pool pool;
    private final ObjectMapper json;

    public ChatRepository(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    public Uni<Void> createSession(ChatSession s) {
        OffsetDateTime now = now();
        return pool.preparedQuery("INSERT INTO chat_session (id, tenant, channel_id, name, email, language, offline, created_at, updated_at)"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)")
                .execute(Tuple.tuple(List.of(s.id(), s.tenant(), s.channelId())).addValue(s.name()).addValue(s.email())
                        .addValue(s.language()).addValue(s.offline()).addValue(now))
                .replaceWithVoid();
    }

    /** A returning visitor may tell us more (a name, an email) than the first time; nothing is erased. */
    public Uni<ChatSession> resume(UUID id, String name, String email, String language, boolean offline) {
        return pool.preparedQuery("UPDATE chat_session SET name = coalesce($2, name), email = coalesce($3, email),"
                + " language = coalesce($4, language), offline = $5, updated_at = $6 WHERE id = $1"
                + " RETURNING id, tenant, channel_id, name, email, language, offline")
                .execute(Tuple.of(id, name, email, language, offline, now()))
                .map(rows -> rows.size() == 0 ? null : session(rows.iterator().next()));
    }

    public Uni<ChatSession> session(UUID id) {
        return pool.preparedQuery("SELECT id, tenant, channel_id, name, email, language, offline FROM chat_session WHERE id = $1")
                .execute(Tuple.of(id)).map(rows -> rows.size() == 0 ? null : session(rows.iterator().next()));
    }

    /** Stores a visitor's message once per client message id, numbered after everything before it. */
    public Uni<Appended> appendVisitorMessage(UUID sessionId, String clientMessageId, String text) {
        return pool.withTransaction(c -> c.preparedQuery("SELECT " + MESSAGE_COLUMNS + " FROM chat_message WHERE session_id = $1 AND client_message_id = $2")
                .execute(Tuple.of(sessionId, clientMessageId))
                .flatMap(rows -> rows.size() > 0 ? Uni.createFrom().item(new Appended(message(rows.iterator().next()), false))
                        : insert(c, sessionId, "visitor", text, clientMessageId, null).map(m -> new Appended(m, true))));
    }

    /** Stores an agent's reply (or a system notice) once per delivery request. */
    public Uni<Appended> appendReply(UUID sessionId, String sender, String text, String requestId) {
        return appendReply(sessionId, sender, text, requestId, List.of());
    }

    /** Stores an agent's reply with the files it carries, once per delivery request. */
    public Uni<Appended> appendReply(UUID sessionId, String sender, String text, String requestId, List<ChatFile> files) {
        return pool.withTransaction(c -> c.preparedQuery("SELECT " + MESSAGE_COLUMNS + " FROM chat_message WHERE request_id = $1")
                .execute(Tuple.of(requestId))
                .flatMap(rows -> rows.size() > 0 ? Uni.createFrom().item(new Appended(message(rows.iterator().next()), false))
                        : insert(c, sessionId, sender, text, null, requestId, files).map(m -> new Appended(m, true))));
    }

    private Uni<ChatMessage> insert(SqlConnection c, UUID sessionId, String sender, String text, String clientMessageId, String requestId) {
        return insert(c, sessionId, sender, text, clientMessageId, requestId, List.of());
    }

    private Uni<ChatMessage> insert(SqlConnection c, UUID sessionId, String sender, String text, String clientMessageId, String requestId,
            List<ChatFile> files) {
        OffsetDateTime now = now();
        // the row lock on the session serialises numbering between replicas
        return c.preparedQuery("UPDATE chat_session SET last_seq = last_seq + 1, updated_at = $2 WHERE id = $1 RETURNING last_seq")
                .execute(Tuple.of(sessionId, now))
                .flatMap(rows -> {
                    int seq = rows.iterator().next().getInteger("last_seq");
                    return c.preparedQuery("INSERT INTO chat_message (session_id, seq, sender, text, client_message_id, request_id, created_at,"
                            + " files) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
                            .execute(Tuple.tuple(List.of(sessionId, seq, sender, text)).addValue(clientMessageId).addValue(requestId).addValue(now)
                                    .addValue(files.isEmpty() ? null : write(files)))
                            .map(ignored -> new ChatMessage(sessionId, seq, sender, text, clientMessageId, now.toInstant(), files));
                });
    }

    public Uni<List<ChatMessage>> after(UUID sessionId, int afterSeq, int limit) {
        return pool.preparedQuery("SELECT " + MESSAGE_COLUMNS + " FROM chat_message WHERE session_id = $1 AND seq > $2 ORDER BY seq LIMIT $3")
                .execute(Tuple.of(sessionId, afterSeq, limit)).map(rows -> {
                    List<ChatMessage> list = new ArrayList<>();
                    rows.forEach(r -> list.add(message(r)));
                    return list;
                });
    }

    public Uni<ChatMessage> message(UUID sessionId, int seq) {
        return pool.preparedQuery("SELECT " + MESSAGE_COLUMNS + " FROM chat_message WHERE session_id = $1 AND seq = $2")
                .execute(Tuple.of(sessionId, seq)).map(rows -> rows.size() == 0 ? null : message(rows.iterator().next()));
    }

    // ------------------------------------------------------------------ presence

    public Uni<Void> connected(UUID connectionId, String tenant, String channelId, String role, String subject) {
        return pool.preparedQuery("INSERT INTO chat_presence (connection_id, tenant, channel_id, role, subject, seen_at) VALUES ($1, $2, $3, $4, $5, $6)")
                .execute(Tuple.of(connectionId, tenant, channelId, role, subject, now())).replaceWithVoid();
    }

    public Uni<Void> disconnected(UUID connectionId) {
        return pool.preparedQuery("DELETE FROM chat_presence WHERE connection_id = $1").execute(Tuple.of(connectionId)).replaceWithVoid();
    }

    /** Refreshes this replica's sockets and forgets the ones nobody refreshed (their replica is gone). */
    public Uni<Void> heartbeat(List<UUID> connectionIds) {
        OffsetDateTime now = now();
        Uni<Void> refreshed = connectionIds.isEmpty() ? Uni.createFrom().voidItem()
                : pool.preparedQuery("UPDATE chat_presence SET seen_at = $1 WHERE connection_id = ANY($2)")
                        .execute(Tuple.of(now, connectionIds.toArray(UUID[]::new))).replaceWithVoid();
        return refreshed.flatMap(v -> pool.preparedQuery("DELETE FROM chat_presence WHERE seen_at < $1")
                .execute(Tuple.of(now.minus(PRESENCE_TTL))).replaceWithVoid());
    }

    public Uni<Integer> agentsOnline(String tenant) {
        return pool.preparedQuery("SELECT count(DISTINCT subject) AS n FROM chat_presence WHERE tenant = $1 AND role = 'agent' AND seen_at >= $2")
                .execute(Tuple.of(tenant, now().minus(PRESENCE_TTL))).map(rows -> rows.iterator().next().getInteger("n"));
    }

    public Uni<Boolean> visitorConnected(UUID sessionId) {
        return pool.preparedQuery("SELECT 1 FROM chat_presence WHERE role = 'visitor' AND subject = $1 AND seen_at >= $2 LIMIT 1")
                .execute(Tuple.of(sessionId.toString(), now().minus(PRESENCE_TTL))).map(rows -> rows.size() > 0);
    }

    private static final String MESSAGE_COLUMNS = "session_id, seq, sender, text, client_message_id, created_at, files";

    private static ChatSession session(Row r) {
        return new ChatSession(r.getUUID("id"), r.getString("tenant"), r.getString("channel_id"), r.getString("name"), r.getString("email"),
                r.getString("language"), r.getBoolean("offline"));
    }

    private ChatMessage message(Row r) {
        return new ChatMessage(r.getUUID("session_id"), r.getInteger("seq"), r.getString("sender"), r.getString("text"),
                r.getString("client_message_id"), r.getOffsetDateTime("created_at").toInstant(), files(r.getString("files")));
    }

    private String write(List<ChatFile> files) {
        try {
            return json.writeValueAsString(files);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<ChatFile> files(String column) {
        if (column == null) {
            return List.of();
        }
        try {
            return List.of(json.readValue(column, ChatFile[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable files of a chat message", e);
        }
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
