package io.pharos.ticket.graphql;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.annotation.security.RolesAllowed;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import io.pharos.commons.graphql.Isolated;
import io.pharos.commons.paging.Cursor;
import io.pharos.commons.rest.ProblemException;
import io.pharos.commons.security.Roles;
import io.pharos.commons.security.TenantContext;
import io.pharos.ticket.api.CreateTicketRequest;
import io.pharos.ticket.api.IdentityInput;
import io.pharos.ticket.api.MessageInput;
import io.pharos.ticket.api.TicketFilter;
import io.pharos.ticket.api.TicketPatch;
import io.pharos.ticket.domain.AuthorKind;
import io.pharos.ticket.domain.Priority;
import io.pharos.ticket.domain.TicketStatus;
import io.pharos.ticket.domain.Visibility;
import io.pharos.ticket.service.Actor;
import io.pharos.ticket.service.HtmlSanitizer;
import io.pharos.ticket.service.MessageHtml;
import io.pharos.ticket.service.routing.AgentDirectory;
import io.pharos.ticket.service.customer.CustomerService;
import io.pharos.ticket.service.ticket.Conversation;
import io.pharos.ticket.service.ticket.TicketChanges;
import io.pharos.ticket.service.ticket.TicketCreation;
import io.pharos.ticket.service.ticket.TicketQueries;
import io.smallrye.graphql.api.federation.Resolver;
import io.smallrye.mutiny.Uni;

/**
 * The agents' view of tickets and customers. Every resolver reads the caller's tenant first and
 * runs its data access {@link Isolated}; nested lists (requester, messages, tickets of a customer)
 * are resolved for a whole page in one query.
 */
@GraphQLApi
public class TicketGraphQLApi {

    private final TicketQueries tickets;
    private final TicketCreation creation;
    private final TicketChanges changes;
    private final Conversation conversation;
    private final CustomerService customers;
    private final TenantContext caller;
    private final AgentDirectory agents;
    private final MessageHtml messageHtml;

    public TicketGraphQLApi(TicketQueries tickets, TicketCreation creation, TicketChanges changes, Conversation conversation,
            CustomerService customers, TenantContext caller, AgentDirectory agents, MessageHtml messageHtml) {
        this.messageHtml = messageHtml;
        this.agents = agents;
        this.tickets = tickets;
        this.creation = creation;
        this.changes = changes;
        this.conversation = conversation;
        this.customers = customers;
        this.caller = caller;
    }

    // ------------------------------------------------------------------ queries

    @Query("ticket")
    @RolesAllowed({ Roles.AGENT, Roles.INTEGRATOR })
    @Description("A ticket of your tenant, or null")
    public Uni<TicketNode> ticket(@Id @NonNull String id) {
        String tenant = caller.tenant();
        return Isolated.run(() -> tickets.get(tenant, uuid(id))).map(TicketNode::of)
                .onFailure(ProblemException.class).recoverWithNull();
    }

    @Query("tickets")
    @RolesAllowed({ Roles.AGENT, Roles.INTEGRATOR })
    @Description("Tickets newest first (Relay connection)")
    public Uni<Connection.Tickets> tickets(@DefaultValue("25") int first, String after, Inputs.TicketFilter filter) {
        String tenant = caller.tenant();
        Inputs.TicketFilter f = filter != null ? filter : new Inputs.TicketFilter(null, null, null, null, null, null);
        TicketFilter query = new TicketFilter(f.status(), f.assigneeId(), null, null, null,
                f.tag() == null ? null : f.tag().toLowerCase(), f.channel(), f.team(), f.search());
        return Isolated.run(() -> tickets.list(tenant, query, after, first)).map(page -> {
            List<Connection.TicketEdge> edges = page.items().stream().map(t -> new Connection.TicketEdge(
                    new Cursor(t.createdAt(), t.id()).encode(), TicketNode.of(t))).toList();
            return new Connection.Tickets(edges, new Connection.PageInfo(page.next() != null,
                    edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor()));
        });
    }

