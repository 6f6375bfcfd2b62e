package io.pharos.ticket.api;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A person as integrators and channels describe them: a name and any of their channel
 * identities. The first identity that is already known decides which customer it is.
 */
public record IdentityInput(
        @Size(max = 200) String name,
        @Email @Size(max = 320) String email,
        @Pattern(regexp = "\\+?[0-9 ()-]{5,20}", message = "must be a phone number") String phone,
        @Size(max = 64) String whatsapp,
        @Size(max = 64) String telegram,
        @Size(max = 128) String messenger,
        @Size(max = 128) String instagram,
        @Size(max = 128) String chat,
        @Size(max = 200) String externalId,
        @Size(max = 16) String language) {
}
