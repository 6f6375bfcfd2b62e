package io.pharos.ticket.api;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** An email address an agent adds to a ticket's conversation, with the name to show. */
public record ParticipantInput(@NotBlank @Email @Size(max = 320) String address, @Size(max = 200) String name) {
}
