package io.pharos.ticket.api;

import java.util.List;

/** A contact card the customer shared. */
public record ContactDto(String name, List<String> phones, List<String> emails, String organization) {
}
