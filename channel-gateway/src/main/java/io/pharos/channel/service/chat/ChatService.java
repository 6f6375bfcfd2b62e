package io.pharos.channel.service.chat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.channel.api.ChatSessionRequest;
import io.pharos.channel.api.ChatSessionView;
import io.pharos.channel.domain.ChatFile;
import io.pharos.channel.domain.ChatMessage;
import io.pharos.channel.domain.ChatSession;
import io.pharos.channel.domain.Undeliverable;
import io.pharos.channel.model.ChannelAccount;
import io.pharos.channel.model.ChannelType;
import io.pharos.channel.repository.ChatRepository;
import io.pharos.channel.service.channels.Channels;
import io.pharos.channel.service.inbound.Inbound;
import io.pharos.channel.service.inbound.InboundMessages;
import io.pharos.commons.rest.ProblemException;
import io.pharos.commons.text.ControlCharacters;
import io.pharos.contracts.Channel;
import io.pharos.contracts.channel.ChannelEvents;
import io.pharos.contracts.channel.MessageReceived;
import io.pharos.contracts.channel.MessageRequested;
import io.pharos.contracts.channel.Sender;
import io.smallrye.mutiny.Uni;

/**
 * Live chat's rules. A visitor's message is stored in the session's transcript (once per client
 * message id), then published to {@code pharos.channel.inbound} like any channel's message, and
 * only then acknowledged to the widget; agents' replies arrive as delivery requests (so they are
 * ticket messages and count as responses) and are appended to the transcript and pushed. A
 * session started while no agent is online is an offline conversation: the widget asks for an
 * email and replies the visitor is not connected to read also go there, once ticket-service names
 * it as the recipient's address (it does only after the visitor verified it: a typed address is a
 * claim, and mail to it could reach somebody else).
 */
@ApplicationScoped
public class ChatService {

    public static final Duration VISITOR_TOKEN_TTL = Duration.ofHours(24);
    public static final Duration AGENT_TICKET_TTL = Duration.ofMinutes(2);
    public static final int MAX_TEXT = 5000;
    public static final int MAX_DRAFT = 1000;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern CLIENT_ID = Pattern.compile("^[A-Za-z0-9._:-]{1,64}$");

    /** What a delivered reply became: its transcript id, and whether the visitor is there to read it. */
    public record Delivered(String providerMessageId, boolean visitorConnected, String email) {
    }

    private final Channels channels;
    private final ChatRepository chats;
    private final InboundMessages inbound;
    private final ChatHub hub;

    public ChatService(Channels channels, ChatRepository chats, InboundMessages inbound, ChatHub hub) {
        this.channels = channels;
        this.chats = chats;
        this.inbound = inbound;
        this.hub = hub;
    }

    /** An enabled chat channel, or 404 (a widget pointed at the wrong id must learn it plainly). */
    public Uni<ChannelAccount> channel(String channelId) {
        return channels.get(channelId).map(c -> {
            if (c == null || !c.enabled() || c.type() != ChannelType.CHAT) {
                throw ProblemException.notFound("chat channel", channelId);
            }
            return c;
        });
    }

