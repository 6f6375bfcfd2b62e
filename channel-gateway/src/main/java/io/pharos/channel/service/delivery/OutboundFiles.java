package io.pharos.channel.service.delivery;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.attachments.AttachmentStore;
import io.pharos.attachments.ContentMissing;
import io.pharos.channel.client.OutgoingFile;
import io.pharos.channel.domain.Undeliverable;
import io.pharos.contracts.channel.OutboundAttachment;
import io.smallrye.mutiny.Uni;

/**
 * The files of a request, read from the attachment store under the request's tenant, one after
 * the other (a reply's files may be large; they are not all fetched at once). A file that is not
 * in the store fails the request: sending the reply without it would tell the customer something
 * the agent did not say.
 */
@ApplicationScoped
class OutboundFiles {

    private final AttachmentStore store;

    OutboundFiles(AttachmentStore store) {
        this.store = store;
    }

    Uni<List<OutgoingFile>> load(String tenant, List<OutboundAttachment> attachments) {
        Uni<List<OutgoingFile>> loaded = Uni.createFrom().item(new ArrayList<>());
        for (OutboundAttachment a : attachments) {
            loaded = loaded.flatMap(files -> store.get(tenant, a.sha256())
                    .onFailure(ContentMissing.class)
                    .transform(e -> new Undeliverable("attachment " + a.fileName() + " (" + a.id() + ") is not in the attachment store"))
                    .map(bytes -> {
                        files.add(new OutgoingFile(a.id(), a.fileName(), a.contentType(), bytes));
                        return files;
                    }));
        }
        return loaded;
    }
}
