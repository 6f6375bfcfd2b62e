package io.pharos.ticket.service.customer;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.pharos.commons.security.SignedLinks;

/**
 * The links that verify a claimed address (commons {@link SignedLinks}).
 * The visitor holds no account; the link, mailed to the claimed address, is the proof that they read
 * that mailbox. It names exactly one identity and expires; it is single-use because verifying
 * consumes the unverified identity it names.
 */
@ApplicationScoped
public class VerificationTokens {

    private static final Logger LOG = Logger.getLogger(VerificationTokens.class);

    public record Claims(UUID identityId, Instant expiresAt) {
    }

    private final SignedLinks links;

    public VerificationTokens(@ConfigProperty(name = "pharos.identity.token-secret") Optional<String> secret) {
        byte[] bytes;
        if (secret.isPresent() && !secret.get().isBlank()) {
            if (secret.get().length() < 32) {
                throw new IllegalStateException("pharos.identity.token-secret must have at least 32 characters");
            }
            bytes = secret.get().getBytes(StandardCharsets.UTF_8);
        } else {
            // safe but local: links verify only on this instance, until it restarts
            LOG.warn("pharos.identity.token-secret (IDENTITY_TOKEN_SECRET) is not set: identity verification links are signed"
                    + " with a random key and valid only on this instance until it restarts");
            bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
        }
        this.links = new SignedLinks(bytes);
    }

    public String issue(UUID identityId, Instant expiresAt) {
        return links.issue(identityId, expiresAt);
    }

    /** The claims of an authentic token, or empty for anything forged, altered or malformed (expiry is the caller's call). */
    public Optional<Claims> verify(String token) {
        return links.verify(token).map(c -> new Claims(c.id(), c.expiresAt()));
    }
}
