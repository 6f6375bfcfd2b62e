package io.pharos.channel.rest;

import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.channel.domain.ChatMessage;
import io.pharos.channel.domain.ChatSession;
import io.pharos.channel.service.chat.ChatHub;
import io.pharos.channel.service.chat.ChatService;
import io.pharos.commons.rest.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The chat sockets, on the service's HTTP port: {@code /chat/{channelId}?token=…&after=N} for
 * visitors (token from {@code POST /api/v1/chat/{channelId}/sessions}; everything after message
 * N is replayed first) and {@code /chat/{channelId}/agent?ticket=…} for agents (ticket from
 * {@code POST /api/v1/chat/{channelId}/agent-tickets}). The upgrade is refused with a 401
 * problem before any socket exists when the credential does not hold.
 * <p>
 * Frames are JSON. Visitor → server: {@code {type: message, id, text}}, {@code {type: typing, draft}}.
 * Server → visitor: {@code message} (seq, from visitor|agent|system, text, at, id), {@code ack}
 * (id, seq — sent once the message is in Kafka), {@code typing} (from agent), {@code ready},
 * {@code error} (id, code, message). Agent → server: {@code {type: typing, sessionId, typing}},
 * {@code {type: history, sessionId, after}}. Server → agent: {@code message}, {@code typing}
 * (sessionId, draft: what the visitor is typing), {@code history}, {@code error}.
 * <p>
 * Built on the Vert.x router under Quarkus's HTTP server: quarkus-websockets-next is not served
 * at this platform version here (see the README).
 */
@ApplicationScoped
public class ChatSockets {

    private static final Logger LOG = Logger.getLogger(ChatSockets.class);

    private final ChatService chat;
    private final ChatHub hub;
    private final ObjectMapper json;

    public ChatSockets(ChatService chat, ChatHub hub, ObjectMapper json) {
        this.chat = chat;
        this.hub = hub;
        this.json = json;
    }

    void routes(@Observes Router router) {
        router.get("/chat/:channelId").handler(this::visitor);
        router.get("/chat/:channelId/agent").handler(this::agent);
    }

    // ------------------------------------------------------------------ visitors

    private void visitor(RoutingContext ctx) {
        if (!upgrade(ctx)) {
            return;
        }
        String channelId = ctx.pathParam("channelId");
        int after;
        try {
            after = Math.max(0, Integer.parseInt(ctx.queryParam("after").stream().findFirst().orElse("0")));
        } catch (NumberFormatException e) {
            refuse(ctx, 400, "validation", "after must be a message number");
            return;
        }
        ctx.request().pause();
        chat.visitor(channelId, ctx.queryParam("token").stream().findFirst().orElse(null)).subscribe().with(session -> {
            if (session == null) {
                refuse(ctx, 401, "invalid-token", "The visitor token is missing, altered, expired or of another channel.");
                return;
            }
            ctx.request().toWebSocket().onSuccess(ws -> openVisitor(ws, session, after))
                    .onFailure(e -> LOG.debugf("visitor upgrade failed: %s", e.getMessage()));
        }, e -> refuse(ctx, 503, "unavailable", "Chat is unavailable, try again shortly."));
    }

    private void openVisitor(ServerWebSocket ws, ChatSession session, int after) {
        ChatHub.VisitorSocket socket = new ChatHub.VisitorSocket(UUID.randomUUID(), session.id(), session.tenant(), ws);
        ws.textMessageHandler(text -> onVisitorFrame(socket, session, text));
        ws.closeHandler(v -> hub.remove(socket).subscribe().with(x -> {
        }, e -> LOG.debugf("presence not cleared: %s", e.getMessage())));
        // registered before the replay: what arrives meanwhile may come twice, never not at all (the widget keys by seq)
        hub.add(socket, session.channelId())
                .flatMap(v -> replay(ws, session.id(), after))
                .subscribe().with(last -> hub.send(ws, ChatHub.frame("ready", "sessionId", session.id().toString(), "lastSeq", last)),
                        e -> ws.close((short) 1011, "unavailable"));
    }

    private Uni<Integer> replay(ServerWebSocket ws, UUID sessionId, int after) {
        return chatsAfter(sessionId, after).map(list -> {
            list.forEach(m -> hub.send(ws, hub.visitorFrame(m)));
            return list.isEmpty() ? after : list.get(list.size() - 1).seq();
        });
    }

    private Uni<java.util.List<ChatMessage>> chatsAfter(UUID sessionId, int after) {
        return chat.visitorTranscript(sessionId, after);
    }

