package io.pharos.channel.domain;

import java.util.UUID;

/** A file an agent's chat reply carries: its bytes stay in the attachment store, the visitor gets a signed link. */
public record ChatFile(UUID id, String name, String type, long size) {
}
