package io.pharos.channel.service.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class ChatTokensTest {

    static final Instant NOW = Instant.parse("2026-03-09T10:00:00Z");
    static final ChatTokens.Claims VISITOR = new ChatTokens.Claims(ChatTokens.Role.VISITOR, "acme-chat",
            "0b6c8d7e-3f55-4c1e-9a43-5d2b1f0a9e11", NOW.plusSeconds(3600));

    @Test
    void anIssuedTokenVerifiesWithItsClaims() {
        String token = ChatTokens.issue("acme-chat-secret", VISITOR);
        assertThat(ChatTokens.verify("acme-chat-secret", token, ChatTokens.Role.VISITOR, "acme-chat", NOW)).contains(VISITOR);
    }

    @Test
    void anotherSecretAnAlteredPayloadOrSignatureIsRefused() {
        String token = ChatTokens.issue("acme-chat-secret", VISITOR);
        assertThat(ChatTokens.verify("rotated-secret", token, ChatTokens.Role.VISITOR, "acme-chat", NOW)).isEmpty();
        String forged = ChatTokens.issue("acme-chat-secret",
                new ChatTokens.Claims(ChatTokens.Role.VISITOR, "acme-chat", "someone-else", NOW.plusSeconds(3600)));
        String spliced = forged.substring(0, forged.indexOf('.')) + token.substring(token.indexOf('.'));
        assertThat(ChatTokens.verify("acme-chat-secret", spliced, ChatTokens.Role.VISITOR, "acme-chat", NOW)).isEmpty();
        assertThat(ChatTokens.verify("acme-chat-secret", token + "x", ChatTokens.Role.VISITOR, "acme-chat", NOW)).isEmpty();
        assertThat(ChatTokens.verify("acme-chat-secret", "garbage", ChatTokens.Role.VISITOR, "acme-chat", NOW)).isEmpty();
        assertThat(ChatTokens.verify("acme-chat-secret", null, ChatTokens.Role.VISITOR, "acme-chat", NOW)).isEmpty();
    }

    @Test
    void aTokenOnlyOpensItsOwnRoleAndChannelUntilItExpires() {
        String token = ChatTokens.issue("acme-chat-secret", VISITOR);
        assertThat(ChatTokens.verify("acme-chat-secret", token, ChatTokens.Role.AGENT, "acme-chat", NOW)).isEmpty();
        assertThat(ChatTokens.verify("acme-chat-secret", token, ChatTokens.Role.VISITOR, "acme-chat-2", NOW)).isEmpty();
        assertThat(ChatTokens.verify("acme-chat-secret", token, ChatTokens.Role.VISITOR, "acme-chat", NOW.plusSeconds(3599))).isPresent();
        assertThat(ChatTokens.verify("acme-chat-secret", token, ChatTokens.Role.VISITOR, "acme-chat", NOW.plusSeconds(3600))).isEmpty();
    }
}