    private void onVisitorFrame(ChatHub.VisitorSocket socket, ChatSession session, String text) {
        JsonNode frame = read(socket.socket(), text);
        if (frame == null) {
            return;
        }
        String id = frame.path("id").isTextual() ? frame.path("id").asText() : null;
        Uni<Void> done = switch (frame.path("type").asText()) {
            case "message" -> chat.visitorMessage(session, id, frame.path("text").isTextual() ? frame.path("text").asText() : null)
                    .invoke(m -> hub.send(socket.socket(), ChatHub.frame("ack", "id", id, "seq", m.seq()))).replaceWithVoid();
            case "typing" -> chat.visitorTyping(session, frame.path("draft").asText(""));
            default -> Uni.createFrom().failure(ProblemException.badRequest("validation", "type must be message or typing"));
        };
        done.subscribe().with(v -> {
        }, e -> error(socket.socket(), id, e));
    }

    // ------------------------------------------------------------------ agents

    private void agent(RoutingContext ctx) {
        if (!upgrade(ctx)) {
            return;
        }
        ctx.request().pause();
        chat.agent(ctx.pathParam("channelId"), ctx.queryParam("ticket").stream().findFirst().orElse(null)).subscribe().with(agent -> {
            if (agent == null) {
                refuse(ctx, 401, "invalid-token", "The agent ticket is missing, altered, expired or of another channel.");
                return;
            }
            ctx.request().toWebSocket().onSuccess(ws -> {
                ChatHub.AgentSocket socket = new ChatHub.AgentSocket(UUID.randomUUID(), agent.tenant(), agent.agent(), ws);
                ws.textMessageHandler(text -> onAgentFrame(socket, agent, text));
                ws.closeHandler(v -> hub.remove(socket).subscribe().with(x -> {
                }, e -> LOG.debugf("presence not cleared: %s", e.getMessage())));
                hub.add(socket, agent.channelId()).subscribe().with(
                        v -> hub.send(ws, ChatHub.frame("ready", "agent", agent.agent())), e -> ws.close((short) 1011, "unavailable"));
            });
        }, e -> refuse(ctx, 503, "unavailable", "Chat is unavailable, try again shortly."));
    }

    private void onAgentFrame(ChatHub.AgentSocket socket, ChatService.AgentClaims agent, String text) {
        JsonNode frame = read(socket.socket(), text);
        if (frame == null) {
            return;
        }
        UUID sessionId;
        try {
            sessionId = UUID.fromString(frame.path("sessionId").asText());
        } catch (IllegalArgumentException e) {
            error(socket.socket(), null, ProblemException.badRequest("validation", "sessionId must be a chat session id"));
            return;
        }
        Uni<Void> done = switch (frame.path("type").asText()) {
            case "typing" -> chat.agentTyping(agent, sessionId, frame.path("typing").asBoolean(true));
            case "history" -> chat.transcript(agent.tenant(), sessionId, Math.max(0, frame.path("after").asInt(0)))
                    .invoke(list -> hub.send(socket.socket(), ChatHub.frame("history", "sessionId", sessionId.toString(), "messages",
                            list.stream().map(m -> hub.agentFrame(null, m)).toList())))
                    .replaceWithVoid();
            default -> Uni.createFrom().failure(ProblemException.badRequest("validation", "type must be typing or history"));
        };
        done.subscribe().with(v -> {
        }, e -> error(socket.socket(), null, e));
    }

    // ------------------------------------------------------------------ helpers

    private boolean upgrade(RoutingContext ctx) {
        if (!"websocket".equalsIgnoreCase(ctx.request().getHeader("Upgrade"))) {
            refuse(ctx, 426, "upgrade-required", "This is a WebSocket endpoint.");
            return false;
        }
        return true;
    }

    private void refuse(RoutingContext ctx, int status, String kind, String detail) {
        if (ctx.response().ended()) {
            return;
        }
        Map<String, Object> problem = Map.of("type", "urn:pharos:problem:" + kind, "title", kind, "status", status, "detail", detail);
        try {
            ctx.response().setStatusCode(status).putHeader("Content-Type", "application/problem+json").end(json.writeValueAsString(problem));
        } catch (Exception e) {
            ctx.response().setStatusCode(status).end();
        }
    }

    private JsonNode read(ServerWebSocket ws, String text) {
        try {
            JsonNode frame = json.readTree(text);
            if (frame != null && frame.isObject()) {
                return frame;
            }
        } catch (Exception ignored) {
            // answered below
        }
        hub.send(ws, ChatHub.frame("error", "code", "malformed-json", "message", "A frame must be a JSON object."));
        return null;
    }

    private void error(ServerWebSocket ws, String id, Throwable e) {
        if (e instanceof ProblemException p) {
            hub.send(ws, ChatHub.frame("error", "id", id, "code", p.kind(), "message", p.getMessage()));
        } else {
            LOG.warnf("chat frame failed: %s", e.toString());
            hub.send(ws, ChatHub.frame("error", "id", id, "code", "unavailable", "message", "Not sent; please send it again."));
        }
    }
}
