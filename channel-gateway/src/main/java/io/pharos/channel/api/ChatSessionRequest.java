package io.pharos.channel.api;

import jakarta.validation.constraints.Size;

/** A visitor opening (or, with the token it holds, resuming) a chat; every field is optional. */
public record ChatSessionRequest(
        @Size(max = 100) String name,
        @Size(max = 254) String email,
        @Size(max = 8) String language,
        @Size(max = 512) String token) {
}
