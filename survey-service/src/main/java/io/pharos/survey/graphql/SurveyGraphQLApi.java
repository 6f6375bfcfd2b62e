package io.pharos.survey.graphql;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import io.pharos.commons.graphql.GraphQLIds;
import io.pharos.commons.graphql.Isolated;
import io.pharos.commons.paging.Cursor;
import io.pharos.commons.rest.ProblemException;
import io.pharos.commons.security.Roles;
import io.pharos.commons.security.TenantContext;
import io.pharos.survey.graphql.SurveyNodes.CustomerRef;
import io.pharos.survey.graphql.SurveyNodes.Response;
import io.pharos.survey.graphql.SurveyNodes.Survey;
import io.pharos.survey.graphql.SurveyNodes.TicketRef;
import io.pharos.survey.service.ResponseQueries;
import io.pharos.survey.service.ResponseService;
import io.pharos.survey.service.SurveyDefinitionService;
import io.smallrye.graphql.api.federation.Resolver;
import io.smallrye.mutiny.Uni;

/**
 * Surveys and responses for agents, supervisors and admins, and the fields survey-service adds to
 * ticket-service's Ticket and Customer. Every resolver reads the caller's tenant first and runs its
 * data access {@link Isolated} (its own session); per-entity fields are resolved for a whole batch.
 */
@GraphQLApi
public class SurveyGraphQLApi {

    private final SurveyDefinitionService surveys;
    private final ResponseService responses;
    private final ResponseQueries queries;
    private final TenantContext caller;

    public SurveyGraphQLApi(SurveyDefinitionService surveys, ResponseService responses, ResponseQueries queries,
            TenantContext caller) {
        this.surveys = surveys;
        this.responses = responses;
        this.queries = queries;
        this.caller = caller;
    }

    // ------------------------------------------------------------------ surveys

    @Query
    @RolesAllowed(Roles.SUPERVISOR)
    @Description("The tenant's survey definitions")
    public Uni<List<@NonNull Survey>> surveys() {
        String tenant = caller.tenant();
        return Isolated.run(() -> surveys.list(tenant)).map(list -> list.stream().map(Survey::of).toList());
    }

    @Query
    @RolesAllowed(Roles.SUPERVISOR)
    @Description("A survey definition of your tenant, or null")
    public Uni<Survey> survey(@Id @NonNull String id) {
        String tenant = caller.tenant();
        return Isolated.run(() -> surveys.get(tenant, GraphQLIds.of("survey", id))).map(Survey::of).onFailure(ProblemException.class).recoverWithNull();
    }

    @Mutation
    @RolesAllowed(Roles.ADMIN)
    @Description("Define a survey")
    public Uni<Survey> createSurvey(@NonNull @Valid SurveyInputs.SurveyInput input) {
        String tenant = caller.tenant();
        return Isolated.run(() -> surveys.create(tenant, input.toInput())).map(Survey::of);
    }

    @Mutation
    @RolesAllowed(Roles.ADMIN)
    @Description("Replace a survey definition (applies to invitations scheduled from now on)")
    public Uni<Survey> updateSurvey(@Id @NonNull String id, @NonNull @Valid SurveyInputs.SurveyInput input) {
        String tenant = caller.tenant();
        return Isolated.run(() -> surveys.replace(tenant, GraphQLIds.of("survey", id), input.toInput())).map(Survey::of);
    }

    // ------------------------------------------------------------------ responses

    @Query
    @RolesAllowed({ Roles.AGENT, Roles.INTEGRATOR })
    @Description("Survey responses newest first (Relay connection)")
    public Uni<SurveyNodes.Responses> surveyResponses(@DefaultValue("25") int first, String after, SurveyInputs.Filter filter) {
        String tenant = caller.tenant();
        return Isolated.run(() -> queries.list(tenant, filter == null ? null : filter.toFilter(), after, first)).map(page -> {
            List<SurveyNodes.ResponseEdge> edges = page.items().stream()
                    .map(r -> new SurveyNodes.ResponseEdge(new Cursor(r.respondedAt(), r.id()).encode(), Response.of(r))).toList();
            return new SurveyNodes.Responses(edges, new SurveyNodes.PageInfo(page.next() != null,
                    edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor()));
        });
    }