    /** Starts a session, or resumes the one the token names (same visitor, same conversation). */
    public Uni<ChatSessionView> open(String channelId, ChatSessionRequest request) {
        ChatSessionRequest r = request == null ? new ChatSessionRequest(null, null, null, null) : request;
        String email = blankToNull(r.email());
        if (email != null && !EMAIL.matcher(email).matches()) {
            throw ProblemException.badRequest("validation", "email is not an email address");
        }
        return channel(channelId).flatMap(channel -> chats.agentsOnline(channel.tenant()).flatMap(online -> {
            boolean offline = online == 0;
            Optional<ChatTokens.Claims> previous = ChatTokens.verify(channel.secret("webhookSecret"), r.token(), ChatTokens.Role.VISITOR,
                    channelId, Instant.now());
            Uni<ChatSession> session = previous.map(c -> chats.resume(UUID.fromString(c.subject()), blankToNull(r.name()), email,
                    blankToNull(r.language()), offline)).orElse(Uni.createFrom().nullItem())
                    .flatMap(s -> {
                        if (s != null) {
                            return Uni.createFrom().item(s);
                        }
                        ChatSession fresh = new ChatSession(UUID.randomUUID(), channel.tenant(), channelId, blankToNull(r.name()), email,
                                blankToNull(r.language()), offline);
                        return chats.createSession(fresh).replaceWith(fresh);
                    });
            return session.map(s -> {
                Instant expiresAt = Instant.now().plus(VISITOR_TOKEN_TTL);
                String token = ChatTokens.issue(channel.secret("webhookSecret"),
                        new ChatTokens.Claims(ChatTokens.Role.VISITOR, channelId, s.id().toString(), expiresAt));
                return new ChatSessionView(s.id().toString(), token, expiresAt, online > 0, s.email() != null,
                        "/chat/" + channelId + "?token=" + token);
            });
        }));
    }

    /** The session a visitor token names, or null when it is forged, expired, or of another channel. */
    public Uni<ChatSession> visitor(String channelId, String token) {
        return channels.get(channelId).flatMap(channel -> {
            if (channel == null || !channel.enabled() || channel.type() != ChannelType.CHAT) {
                return Uni.createFrom().nullItem();
            }
            return ChatTokens.verify(channel.secret("webhookSecret"), token, ChatTokens.Role.VISITOR, channelId, Instant.now())
                    .map(c -> chats.session(UUID.fromString(c.subject())))
                    .orElse(Uni.createFrom().nullItem());
        });
    }

    /** A short-lived ticket for an agent's socket: the caller must belong to the channel's tenant. */
    public Uni<Map<String, Object>> agentTicket(String channelId, String tenant, String agent) {
        return channel(channelId).map(channel -> {
            if (!channel.tenant().equals(tenant)) {
                throw ProblemException.notFound("chat channel", channelId); // another tenant's channel does not exist for you
            }
            Instant expiresAt = Instant.now().plus(AGENT_TICKET_TTL);
            String ticket = ChatTokens.issue(channel.secret("webhookSecret"),
                    new ChatTokens.Claims(ChatTokens.Role.AGENT, channelId, agent, expiresAt));
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("ticket", ticket);
            view.put("expiresAt", expiresAt);
            view.put("socket", "/chat/" + channelId + "/agent?ticket=" + ticket);
            return view;
        });
    }

    /** The agent a socket ticket names (with the channel's tenant), or null. */
    public Uni<AgentClaims> agent(String channelId, String ticket) {
        return channels.get(channelId).map(channel -> {
            if (channel == null || !channel.enabled() || channel.type() != ChannelType.CHAT) {
                return null;
            }
            return ChatTokens.verify(channel.secret("webhookSecret"), ticket, ChatTokens.Role.AGENT, channelId, Instant.now())
                    .map(c -> new AgentClaims(channel.tenant(), channelId, c.subject())).orElse(null);
        });
    }

    public record AgentClaims(String tenant, String channelId, String agent) {
    }

