package io.pharos.channel.service.chat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.attachments.AttachmentLinks;
import io.pharos.channel.domain.ChatMessage;
import io.pharos.channel.domain.ChatSession;
import io.pharos.channel.repository.ChatRepository;
import io.pharos.commons.messaging.PgNotifications;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The open chat sockets of this replica, and the fan-out between replicas: every change (a
 * message stored, someone typing) is a PostgreSQL {@code NOTIFY pharos_chat}, and every replica
 * pushes it to the sockets it holds. A visitor on one replica and an agent on another see each
 * other live, and the delivery consumer can run anywhere.
 */
@ApplicationScoped
public class ChatHub {

    private static final Logger LOG = Logger.getLogger(ChatHub.class);
    static final String CHANNEL = "pharos_chat";

    public record VisitorSocket(UUID connectionId, UUID sessionId, String tenant, ServerWebSocket socket) {
    }

    public record AgentSocket(UUID connectionId, String tenant, String agent, ServerWebSocket socket) {
    }

    private final Map<UUID, Set<VisitorSocket>> visitors = new ConcurrentHashMap<>();
    private final Map<String, Set<AgentSocket>> agents = new ConcurrentHashMap<>();
    private final ChatRepository chats;
    private final Pool pool;
    private final ObjectMapper json;
    private final AttachmentLinks links;
    private PgSubscriber subscriber;

    public ChatHub(ChatRepository chats, Pool pool, ObjectMapper json, AttachmentLinks links) {
        this.chats = chats;
        this.pool = pool;
        this.json = json;
        this.links = links;
    }

    void start(@Observes StartupEvent ignored, io.vertx.mutiny.core.Vertx vertx,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") String password) {
        subscriber = PgNotifications.listenToPayloads(vertx, url, user, password, this::dispatch, CHANNEL);
    }

    void stop(@Observes ShutdownEvent ignored) {
        if (subscriber != null) {
            subscriber.close().await().atMost(Duration.ofSeconds(5));
        }
    }

    // ------------------------------------------------------------------ sockets of this replica

    public Uni<Void> add(VisitorSocket s, String channelId) {
        visitors.computeIfAbsent(s.sessionId(), k -> ConcurrentHashMap.newKeySet()).add(s);
        return chats.connected(s.connectionId(), s.tenant(), channelId, "visitor", s.sessionId().toString());
    }

    public Uni<Void> remove(VisitorSocket s) {
        visitors.computeIfPresent(s.sessionId(), (k, set) -> {
            set.remove(s);
            return set.isEmpty() ? null : set;
        });
        return chats.disconnected(s.connectionId());
    }

    public Uni<Void> add(AgentSocket s, String channelId) {
        agents.computeIfAbsent(s.tenant(), k -> ConcurrentHashMap.newKeySet()).add(s);
        return chats.connected(s.connectionId(), s.tenant(), channelId, "agent", s.agent());
    }

    public Uni<Void> remove(AgentSocket s) {
        agents.computeIfPresent(s.tenant(), (k, set) -> {
            set.remove(s);
            return set.isEmpty() ? null : set;
        });
        return chats.disconnected(s.connectionId());
    }

