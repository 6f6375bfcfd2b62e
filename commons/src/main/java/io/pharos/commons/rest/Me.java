package io.pharos.commons.rest;

import java.util.Set;

/** The caller as the service sees it: the first thing an integrator checks with a new token. */
public record Me(String tenant, String subject, String username, Set<String> roles) {
}
