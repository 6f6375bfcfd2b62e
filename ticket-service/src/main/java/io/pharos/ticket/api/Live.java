package io.pharos.ticket.api;

import jakarta.validation.groups.Default;

/**
 * Validation group of the live write paths (REST create and messages, GraphQL mutations): all the
 * default constraints, and no client timestamps. A reply or note happens now, in server time, so
 * that first-response and SLA figures cannot be forged; history with its own timestamps comes in
 * through the import (role integrator).
 */
public interface Live extends Default {

    String NO_CLIENT_TIME = "is set by the server on live requests; history with its timestamps goes to POST /api/v1/tickets/import";
}
