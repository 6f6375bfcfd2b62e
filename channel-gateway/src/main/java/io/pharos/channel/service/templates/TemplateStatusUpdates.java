package io.pharos.channel.service.templates;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.pharos.channel.domain.WhatsAppTemplate;
import io.pharos.channel.model.ChannelAccount;
import io.pharos.channel.model.TemplateStatus;
import io.pharos.channel.repository.TemplateRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Meta's {@code message_template_status_update} webhook (developers.facebook.com/documentation/business-messaging/
 * whatsapp/webhooks/reference/message_template_status_update): {@code value.event} (APPROVED, REJECTED, PAUSED,
 * DISABLED …), {@code message_template_id}, {@code message_template_name}, {@code message_template_language},
 * {@code reason}. The template is found by Meta's id among the tenant's templates, else by name and
 * language on the channel the webhook came to. Events that are no status of ours (archiving, locking)
 * change nothing.
 */
@ApplicationScoped
public class TemplateStatusUpdates {

    public static final String FIELD = "message_template_status_update";
    private static final Logger LOG = Logger.getLogger(TemplateStatusUpdates.class);

    private final TemplateRepository templates;

    public TemplateStatusUpdates(TemplateRepository templates) {
        this.templates = templates;
    }

    /** Applies every {@code message_template_status_update} change of a Meta webhook payload. */
    public Uni<Void> apply(ChannelAccount channel, JsonNode payload) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (JsonNode entry : payload.path("entry")) {
            for (JsonNode change : entry.path("changes")) {
                if (FIELD.equals(change.path("field").asText())) {
                    JsonNode value = change.path("value");
                    chain = chain.flatMap(v -> one(channel, value));
                }
            }
        }
        return chain;
    }

    private Uni<Void> one(ChannelAccount channel, JsonNode value) {
        TemplateStatus status = TemplateStatus.ofMeta(value.path("event").asText(null));
        if (status == null) {
            return Uni.createFrom().voidItem();
        }
        String providerId = value.path("message_template_id").asText("");
        String reason = value.path("reason").asText(null);
        return Panache.withTransaction(() -> templates.byProviderId(channel.tenant(), providerId)
                .flatMap(found -> !found.isEmpty() ? Uni.createFrom().item(found)
                        : templates.byName(channel.id(), value.path("message_template_name").asText(""),
                                value.path("message_template_language").asText("")).map(t -> t == null ? List.<WhatsAppTemplate>of() : List.of(t)))
                .invoke(found -> {
                    if (found.isEmpty()) {
                        LOG.debugf("template status %s for %s: not one of ours", status, providerId);
                    }
                    for (WhatsAppTemplate t : found) {
                        t.status = status;
                        t.providerId = providerId.isEmpty() ? t.providerId : providerId;
                        t.rejectedReason = status == TemplateStatus.REJECTED && reason != null && !"NONE".equals(reason) ? reason : null;
                        t.updatedAt = WhatsAppTemplates.now();
                    }
                })).replaceWithVoid();
    }
}
