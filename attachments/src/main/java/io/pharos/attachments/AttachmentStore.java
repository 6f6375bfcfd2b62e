package io.pharos.attachments;

import io.smallrye.mutiny.Uni;

/**
 * Where the bytes of attachments live, shared by the services that handle files: content-addressed
 * per tenant (one object per tenant and SHA-256, so a file sent twice is kept once and one tenant
 * never reads another's). Only metadata travels in events; whoever holds the tenant and the hash
 * reads the bytes from here.
 */
public interface AttachmentStore {

    /** Keeps the content under the tenant's address of its SHA-256; keeping the same bytes again writes nothing new. */
    Uni<StoredContent> put(String tenant, byte[] content, String fileName);

    /** The content at the tenant's address; fails with {@link ContentMissing} when there is none. */
    Uni<byte[]> get(String tenant, String sha256);

    /** Forgets the content at the tenant's address (no error when there is none). */
    Uni<Void> delete(String tenant, String sha256);
}
