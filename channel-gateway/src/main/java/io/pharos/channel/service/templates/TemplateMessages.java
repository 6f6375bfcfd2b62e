package io.pharos.channel.service.templates;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pharos.channel.api.TemplateInput;
import io.pharos.channel.domain.Undeliverable;
import io.pharos.channel.model.ChannelAccount;
import io.pharos.channel.model.TemplateStatus;
import io.pharos.channel.repository.TemplateRepository;
import io.pharos.contracts.channel.MessageRequested;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * A template message as it is sent: only a template APPROVED for the sending channel in that
 * language, with a value for every variable; otherwise {@link Undeliverable} with the reason, and
 * Meta is not called.
 */
@ApplicationScoped
public class TemplateMessages {

    /** The message's {@code template} object and the body as the customer reads it. */
    public record Composed(ObjectNode template, String text) {
    }

    private final TemplateRepository templates;
    private final TemplateMapper mapper;

    public TemplateMessages(TemplateRepository templates, TemplateMapper mapper) {
        this.templates = templates;
        this.mapper = mapper;
    }

    @WithSession
    public Uni<Composed> compose(ChannelAccount channel, MessageRequested.Template wanted) {
        return templates.byName(channel.id(), wanted.name(), wanted.language()).map(t -> {
            String which = "template " + wanted.name() + " (" + wanted.language() + ")";
            if (t == null) {
                throw new Undeliverable(which + " does not exist on channel " + channel.id());
            }
            if (t.status != TemplateStatus.APPROVED) {
                throw new Undeliverable(which + " is " + t.status + ", not approved by Meta, on channel " + channel.id());
            }
            TemplateInput in = mapper.toInput(t);
            List<String> body = wanted.bodyParameters() == null ? List.of() : wanted.bodyParameters();
            List<String> buttons = wanted.buttonParameters() == null ? List.of() : wanted.buttonParameters();
            int variables = TemplateRules.variables(in.bodyText());
            if (body.size() != variables || body.stream().anyMatch(v -> v == null || v.isBlank())) {
                throw new Undeliverable(which + " needs " + variables + " body values, got " + body.size());
            }
            long dynamic = TemplateRules.dynamicButtons(in);
            if (buttons.size() != dynamic) {
                throw new Undeliverable(which + " needs " + dynamic + " button values, got " + buttons.size());
            }
            return new Composed(TemplateRules.message(mapper.json(), in, body, buttons), TemplateRules.fill(in.bodyText(), body));
        });
    }
}