    @Query
    @RolesAllowed({ Roles.AGENT, Roles.INTEGRATOR })
    @Description("A survey response of your tenant, or null")
    public Uni<Response> surveyResponse(@Id @NonNull String id) {
        String tenant = caller.tenant();
        return Isolated.run(() -> responses.get(tenant, GraphQLIds.of("survey response", id))).map(Response::of).onFailure(ProblemException.class).recoverWithNull();
    }

    @Query
    @RolesAllowed({ Roles.SUPERVISOR, Roles.INTEGRATOR })
    @Description("The themes of the comments in [from, to), most frequent first, with recent examples")
    public Uni<List<SurveyNodes.@NonNull Theme>> topThemes(@NonNull Instant from, @NonNull Instant to,
            @DefaultValue("10") int limit) {
        String tenant = caller.tenant();
        return Isolated.run(() -> queries.topThemes(tenant, from, to, limit))
                .map(list -> list.stream().map(SurveyNodes.Theme::of).toList());
    }

    @Mutation
    @RolesAllowed({ Roles.INTEGRATOR, Roles.ADMIN })
    @Description("Record a response (by invitation token, or for history with its context)")
    public Uni<Response> submitSurveyResponse(@NonNull @Valid SurveyInputs.ResponseIn input) {
        String tenant = caller.tenant();
        return Isolated.run(() -> responses.submit(tenant, input.toInput())).map(Response::of);
    }

    // ------------------------------------------------------------------ federation: Ticket and Customer

    @Resolver
    public TicketRef ticketEntity(@Id String id) {
        UUID uuid = uuidOrNull(id);
        return uuid == null ? null : new TicketRef(uuid);
    }

    @Resolver
    public CustomerRef customerEntity(@Id String id) {
        UUID uuid = uuidOrNull(id);
        return uuid == null ? null : new CustomerRef(uuid);
    }

    private static UUID uuidOrNull(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }

    @Name("satisfaction")
    @RolesAllowed({ Roles.AGENT, Roles.INTEGRATOR })
    @Description("The customer's latest survey answer about this ticket, or null")
    public Uni<List<Response>> satisfaction(@Source List<TicketRef> tickets) {
        String tenant = caller.tenant();
        List<UUID> ids = tickets.stream().map(TicketRef::id).distinct().toList();
        return Isolated.run(() -> queries.satisfactionOf(tenant, ids))
                .map(byTicket -> tickets.stream().map(t -> Response.of(byTicket.get(t.id()))).toList());
    }

    @Name("surveyResponses")
    @RolesAllowed({ Roles.AGENT, Roles.INTEGRATOR })
    @Description("The customer's survey answers, newest first")
    public Uni<List<List<@NonNull Response>>> surveyResponsesOfCustomers(@Source List<CustomerRef> customers) {
        String tenant = caller.tenant();
        List<UUID> ids = customers.stream().map(CustomerRef::id).distinct().toList();
        return Isolated.run(() -> queries.ofCustomers(tenant, ids)).map(byCustomer -> customers.stream()
                .map(c -> byCustomer.getOrDefault(c.id(), List.of()).stream().map(Response::of).toList()).toList());
    }

    @Name("ticket")
    @Description("The ticket it answers, if any")
    public List<TicketRef> ticketOfResponses(@Source List<Response> page) {
        return page.stream().map(r -> r.ticketId() == null ? null : new TicketRef(r.ticketId())).toList();
    }

    @Name("customer")
    @Description("Who answered, if known")
    public List<CustomerRef> customerOfResponses(@Source List<Response> page) {
        return page.stream().map(r -> r.customerId() == null ? null : new CustomerRef(r.customerId())).toList();
    }
}