    /** Stores, publishes, and only then confirms a visitor's message; a resent client id is confirmed again, never duplicated. */
    public Uni<ChatMessage> visitorMessage(ChatSession session, String clientMessageId, String typed) {
        String text = ControlCharacters.strip(typed); // stored before it is published: a NUL must not reach the database
        if (clientMessageId == null || !CLIENT_ID.matcher(clientMessageId).matches()) {
            return Uni.createFrom().failure(ProblemException.badRequest("validation", "id must be 1–64 letters, digits or ._:-"));
        }
        if (text == null || text.isBlank() || text.length() > MAX_TEXT) {
            return Uni.createFrom().failure(ProblemException.badRequest("validation", "text must have 1–" + MAX_TEXT + " characters"));
        }
        return channel(session.channelId()).flatMap(channel -> chats.appendVisitorMessage(session.id(), clientMessageId, text.strip())
                .flatMap(appended -> {
                    ChatMessage m = appended.message();
                    // the session id is proven by our signed token; the email only typed: a claim until the visitor verifies it
                    Sender from = new Sender(session.name(), session.email(), null, null, null, null, null, session.id().toString(),
                            session.language(), true);
                    String providerMessageId = "chat:" + session.id() + ":" + clientMessageId;
                    MessageReceived data = MessageReceived.of(channel.id(), Channel.CHAT, providerMessageId, conversationKey(session), from,
                            m.text(), Instant.now(), m.createdAt(), List.of())
                            .withLanguage(session.language())
                            .withChat(new MessageReceived.ChatTurn(session.id().toString(), m.seq(), session.offline()));
                    return inbound.accept(channel, new Inbound<>(providerMessageId, ChannelEvents.MESSAGE_RECEIVED, conversationKey(session), data))
                            .call(r -> appended.stored() ? hub.message(session.tenant(), session.id(), m.seq()) : Uni.createFrom().voidItem())
                            .replaceWith(m);
                }));
    }

    public Uni<Void> visitorTyping(ChatSession session, String draft) {
        String d = draft == null ? "" : draft.length() > MAX_DRAFT ? draft.substring(0, MAX_DRAFT) : draft;
        return hub.visitorTyping(session.tenant(), session.id(), d);
    }

    public Uni<Void> agentTyping(AgentClaims agent, UUID sessionId, boolean typing) {
        return chats.session(sessionId).flatMap(s -> {
            if (s == null || !s.tenant().equals(agent.tenant())) {
                return Uni.createFrom().failure(ProblemException.notFound("chat session", sessionId));
            }
            return hub.agentTyping(s.tenant(), sessionId, agent.agent(), typing);
        });
    }

    public Uni<List<ChatMessage>> transcript(String tenant, UUID sessionId, int after) {
        return chats.session(sessionId).flatMap(s -> {
            if (s == null || !s.tenant().equals(tenant)) {
                return Uni.createFrom().failure(ProblemException.notFound("chat session", sessionId));
            }
            return chats.after(sessionId, after, 500);
        });
    }

    /** What a (re)connecting visitor missed: its own session, so no tenant check beyond the token's. */
    public Uni<List<ChatMessage>> visitorTranscript(UUID sessionId, int after) {
        return chats.after(sessionId, after, 1000);
    }

    /** A reply (or a receipt) for the visitor: into the transcript once per request, pushed to whoever is connected. */
    public Uni<Delivered> deliver(String tenant, MessageRequested request) {
        String visitor = request.recipient().chat() == null ? "" : request.recipient().chat();
        UUID sessionId;
        try {
            sessionId = UUID.fromString(visitor);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(new Undeliverable("the customer has no chat session"));
        }
        String sender = Boolean.TRUE.equals(request.acknowledgement()) ? "system" : "agent";
        return chats.session(sessionId).flatMap(s -> {
            if (s == null || !s.tenant().equals(tenant)) {
                return Uni.createFrom().failure(new Undeliverable("the customer has no chat session"));
            }
            return chats.appendReply(sessionId, sender, request.text(), request.requestId().toString(), files(request))
                    .call(a -> a.stored() ? hub.message(tenant, sessionId, a.message().seq()) : Uni.createFrom().voidItem())
                    .flatMap(a -> chats.visitorConnected(sessionId).map(connected -> new Delivered(
                            "chat:" + sessionId + ":" + a.message().seq(), connected, request.recipient().email())));
        });
    }

    /** The files of an agent's reply, as the transcript keeps them (the visitor gets signed links to them). */
    private static List<ChatFile> files(MessageRequested request) {
        return request.attachments() == null ? List.of()
                : request.attachments().stream().map(a -> new ChatFile(a.id(), a.fileName(), a.contentType(), a.size())).toList();
    }

    public static String conversationKey(ChatSession session) {
        return "chat:" + session.id();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
