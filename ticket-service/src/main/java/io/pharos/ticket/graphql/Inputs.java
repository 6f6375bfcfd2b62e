package io.pharos.ticket.graphql;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

import io.pharos.ticket.domain.Channel;
import io.pharos.ticket.domain.Priority;
import io.pharos.ticket.domain.TicketStatus;

/** GraphQL input objects. */
final class Inputs {

    private Inputs() {
    }

    /** Constraints that document a limit in the schema only; the service layer enforces it (see {@link CreateTicket}). */
    interface SchemaOnly {
    }

    @Input("TicketFilter")
    @Description("Which tickets to list; all given conditions must hold")
    public record TicketFilter(
            @Description("In this status") TicketStatus status,
            @Description("Held by this agent") String assigneeId,
            @Description("In this team's queue") String team,
            @Description("Of this channel") Channel channel,
            @Description("With this tag") String tag,
            @Description("Text to find in subjects and message bodies") String search) {
    }

    @Input("RequesterInput")
    @Description("Who asks: a name and at least one identity; an existing customer with one of them is reused")
    public record Requester(
            @Description("Display name") String name,
            @Description("Email address") String email,
            @Description("Phone number") String phone,
            @Description("WhatsApp id (phone number without +)") String whatsapp,
            @Description("Telegram user id") String telegram,
            @Description("Live-chat visitor id") String chat) {
    }

    @Input("UpdateTicketInput")
    @Description("What to change on a ticket; absent fields stay as they are")
    public record UpdateTicket(
            @Description("Subject line (at most 500 characters)") @Size(max = 500) String subject,
            @Description("Language of the conversation (BCP 47, e.g. el)") @Size(max = 16) String language,
            @Description("How urgent it is (SLA targets follow)") Priority priority) {
    }

    /**
     * The constraints here are in the {@link SchemaOnly} group: they show as {@code @constraint} in the schema, while
     * TicketCreation validates the {@code CreateTicketRequest} this becomes (the type every path shares), so that a
     * refusal is a typed error ({@code extensions.kind} validation / too-large) as on REST.
     */
    @Input("CreateTicketInput")
    @Description("A ticket an agent opens on a customer's behalf, with its first message")
    public record CreateTicket(
            @Description("Subject line") @NotBlank(groups = SchemaOnly.class) @Size(max = 500, groups = SchemaOnly.class) String subject,
            @Description("Where the conversation happens") Channel channel,
            @Description("How urgent it is; normal when not given") Priority priority,
            @Description("The customer who asks") @NotNull(groups = SchemaOnly.class) Requester requester,
            @Description("The first message, written by the agent on the customer's behalf") @Size(max = 100_000, groups = SchemaOnly.class) String text,
            @Description("Tags to start with") List<@Size(max = 64, groups = SchemaOnly.class) String> tags) {
    }

    @Input("TemplateInput")
    @Description("An approved WhatsApp message template to send, with the values of its variables")
    public record Template(
            @Description("Template name as approved at Meta (lower-case letters, digits, underscores)") @NonNull String name,
            @Description("Template language code as approved (el, en_US)") @NonNull String language,
            @Description("Values of the body's {{1}}, {{2}} … in order (at most 20)") List<String> bodyParameters,
            @Description("Dynamic suffix of each URL button, in button order (at most 3)") List<String> buttonParameters) {

        io.pharos.ticket.api.TemplateUse toUse() {
            return new io.pharos.ticket.api.TemplateUse(name, language, bodyParameters, buttonParameters);
        }
    }
}
