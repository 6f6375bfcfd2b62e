package io.pharos.ticket.graphql;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Source;

import io.pharos.commons.graphql.Isolated;
import io.pharos.commons.rest.ProblemException;
import io.pharos.commons.security.Roles;
import io.pharos.commons.security.TenantContext;
import io.pharos.ticket.api.CallbackInput;
import io.pharos.ticket.api.CallbackOutcomeInput;
import io.pharos.ticket.api.ParticipantInput;
import io.pharos.ticket.domain.AuthorKind;
import io.pharos.ticket.domain.Callback;
import io.pharos.ticket.service.Actor;
import io.pharos.ticket.service.ticket.Callbacks;
import io.pharos.ticket.service.ticket.Participants;
import io.smallrye.mutiny.Uni;

/** Who else a ticket's replies go to (participants) and the call backs to its caller. */
@GraphQLApi
public class TicketContactGraphQLApi {

    private final Participants participants;
    private final Callbacks callbacks;
    private final TenantContext caller;

    public TicketContactGraphQLApi(Participants participants, Callbacks callbacks, TenantContext caller) {
        this.participants = participants;
        this.callbacks = callbacks;
        this.caller = caller;
    }

    @Description("Who besides the requester is copied on the ticket's email replies, in the order they joined")
    public Uni<List<List<ParticipantNode>>> participants(@Source List<TicketNode> page) {
        String tenant = caller.tenant();
        return Batches.listsFor(page, TicketNode::id, ids -> participants.ofTickets(tenant, ids), ParticipantNode::of);
    }

    @Description("Call backs to the caller, oldest first")
    public Uni<List<List<CallbackNode>>> callbacks(@Source List<TicketNode> page) {
        String tenant = caller.tenant();
        return Batches.listsFor(page, TicketNode::id, ids -> callbacks.ofTickets(tenant, ids), CallbackNode::of);
    }

    @Mutation
    @RolesAllowed(Roles.AGENT)
    @Description("Copy an email address on the ticket's replies (errors: participant-exists, participant-is-requester)")
    public Uni<ParticipantNode> addTicketParticipant(@Id @NonNull String ticketId, @NonNull String address, String name) {
        String tenant = caller.tenant();
        Actor actor = actor();
        return Isolated.run(() -> participants.add(tenant, uuid(ticketId), new ParticipantInput(address, name), actor))
                .map(ParticipantNode::of);
    }

    @Mutation
    @RolesAllowed(Roles.AGENT)
    @Description("Stop copying an address on the ticket's replies; true when it was removed")
    public Uni<Boolean> removeTicketParticipant(@Id @NonNull String ticketId, @NonNull String address) {
        String tenant = caller.tenant();
        Actor actor = actor();
        return Isolated.run(() -> participants.remove(tenant, uuid(ticketId), address, actor)).replaceWith(true);
    }

    @Mutation
    @RolesAllowed(Roles.AGENT)
    @Description("Schedule a call back to the caller for an active agent of the tenant (error unknown-agent otherwise); "
            + "without assigneeId, for the agent scheduling it")
    public Uni<CallbackNode> scheduleCallback(@Id @NonNull String ticketId, String assigneeId, @NonNull Instant dueAt, String note) {
        String tenant = caller.tenant();
        Actor actor = actor();
        return Isolated.run(() -> callbacks.schedule(tenant, uuid(ticketId), new CallbackInput(assigneeId, dueAt, note), actor))
                .map(CallbackNode::of);
    }

    @Mutation
    @RolesAllowed(Roles.AGENT)
    @Description("Record how a call back went: closes it, and notes the outcome on the ticket")
    public Uni<CallbackNode> recordCallbackOutcome(@Id @NonNull String ticketId, @Id @NonNull String callbackId,
            @NonNull Callback.Outcome outcome, String note) {
        String tenant = caller.tenant();
        Actor actor = actor();
        return Isolated.run(() -> callbacks.recordOutcome(tenant, uuid(ticketId), uuid(callbackId), new CallbackOutcomeInput(outcome, note),
                actor)).map(CallbackNode::of);
    }

    /** IDs are opaque strings to clients; one that is no UUID names nothing of ours. */
    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("Object", id);
        }
    }

    private Actor actor() {
        return new Actor(AuthorKind.AGENT, caller.subject(), caller.username(), false);
    }
}