    @Query("customer")
    @RolesAllowed({ Roles.AGENT, Roles.INTEGRATOR })
    @Description("A customer of your tenant, or null")
    public Uni<CustomerNode> customer(@Id @NonNull String id) {
        String tenant = caller.tenant();
        return Isolated.run(() -> customers.get(tenant, uuid(id))).map(CustomerNode::of)
                .onFailure(ProblemException.class).recoverWithNull();
    }

    @Query("customers")
    @RolesAllowed({ Roles.AGENT, Roles.INTEGRATOR })
    @Description("Customers of your tenant, newest first (Relay connection; at most 100 a page)")
    public Uni<Connection.Customers> customers(@DefaultValue("25") int first, String after) {
        String tenant = caller.tenant();
        return Isolated.run(() -> customers.page(tenant, after, Math.max(1, Math.min(first, 100)))).map(page -> {
            List<Connection.CustomerEdge> edges = page.items().stream().map(c -> new Connection.CustomerEdge(
                    new Cursor(c.createdAt(), c.id()).encode(), CustomerNode.of(c))).toList();
            return new Connection.Customers(edges, new Connection.PageInfo(page.next() != null,
                    edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor()));
        });
    }

    // ------------------------------------------------------------------ federation entities

    @Resolver
    @RolesAllowed({ Roles.AGENT, Roles.INTEGRATOR })
    public Uni<TicketNode> ticketEntity(@Id String id) {
        return ticket(id);
    }

    @Resolver
    @RolesAllowed({ Roles.AGENT, Roles.INTEGRATOR })
    public Uni<CustomerNode> customerEntity(@Id String id) {
        return customer(id);
    }


    // ------------------------------------------------------------------ nested, batched

    @Description("Who asked")
    public Uni<List<CustomerNode>> requester(@Source List<TicketNode> page) {
        String tenant = caller.tenant();
        List<UUID> ids = page.stream().map(TicketNode::requesterId).distinct().toList();
        return Isolated.run(() -> customers.byIds(tenant, ids)).map(found -> {
            Map<UUID, CustomerNode> byId = found.stream().map(CustomerNode::of)
                    .collect(Collectors.toMap(CustomerNode::id, Function.identity()));
            return page.stream().map(t -> byId.get(t.requesterId())).toList();
        });
    }

    @Description("The agent working on it, if any")
    public Uni<List<AgentNode>> assignee(@Source List<TicketNode> page) {
        String tenant = caller.tenant();
        List<String> ids = page.stream().map(TicketNode::assigneeId).filter(java.util.Objects::nonNull).distinct().toList();
        return Isolated.run(() -> agents.byIds(tenant, ids)).map(found -> found.stream().map(AgentNode::of)
                .collect(Collectors.toMap(AgentNode::id, Function.identity()))).map(byId -> page.stream()
                .map(t -> t.assigneeId() == null ? null : byId.getOrDefault(t.assigneeId(), AgentNode.unknown(t.assigneeId()))).toList());
    }

    @Description("The conversation, oldest first; internal notes only for agents")
    public Uni<List<List<MessageNode>>> messages(@Source List<TicketNode> page) {
        String tenant = caller.tenant();
        boolean agent = caller.hasRole(Roles.AGENT);
        return Batches.listsFor(page, TicketNode::id, ids -> tickets.messagesOf(tenant, ids, agent), MessageNode::of)
                .flatMap(lists -> {
                    List<UUID> withHtml = lists.stream().flatMap(List::stream).filter(m -> m.storedHtml() != null).map(MessageNode::id).toList();
                    return Isolated.run(() -> messageHtml.inlineImagesOf(tenant, withHtml)).map(images -> lists.stream()
                            .map(list -> list.stream().map(m -> m.withInlineImages(images.get(m.id()))).toList()).toList());
                });
    }

    // one message at a time on purpose: a batched field gets the arguments of its first alias for all of them
    // (html and html(remoteImages: true) in one query); nothing here reads the database (messages found the inline images)
    @Description("Sanitised HTML: a mail's inline images from Pharos; its remote images (which tell the sender the mail was read) kept as "
            + "data-remote-src, data-remote-srcset and data-remote-background unless remoteImages (1x1 tracking pixels always)")
    public String html(@Source MessageNode message,
            @DefaultValue("false") @Description("Let remote images load (http/https only)") boolean remoteImages) {
        return HtmlSanitizer.forReading(message.storedHtml(), remoteImages, message.inlineImages());
    }

