package io.pharos.survey.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class SurveyTokensTest {

    final SurveyTokens tokens = new SurveyTokens("a-test-secret-that-is-long-enough-123");
    final UUID invitation = UUID.randomUUID();
    final Instant expiry = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void anIssuedTokenNamesItsInvitationAndExpiry() {
        String token = tokens.issue(invitation, expiry);
        assertThat(token).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
        assertThat(tokens.verify(token)).contains(new SurveyTokens.Claims(invitation, expiry));
    }

    @Test
    void anyChangeOrAnotherKeyIsRejected() {
        String token = tokens.issue(invitation, expiry);
        String other = tokens.issue(UUID.randomUUID(), expiry);
        // someone else's payload with this signature, a flipped character, truncation, garbage
        assertThat(tokens.verify(other.substring(0, other.indexOf('.')) + token.substring(token.indexOf('.')))).isEmpty();
        char last = token.charAt(token.length() - 1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char flipped = alphabet.charAt(alphabet.indexOf(last) ^ 32); // a bit that carries data
        assertThat(tokens.verify(token.substring(0, token.length() - 1) + flipped)).isEmpty();
        assertThat(tokens.verify(token.substring(0, token.length() - 5))).isEmpty();
        // the same signature bytes spelled differently (a spare bit of the last base64url character): refused too
        char spare = alphabet.charAt(alphabet.indexOf(last) ^ 1);
        assertThat(tokens.verify(token.substring(0, token.length() - 1) + spare)).isEmpty();
        assertThat(tokens.verify("not-a-token")).isEmpty();
        assertThat(tokens.verify("!!.??")).isEmpty();
        assertThat(tokens.verify(null)).isEmpty();
        assertThat(new SurveyTokens("another-secret-that-is-long-enough-456").verify(token)).isEmpty();
    }

    @Test
    void aShortSecretIsRefusedAtStart() {
        assertThatThrownBy(() -> new SurveyTokens("short")).isInstanceOf(IllegalStateException.class);
    }
}
