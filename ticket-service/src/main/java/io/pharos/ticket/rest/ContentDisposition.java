package io.pharos.ticket.rest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * {@code Content-Disposition} after RFC 6266: an ASCII {@code filename} every client reads, and the
 * exact name as {@code filename*} (RFC 8187, UTF-8, percent-encoded) for the clients that read it.
 */
final class ContentDisposition {

    private ContentDisposition() {
    }

    static String of(boolean inline, String fileName) {
        String fallback = fileName.codePoints().mapToObj(c -> c < 0x20 || c > 0x7e || c == '"' || c == '\\' ? "_" : Character.toString(c))
                .reduce("", String::concat);
        // URLEncoder writes form encoding: a space is %20 in RFC 8187, and *, ~ are left alone there anyway
        String exact = URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
        return (inline ? "inline" : "attachment") + "; filename=\"" + fallback + "\"; filename*=UTF-8''" + exact;
    }
}