    @Description("Who changed what and when, oldest first")
    public Uni<List<List<HistoryEntryNode>>> history(@Source List<TicketNode> page) {
        String tenant = caller.tenant();
        return Batches.listsFor(page, TicketNode::id, ids -> tickets.historyOf(tenant, ids), HistoryEntryNode::of);
    }

    @Name("tickets")
    @Description("This customer's tickets, newest first")
    public Uni<List<List<TicketNode>>> ticketsOfCustomers(@Source List<CustomerNode> page) {
        String tenant = caller.tenant();
        return Batches.listsFor(page, CustomerNode::id, ids -> tickets.ofRequesters(tenant, ids), TicketNode::of);
    }

    // ------------------------------------------------------------------ mutations

    @Mutation
    @RolesAllowed(Roles.AGENT)
    @Description("Open a ticket on behalf of a customer")
    public Uni<TicketNode> createTicket(@NonNull Inputs.CreateTicket input) {
        // validated by TicketCreation as CreateTicketRequest, the type every path shares: same limits, typed errors
        String tenant = caller.tenant();
        Actor actor = actor();
        Inputs.Requester r = input.requester();
        CreateTicketRequest request = new CreateTicketRequest(input.subject(), input.channel(), input.priority(),
                new IdentityInput(r.name(), r.email(), r.phone(), r.whatsapp(), r.telegram(), null, null, r.chat(), null, null),
                input.text() == null ? null : new MessageInput(input.text(), null, Visibility.PUBLIC, AuthorKind.CUSTOMER, null, null),
                input.tags(), null, null, null, null);
        return Isolated.run(() -> creation.create(tenant, request, actor)).map(TicketNode::of);
    }

    @Mutation
    @RolesAllowed(Roles.AGENT)
    @Description("A public reply: delivered to the customer on the ticket's channel, from the account they last wrote to. On WhatsApp "
            + "a free-form reply more than 24 hours after the customer's last message is refused (extensions.kind "
            + "outside_customer_service_window): send a template then; Messenger and Instagram allow 7 days")
    public Uni<TicketNode> reply(@Id @NonNull String ticketId, String text, String html,
            @Description("Send from this channel account of the tenant instead of the one the customer wrote to") String channelId,
            @Description("Email: copy these addresses too (at most 20; the ticket's participants are copied anyway)") List<String> cc,
            @Description("Email: blind-copy these addresses (at most 20)") List<String> bcc,
            @Description("WhatsApp: send this approved template instead of text (allowed outside the 24-hour window)") Inputs.Template template,
            @Description("Files uploaded before (POST /api/v1/attachments), sent with the reply; each file is sent once. A file the "
                    + "channel cannot carry is refused (extensions.kind attachment-not-supported)") List<String> attachmentIds) {
        String tenant = caller.tenant();
        Actor actor = actor();
        MessageInput input = new MessageInput(text, html, Visibility.PUBLIC, AuthorKind.AGENT, null, null, null, channelId, cc, bcc,
                template == null ? null : template.toUse(), uuids(attachmentIds));
        return Isolated.run(() -> conversation.addMessage(tenant, uuid(ticketId), input, actor).flatMap(m -> tickets.get(tenant, uuid(ticketId))))
                .map(TicketNode::of);
    }

    @Mutation
    @RolesAllowed(Roles.AGENT)
    @Description("An internal note: seen by agents only")
    public Uni<TicketNode> addNote(@Id @NonNull String ticketId, @NonNull String text,
            @Description("Files uploaded before (POST /api/v1/attachments) to keep with the note") List<String> attachmentIds) {
        String tenant = caller.tenant();
        Actor actor = actor();
        MessageInput input = new MessageInput(text, null, Visibility.INTERNAL, AuthorKind.AGENT, null, null, null, null, null, null, null,
                uuids(attachmentIds));
        return Isolated.run(() -> conversation.addMessage(tenant, uuid(ticketId), input, actor).flatMap(m -> tickets.get(tenant, uuid(ticketId))))
                .map(TicketNode::of);
    }

