package io.pharos.channel.client;

import java.util.UUID;

/**
 * A file an agent sends, read from the attachment store: its name and the type detected from its
 * content when it was uploaded, with the bytes the provider gets.
 */
public record OutgoingFile(UUID id, String fileName, String contentType, byte[] content) {

    /** The type without parameters, lower case ({@code audio/ogg; codecs=opus} → {@code audio/ogg}). */
    public String mediaType() {
        String type = contentType == null || contentType.isBlank() ? "application/octet-stream" : contentType;
        int semicolon = type.indexOf(';');
        return (semicolon < 0 ? type : type.substring(0, semicolon)).strip().toLowerCase(java.util.Locale.ROOT);
    }
}
