package io.pharos.channel.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.pharos.channel.api.FormSubmission;
import io.pharos.channel.model.ChannelType;
import io.pharos.channel.service.inbound.Inbound;
import io.pharos.channel.service.provider.Webhooks;
import io.pharos.commons.rest.ProblemException;
import io.pharos.commons.rest.Validation;
import io.pharos.commons.text.ControlCharacters;
import io.pharos.contracts.Channel;
import io.pharos.contracts.channel.ChannelEvents;
import io.pharos.contracts.channel.MessageReceived;
import io.pharos.contracts.channel.Sender;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/** Public web forms: JSON or form-encoded, validated, limited per client address. */
@Path("/api/v1/forms/{channelId}/submissions")
@Tag(name = "forms")
@PermitAll
public class FormResource {

    private final Webhooks webhooks;
    private final Validator validator;
    private final PublicLimits limits;

    public FormResource(Webhooks webhooks, Validator validator, PublicLimits limits) {
        this.webhooks = webhooks;
        this.validator = validator;
        this.limits = limits;
    }

    public static class FormFields {
        @FormParam("name")
        public String name;
        @FormParam("email")
        public String email;
        @FormParam("subject")
        public String subject;
        @FormParam("message")
        public String message;
        @FormParam("language")
        public String language;
        @FormParam("submissionId")
        public String submissionId;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit a contact form (JSON); 202 once it is taken in, 429 when one address submits too often")
    public Uni<Response> json(@PathParam("channelId") String channelId, @Valid @NotNull FormSubmission form,
            @jakarta.ws.rs.core.Context HttpServerRequest request) {
        return submit(channelId, form, request);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit a contact form (a plain HTML form post)")
    public Uni<Response> form(@PathParam("channelId") String channelId, @BeanParam FormFields fields,
            @jakarta.ws.rs.core.Context HttpServerRequest request) {
        // JSON bodies lose their control characters as they are read (commons ControlCharacterStrings); form fields here,
        // before validation, so that a message of nothing but a NUL is as blank as it looks
        FormSubmission form = new FormSubmission(strip(fields.name), strip(fields.email), strip(fields.subject), strip(fields.message),
                strip(fields.language), strip(fields.submissionId));
        try {
            Validation.valid(validator, form, "Invalid form");
        } catch (ProblemException e) {
            return Uni.createFrom().failure(e);
        }
        return submit(channelId, form, request);
    }

    private Uni<Response> submit(String channelId, FormSubmission form, HttpServerRequest request) {
        return webhooks.channel(channelId, ChannelType.FORM).onFailure().transform(e -> ProblemException.notFound("Form", channelId))
                .flatMap(channel -> {
                    limits.formSubmission(channelId, request); // 429 with Retry-After when this address submitted too often
                    String id = "form:" + (form.submissionId() != null ? form.submissionId() : UUID.randomUUID().toString());
                    // each submission is a conversation of its own; the email is what the visitor typed, a claim until verified
                    MessageReceived data = MessageReceived.of(channel.id(), Channel.FORM, id, id,
                            Sender.email(form.name(), form.email().strip().toLowerCase()).asClaimed(), form.message(), Instant.now(), Instant.now(), null)
                            .withSubject(form.subject()).withLanguage(form.language());
                    return webhooks.accept(channel, List.of(new Inbound<>(id, ChannelEvents.MESSAGE_RECEIVED, id, data)))
                            .map(n -> Response.accepted(Map.of("status", n > 0 ? "accepted" : "duplicate", "id", id)).build());
                });
    }

    private static String strip(String field) {
        return ControlCharacters.strip(field);
    }
}
