package io.pharos.channel.client;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.JsonNode;

import io.pharos.channel.domain.Undeliverable;
import io.pharos.channel.model.ChannelAccount;
import io.smallrye.mutiny.Uni;

/**
 * The WhatsApp Business Management API's message templates of a channel's WhatsApp Business Account
 * (setting {@code businessAccountId}, the channel's {@code accessToken}): submit, list (every page),
 * delete. A refusal fails as {@link Undeliverable} with Meta's code and message.
 */
@ApplicationScoped
public class MetaTemplates {

    /** The fields a sync reads (developers.facebook.com/documentation/business-messaging/whatsapp/templates/template-management). */
    static final String FIELDS = "id,name,language,status,category,rejected_reason";
    private static final int PAGE = 100;
    /** More pages than any account has: a provider that keeps answering "next" does not loop for ever. */
    private static final int MAX_PAGES = 50;

    /** One template as Meta lists it. */
    public record Listed(String id, String name, String language, String status, String category, String rejectedReason) {
    }

    private final ProviderApis.Meta meta;

    public MetaTemplates(@RestClient ProviderApis.Meta meta) {
        this.meta = meta;
    }

    /** Submits the template ({@code name}, {@code language}, {@code category}, {@code components}); answers Meta's {@code {id, status, category}}. */
    @Timeout(value = 15, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 300, abortOn = Undeliverable.class)
    public Uni<JsonNode> submit(ChannelAccount channel, JsonNode template) {
        return meta.createTemplate(wabaId(channel), bearer(channel), template).onFailure().transform(e -> ProviderErrors.refused("whatsapp", e));
    }

    /** Every template of the account, page after page ({@code paging.cursors.after} while {@code paging.next} is there). */
    public Uni<List<Listed>> list(ChannelAccount channel) {
        return page(channel, null, new ArrayList<>(), 0);
    }

    @Timeout(value = 15, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 300, abortOn = Undeliverable.class)
    public Uni<Void> delete(ChannelAccount channel, String name, String providerId) {
        return meta.deleteTemplate(wabaId(channel), bearer(channel), name, providerId).onFailure()
                .transform(e -> ProviderErrors.refused("whatsapp", e)).replaceWithVoid();
    }

    private Uni<List<Listed>> page(ChannelAccount channel, String after, List<Listed> found, int pages) {
        return meta.templates(wabaId(channel), bearer(channel), FIELDS, PAGE, after).onFailure()
                .transform(e -> ProviderErrors.refused("whatsapp", e)).flatMap(r -> {
                    for (JsonNode t : r.path("data")) {
                        found.add(new Listed(t.path("id").asText(null), t.path("name").asText(null), t.path("language").asText(null),
                                t.path("status").asText(null), t.path("category").asText(null), reason(t.path("rejected_reason"))));
                    }
                    String next = r.path("paging").path("cursors").path("after").asText(null);
                    if (r.path("paging").hasNonNull("next") && next != null && pages + 1 < MAX_PAGES) {
                        return page(channel, next, found, pages + 1);
                    }
                    return Uni.createFrom().item(found);
                });
    }

    /** Meta answers {@code NONE} for a template that was not rejected. */
    private static String reason(JsonNode node) {
        String text = node.asText(null);
        return text == null || text.isBlank() || "NONE".equals(text) ? null : text;
    }

    private static String wabaId(ChannelAccount channel) {
        String id = channel.setting("businessAccountId", null);
        if (id == null || id.isBlank()) {
            throw new Undeliverable("the channel has no businessAccountId setting (its WhatsApp Business Account id)", null);
        }
        return id;
    }

    private static String bearer(ChannelAccount channel) {
        return "Bearer " + channel.secret("accessToken");
    }
}