    @Mutation
    @RolesAllowed(Roles.AGENT)
    @Description("Assign to an agent and/or team; null unassigns")
    public Uni<TicketNode> assign(@Id @NonNull String ticketId, String assigneeId, String team, Long expectedVersion) {
        return update(ticketId, expectedVersion, new TicketPatch(null, null, null, null, null, assigneeId, true, team, team != null));
    }

    @Mutation
    @RolesAllowed(Roles.AGENT)
    @Description("Move the ticket through its workflow (refused transitions are errors)")
    public Uni<TicketNode> changeStatus(@Id @NonNull String ticketId, @NonNull TicketStatus status, Long expectedVersion) {
        return update(ticketId, expectedVersion, new TicketPatch(null, status, null, null, null, null, false, null, false));
    }

    @Mutation
    @RolesAllowed(Roles.AGENT)
    @Description("Change how urgent a ticket is (SLA targets follow the new priority)")
    public Uni<TicketNode> changePriority(@Id @NonNull String ticketId, @NonNull Priority priority, Long expectedVersion) {
        return update(ticketId, expectedVersion, new TicketPatch(null, null, priority, null, null, null, false, null, false));
    }

    @Mutation
    @RolesAllowed(Roles.AGENT)
    @Description("Change a ticket's subject, language or priority; limits as when creating it (errors have extensions.kind validation)")
    public Uni<TicketNode> updateTicket(@Id @NonNull String ticketId, @NonNull Inputs.UpdateTicket input, Long expectedVersion) {
        // validated with the REST PATCH's rules by TicketChanges, so both edges refuse the same input the same way
        return update(ticketId, expectedVersion, new TicketPatch(input.subject(), null, input.priority(), null, input.language(), null,
                false, null, false));
    }

    @Mutation
    @RolesAllowed(Roles.AGENT)
    @Description("Add tags")
    public Uni<TicketNode> tag(@Id @NonNull String ticketId, @NonNull List<@NonNull String> tags) {
        String tenant = caller.tenant();
        return Isolated.run(() -> tickets.get(tenant, uuid(ticketId))).flatMap(t -> {
            List<String> all = new java.util.ArrayList<>(t.tags());
            all.addAll(tags);
            return update(ticketId, t.version(), new TicketPatch(null, null, null, all, null, null, false, null, false));
        });
    }

    @Mutation
    @RolesAllowed(Roles.AGENT)
    @Description("Remove tags")
    public Uni<TicketNode> untag(@Id @NonNull String ticketId, @NonNull List<@NonNull String> tags) {
        String tenant = caller.tenant();
        List<String> lower = tags.stream().map(String::toLowerCase).toList();
        return Isolated.run(() -> tickets.get(tenant, uuid(ticketId))).flatMap(t -> update(ticketId, t.version(),
                new TicketPatch(null, null, null, t.tags().stream().filter(x -> !lower.contains(x)).toList(), null, null, false,
                        null, false)));
    }

    @Mutation
    @RolesAllowed(Roles.AGENT)
    @Description("Merge a duplicate customer into another: identities and tickets move to the survivor")
    public Uni<CustomerNode> mergeCustomers(@Id @NonNull String survivorId, @Id @NonNull String mergedId) {
        String tenant = caller.tenant();
        Actor actor = actor();
        return Isolated.run(() -> customers.merge(tenant, uuid(survivorId), uuid(mergedId), actor)).map(CustomerNode::of);
    }

    private Uni<TicketNode> update(String ticketId, Long expectedVersion, TicketPatch patch) {
        String tenant = caller.tenant();
        Actor actor = actor();
        return Isolated.run(() -> changes.update(tenant, uuid(ticketId), expectedVersion, patch, actor)).map(TicketNode::of);
    }

    private static List<UUID> uuids(List<String> ids) {
        return ids == null ? null : ids.stream().map(id -> uuid(id == null ? "" : id)).toList();
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
