package io.pharos.ticket.attachments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.pharos.attachments.AttachmentStore;
import io.pharos.attachments.ContentMissing;
import io.pharos.attachments.StoredContent;
import io.quarkus.test.junit.QuarkusTest;

/** The attachment store against the local runtime's S3 API (S3Proxy): what production does against S3. */
@QuarkusTest
class AttachmentStoreTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    /** A 1×1 PNG. */
    private static final byte[] PNG = Base64.getDecoder()
            .decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    @Inject
    AttachmentStore store;

    @Test
    void contentComesBackByteForByteUnderItsHashAndItsTypeComesFromTheBytes() {
        byte[] content = (UUID.randomUUID() + " Το δέμα έφτασε σπασμένο").getBytes(StandardCharsets.UTF_8);
        StoredContent stored = store.put("acme", content, "invoice.pdf").await().atMost(WAIT);
        assertThat(stored.size()).isEqualTo(content.length);
        assertThat(stored.sha256()).hasSize(64);
        assertThat(stored.contentType()).as("a text named .pdf is text").isEqualTo("text/plain");
        assertThat(store.get("acme", stored.sha256()).await().atMost(WAIT)).isEqualTo(content);

        StoredContent image = store.put("acme", PNG, "document.txt").await().atMost(WAIT);
        assertThat(image.contentType()).isEqualTo("image/png");
    }

    @Test
    void anotherTenantCannotReadItAndStoringItAgainChangesNothing() {
        byte[] content = ("secret of acme " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        StoredContent first = store.put("acme", content, "a.txt").await().atMost(WAIT);
        StoredContent again = store.put("acme", content, "b.txt").await().atMost(WAIT);
        assertThat(again.sha256()).isEqualTo(first.sha256());
        assertThatThrownBy(() -> store.get("globex", first.sha256()).await().atMost(WAIT)).isInstanceOf(ContentMissing.class);

        store.delete("acme", first.sha256()).await().atMost(WAIT);
        assertThatThrownBy(() -> store.get("acme", first.sha256()).await().atMost(WAIT)).isInstanceOf(ContentMissing.class);
    }
}
