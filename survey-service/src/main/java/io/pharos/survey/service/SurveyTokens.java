package io.pharos.survey.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.pharos.commons.security.SignedLinks;

/**
 * The links in survey invitations (commons {@link SignedLinks}). Customers hold no account; the link
 * itself is the credential, so it is signed, names exactly one invitation and expires.
 */
@ApplicationScoped
public class SurveyTokens {

    public record Claims(UUID invitationId, Instant expiresAt) {
    }

    private final SignedLinks links;

    public SurveyTokens(@ConfigProperty(name = "pharos.survey.token-secret") String secret) {
        if (secret.length() < 32) {
            throw new IllegalStateException("pharos.survey.token-secret must have at least 32 characters");
        }
        this.links = new SignedLinks(secret.getBytes(StandardCharsets.UTF_8));
    }

    public String issue(UUID invitationId, Instant expiresAt) {
        return links.issue(invitationId, expiresAt);
    }

    /** The claims of an authentic token, or empty for anything forged, altered or malformed (expiry is the caller's call). */
    public Optional<Claims> verify(String token) {
        return links.verify(token).map(c -> new Claims(c.id(), c.expiresAt()));
    }
}
