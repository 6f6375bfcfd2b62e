package io.pharos.attachments;

import java.util.concurrent.CompletionException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The attachment store on any S3 API (AWS S3, MinIO, Ceph, and S3Proxy in the local runtime):
 * one bucket, objects at {@code <tenant>/<sha256[0..2]>/<sha256>}.
 */
@ApplicationScoped
public class S3AttachmentStore implements AttachmentStore {

    private final S3AsyncClient s3;
    private final String bucket;
    private final boolean createBucket;

    public S3AttachmentStore(S3AsyncClient s3, @ConfigProperty(name = "pharos.attachments.bucket", defaultValue = "pharos-attachments") String bucket,
            @ConfigProperty(name = "pharos.attachments.create-bucket", defaultValue = "false") boolean createBucket) {
        this.s3 = s3;
        this.bucket = bucket;
        this.createBucket = createBucket;
    }

    /** The local runtime and tests create their bucket; production's is provisioned with its policies. */
    void ensureBucket(@Observes StartupEvent started) {
        if (!createBucket) {
            return;
        }
        try {
            s3.createBucket(b -> b.bucket(bucket)).join();
        } catch (CompletionException e) {
            if (!(e.getCause() instanceof BucketAlreadyOwnedByYouException) && !(e.getCause() instanceof S3Exception s
                    && (s.statusCode() == 409))) {
                throw e;
            }
        }
    }

    @Override
    public Uni<StoredContent> put(String tenant, byte[] content, String fileName) {
        String sha256 = ContentAddress.sha256(content);
        String key = ContentAddress.key(tenant, sha256);
        String type = ContentTypes.detect(content, fileName == null ? "" : fileName);
        StoredContent stored = new StoredContent(tenant, sha256, content.length, type);
        return CallerContext.resumeOn(Uni.createFrom().completionStage(() -> s3.headObject(b -> b.bucket(bucket).key(key)))
                .replaceWith(stored)
                .onFailure(S3AttachmentStore::absent).recoverWithUni(() -> Uni.createFrom()
                        .completionStage(() -> s3.putObject(b -> b.bucket(bucket).key(key).contentType(type).contentLength((long) content.length),
                                AsyncRequestBody.fromBytes(content)))
                        .replaceWith(stored)));
    }

    @Override
    public Uni<byte[]> get(String tenant, String sha256) {
        String key = ContentAddress.key(tenant, sha256);
        return CallerContext.resumeOn(Uni.createFrom()
                .completionStage(() -> s3.getObject(b -> b.bucket(bucket).key(key), AsyncResponseTransformer.toBytes()))
                .map(bytes -> bytes.asByteArrayUnsafe())
                .onFailure(S3AttachmentStore::absent).transform(e -> new ContentMissing(tenant, sha256)));
    }

    @Override
    public Uni<Void> delete(String tenant, String sha256) {
        String key = ContentAddress.key(tenant, sha256);
        return CallerContext.resumeOn(Uni.createFrom().completionStage(() -> s3.deleteObject(b -> b.bucket(bucket).key(key))).replaceWithVoid());
    }

    private static boolean absent(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause instanceof NoSuchKeyException || cause instanceof NoSuchBucketException
                || cause instanceof S3Exception s && s.statusCode() == 404;
    }
}
