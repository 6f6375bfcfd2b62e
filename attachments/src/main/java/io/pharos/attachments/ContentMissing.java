package io.pharos.attachments;

/** The store holds nothing at an address it was asked for. */
public class ContentMissing extends RuntimeException {

    public ContentMissing(String tenant, String sha256) {
        super("no content " + sha256 + " in tenant " + tenant);
    }
}
