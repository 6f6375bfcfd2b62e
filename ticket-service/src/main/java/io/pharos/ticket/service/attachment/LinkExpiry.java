package io.pharos.ticket.service.attachment;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.pharos.commons.security.SignedLinks;

/**
 * When a signed download link stops working, so that a browser caches the file no longer than that.
 * {@link io.pharos.attachments.AttachmentLinks} decides whether a link permits a file; this only
 * reads the expiry it carries.
 */
@ApplicationScoped
public class LinkExpiry {

    private final SignedLinks links;

    public LinkExpiry(@ConfigProperty(name = "pharos.attachments.link-secret") String secret) {
        this.links = new SignedLinks(secret.getBytes(StandardCharsets.UTF_8));
    }

    /** The expiry of an authentic token; empty for anything else. */
    public Optional<Instant> of(String token) {
        return links.verify(token).map(SignedLinks.Claims::expiresAt);
    }
}
