package io.pharos.attachments;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.pharos.commons.security.SignedLinks;

/**
 * Short-lived download links that need no bearer token, so an {@code <img>} tag or a provider that
 * fetches media (Twilio MMS) can use them: {@code <public url>/api/v1/attachments/{id}/content?token=…},
 * the token naming exactly that attachment until it expires (commons {@link SignedLinks}). ticket-service
 * serves them; any service holding the secret may issue them.
 */
@ApplicationScoped
public class AttachmentLinks {

    public static final String PATH = "/api/v1/attachments/%s/content?token=%s";

    private final SignedLinks links;
    private final String publicUrl;
    private final Duration lifetime;
    private final Clock clock;

    @Inject
    public AttachmentLinks(@ConfigProperty(name = "pharos.attachments.link-secret") String secret,
            @ConfigProperty(name = "pharos.attachments.public-url") String publicUrl,
            @ConfigProperty(name = "pharos.attachments.link-lifetime", defaultValue = "PT15M") Duration lifetime) {
        this(secret, publicUrl, lifetime, Clock.systemUTC());
    }

    public AttachmentLinks(String secret, String publicUrl, Duration lifetime, Clock clock) {
        if (secret == null || secret.length() < 32) {
            throw new IllegalArgumentException("pharos.attachments.link-secret must be at least 32 characters");
        }
        this.links = new SignedLinks(secret.getBytes(StandardCharsets.UTF_8));
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** A link valid for the configured lifetime ({@code pharos.attachments.link-lifetime}, 15 minutes by default). */
    public String downloadUrl(UUID attachmentId) {
        return downloadUrl(attachmentId, lifetime);
    }

    public String downloadUrl(UUID attachmentId, Duration validFor) {
        String token = links.issue(attachmentId, clock.instant().plus(validFor));
        return publicUrl + String.format(PATH, attachmentId, token);
    }

    /** True when the token is authentic, names this attachment and has not expired. */
    public boolean permits(UUID attachmentId, String token) {
        Optional<SignedLinks.Claims> claims = links.verify(token);
        Instant now = clock.instant();
        return claims.isPresent() && claims.get().id().equals(attachmentId) && claims.get().expiresAt().isAfter(now);
    }
}