    /** Keeps this replica's sockets counted as connected, and stops counting those of replicas that died. */
    @Scheduled(every = "${pharos.chat.heartbeat:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> heartbeat() {
        List<UUID> ids = new ArrayList<>();
        visitors.values().forEach(set -> set.forEach(s -> ids.add(s.connectionId())));
        agents.values().forEach(set -> set.forEach(s -> ids.add(s.connectionId())));
        return chats.heartbeat(ids).onFailure().invoke(e -> LOG.warnf("chat presence heartbeat failed: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }

    // ------------------------------------------------------------------ signals between replicas

    public Uni<Void> message(String tenant, UUID sessionId, int seq) {
        return signal(Map.of("k", "message", "t", tenant, "s", sessionId.toString(), "q", seq));
    }

    public Uni<Void> visitorTyping(String tenant, UUID sessionId, String draft) {
        return signal(Map.of("k", "visitor-typing", "t", tenant, "s", sessionId.toString(), "d", draft));
    }

    public Uni<Void> agentTyping(String tenant, UUID sessionId, String agent, boolean typing) {
        return signal(Map.of("k", "agent-typing", "t", tenant, "s", sessionId.toString(), "a", agent, "y", typing));
    }

    private Uni<Void> signal(Map<String, Object> signal) {
        String payload;
        try {
            payload = json.writeValueAsString(signal);
        } catch (Exception e) {
            return Uni.createFrom().failure(e);
        }
        return pool.preparedQuery("SELECT pg_notify($1, $2)").execute(Tuple.of(CHANNEL, payload)).replaceWithVoid();
    }

    void dispatch(String payload) {
        JsonNode signal;
        try {
            signal = json.readTree(payload);
        } catch (Exception e) {
            LOG.warnf("unreadable chat signal %s", payload);
            return;
        }
        String tenant = signal.path("t").asText();
        UUID sessionId = UUID.fromString(signal.path("s").asText());
        Set<VisitorSocket> sessionSockets = visitors.getOrDefault(sessionId, Set.of());
        Set<AgentSocket> tenantAgents = agents.getOrDefault(tenant, Set.of());
        switch (signal.path("k").asText()) {
            case "visitor-typing" -> {
                Map<String, Object> frame = frame("typing", "sessionId", sessionId.toString(), "draft", signal.path("d").asText());
                tenantAgents.forEach(a -> send(a.socket(), frame));
            }
            case "agent-typing" -> {
                Map<String, Object> frame = frame("typing", "from", "agent", "typing", signal.path("y").asBoolean());
                sessionSockets.forEach(v -> send(v.socket(), frame));
                Map<String, Object> colleagues = frame("typing", "sessionId", sessionId.toString(), "agent", signal.path("a").asText(),
                        "typing", signal.path("y").asBoolean());
                tenantAgents.forEach(a -> send(a.socket(), colleagues));
            }
            case "message" -> {
                if (sessionSockets.isEmpty() && tenantAgents.isEmpty()) {
                    return; // nobody here to tell
                }
                chats.message(sessionId, signal.path("q").asInt()).flatMap(m -> chats.session(sessionId).map(s -> {
                    if (m != null) {
                        sessionSockets.forEach(v -> send(v.socket(), visitorFrame(m)));
                        tenantAgents.forEach(a -> send(a.socket(), agentFrame(s, m)));
                    }
                    return m;
                })).subscribe().with(m -> {
                }, e -> LOG.warnf("could not push chat message %s/%s: %s", sessionId, signal.path("q").asInt(), e.getMessage()));
            }
            default -> LOG.debugf("unknown chat signal %s", payload);
        }
    }

    // ------------------------------------------------------------------ frames

    public Map<String, Object> visitorFrame(ChatMessage m) {
        Map<String, Object> f = frame("message", "seq", m.seq(), "from", m.sender(), "text", m.text(), "at", m.createdAt().toString());
        if (m.clientMessageId() != null) {
            f.put("id", m.clientMessageId());
        }
        addFiles(f, m);
        return f;
    }

    public Map<String, Object> agentFrame(ChatSession s, ChatMessage m) {
        Map<String, Object> f = frame("message", "sessionId", m.sessionId().toString(), "seq", m.seq(), "from", m.sender(), "text", m.text(),
                "at", m.createdAt().toString());
        addFiles(f, m);
        if (s != null) {
            Map<String, Object> visitor = new LinkedHashMap<>();
            visitor.put("name", s.name());
            visitor.put("email", s.email());
            f.put("visitor", visitor);
            f.put("channelId", s.channelId());
        }
        return f;
    }

    /**
     * The files of a reply as {@code files: [{name, type, size, url}]}, each link signed now (short-lived, served by
     * ticket-service without a token): a transcript replayed later gets fresh links, none that expired in it.
     */
    private void addFiles(Map<String, Object> frame, ChatMessage m) {
        if (m.files() == null || m.files().isEmpty()) {
            return;
        }
        frame.put("files", m.files().stream().map(file -> {
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("name", file.name());
            shown.put("type", file.type());
            shown.put("size", file.size());
            shown.put("url", links.downloadUrl(file.id()));
            return shown;
        }).toList());
    }

    public static Map<String, Object> frame(String type, Object... pairs) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("type", type);
        for (int i = 0; i < pairs.length; i += 2) {
            f.put((String) pairs[i], pairs[i + 1]);
        }
        return f;
    }

    public void send(ServerWebSocket socket, Map<String, Object> frame) {
        if (socket.isClosed()) {
            return;
        }
        try {
            socket.writeTextMessage(json.writeValueAsString(frame));
        } catch (Exception e) {
            LOG.debugf("could not write to a chat socket: %s", e.getMessage());
        }
    }
}
