package io.pharos.ticket.service;

import io.pharos.ticket.domain.AuthorKind;

/** Who makes a change: an agent or integrator (by token subject), a customer, or the system. */
public record Actor(AuthorKind kind, String id, String name, boolean integrator) {

    public static Actor system() {
        return new Actor(AuthorKind.SYSTEM, null, "system", false);
    }

    public String label() {
        return kind.name().toLowerCase() + ":" + (name != null ? name : id);
    }
}
