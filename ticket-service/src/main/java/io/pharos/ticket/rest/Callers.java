package io.pharos.ticket.rest;

import io.pharos.commons.security.Roles;
import io.pharos.commons.security.TenantContext;
import io.pharos.ticket.domain.AuthorKind;
import io.pharos.ticket.service.Actor;

/** The actor a request acts as: an agent by their own name, an integrator as its service account. */
final class Callers {

    private Callers() {
    }

    static Actor actor(TenantContext caller) {
        if (caller.hasRole(Roles.AGENT)) {
            return new Actor(AuthorKind.AGENT, caller.subject(), caller.username(), false);
        }
        return new Actor(AuthorKind.SYSTEM, caller.subject(), caller.username(), true);
    }
}
