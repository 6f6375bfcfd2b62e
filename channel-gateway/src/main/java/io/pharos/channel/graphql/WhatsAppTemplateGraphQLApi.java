package io.pharos.channel.graphql;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.pharos.channel.api.TemplateDto;
import io.pharos.channel.api.TemplateInput;
import io.pharos.channel.service.templates.WhatsAppTemplates;
import io.pharos.commons.graphql.Isolated;
import io.pharos.commons.security.Roles;
import io.pharos.commons.security.TenantContext;
import io.smallrye.mutiny.Uni;

/** WhatsApp message templates of a channel, for admins (as REST /api/v1/channels/{id}/templates). */
@GraphQLApi
public class WhatsAppTemplateGraphQLApi {

    private final WhatsAppTemplates templates;
    private final TenantContext caller;

    public WhatsAppTemplateGraphQLApi(WhatsAppTemplates templates, TenantContext caller) {
        this.templates = templates;
        this.caller = caller;
    }

    @Query
    @RolesAllowed(Roles.ADMIN)
    @Description("The message templates of a WhatsApp channel and their review status")
    public Uni<List<@NonNull TemplateDto>> whatsAppTemplates(@Name("channelId") @Description("The WhatsApp channel") @NonNull String channelId) {
        String tenant = caller.tenant();
        return Isolated.run(() -> templates.list(tenant, channelId));
    }

    @Mutation
    @RolesAllowed(Roles.ADMIN)
    @Description("Add a message template to a WhatsApp channel, as a draft")
    public Uni<TemplateDto> createWhatsAppTemplate(@Name("channelId") @Description("The WhatsApp channel") @NonNull String channelId,
            @Name("input") @Description("The template") @NonNull @Valid TemplateInput input) {
        String tenant = caller.tenant();
        return Isolated.run(() -> templates.create(tenant, channelId, input));
    }

    @Mutation
    @RolesAllowed(Roles.ADMIN)
    @Description("Submit a draft or rejected template to Meta for review")
    public Uni<TemplateDto> submitWhatsAppTemplate(@Name("channelId") @Description("The WhatsApp channel") @NonNull String channelId,
            @Name("templateId") @Description("The template") @NonNull UUID templateId) {
        String tenant = caller.tenant();
        return Isolated.run(() -> templates.submit(tenant, channelId, templateId));
    }

    @Mutation
    @RolesAllowed(Roles.ADMIN)
    @Description("Take over the status and rejection reason of each of the channel's templates from Meta")
    public Uni<List<@NonNull TemplateDto>> syncWhatsAppTemplates(@Name("channelId") @Description("The WhatsApp channel") @NonNull String channelId) {
        String tenant = caller.tenant();
        return Isolated.run(() -> templates.sync(tenant, channelId));
    }
}
