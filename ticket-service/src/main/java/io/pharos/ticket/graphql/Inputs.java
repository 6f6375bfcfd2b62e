package io.pharos.ticket.graphql;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

import io.pharos.ticket.domain.Channel;
import io.pharos.ticket.domain.Priority;
import io.pharos.ticket.domain.TicketStatus;

/** GraphQL input objects. */
final class Inputs {

    private Inputs() {
    }

    @Input("TicketFilter")
    @Description("Which tickets to list; all given conditions must hold")
    public record TicketFilter(TicketStatus status, String assigneeId, String team, Channel channel, String tag,
            @Description("Text to find in subjects and message bodies") String search) {
    }

    @Input("RequesterInput")
    public record Requester(String name, String email, String phone, String whatsapp, String telegram, String chat) {
    }

    @Input("CreateTicketInput")
    public record CreateTicket(@NotBlank @Size(max = 500) String subject, Channel channel, Priority priority,
            @NotNull Requester requester, @Size(max = 100_000) String text, List<@Size(max = 64) String> tags) {
    }
}
