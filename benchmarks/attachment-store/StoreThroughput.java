import java.net.URI;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.postgresql.PGConnection;
import org.postgresql.largeobject.LargeObject;
import org.postgresql.largeobject.LargeObjectManager;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * Put and get throughput of one object at a time, in one warm JVM, for the two candidate local
 * backends of the attachment store: S3Proxy (filesystem) through the AWS SDK's async client the
 * services use (configured as S3ClientProducer does), and PostgreSQL large objects through JDBC
 * (the driver's LargeObjectManager, one transaction per object). Each get is checked byte for byte.
 *   java -cp <classpath> StoreThroughput.java <rounds> <sizeMiB>...
 */
public class StoreThroughput {

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        String s3Endpoint = env("S3_ENDPOINT", "http://localhost:9000");
        String bucket = env("BENCH_BUCKET", "pharos-attachments-bench");
        String jdbc = env("BENCH_JDBC", "jdbc:postgresql://localhost:5432/ticket_test_att4");
        try (S3AsyncClient s3 = S3AsyncClient.builder().region(Region.US_EAST_1).forcePathStyle(true)
                .endpointOverride(URI.create(s3Endpoint))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        env("S3_ACCESS_KEY", "pharos-local"), env("S3_SECRET_KEY", "pharos-local-secret"))))
                .build();
                Connection pg = DriverManager.getConnection(jdbc, env("BENCH_DB_USER", "ticket"), env("BENCH_DB_PASSWORD", "ticket"))) {
            try {
                s3.createBucket(b -> b.bucket(bucket)).join();
            } catch (Exception alreadyThere) {
                // owned by us from an earlier run
            }
            pg.setAutoCommit(false);
            LargeObjectManager lo = pg.unwrap(PGConnection.class).getLargeObjectAPI();
            System.out.println("| backend | size | put MB/s (median) | get MB/s (median) | put ms (median) | get ms (median) |");
            System.out.println("| --- | --- | --- | --- | --- | --- |");
            for (int i = 1; i < args.length; i++) {
                int mib = Integer.parseInt(args[i]);
                byte[] content = new byte[mib * 1024 * 1024];
                new SecureRandom().nextBytes(content); // incompressible, like photos and PDFs
                // warm-up: class loading, connections, JIT; not counted
                s3Round(s3, bucket, content, "warmup");
                pgRound(pg, lo, content);
                List<long[]> s3Times = new ArrayList<>();
                List<long[]> pgTimes = new ArrayList<>();
                for (int r = 0; r < rounds; r++) {
                    s3Times.add(s3Round(s3, bucket, content, "r" + r));
                    pgTimes.add(pgRound(pg, lo, content));
                }
                print("S3Proxy, filesystem (AWS SDK async client)", mib, s3Times);
                print("PostgreSQL large object (JDBC)", mib, pgTimes);
            }
        }
    }

    /** {put ns, get ns} */
    static long[] s3Round(S3AsyncClient s3, String bucket, byte[] content, String name) {
        String key = "bench/" + content.length + "-" + name;
        long t0 = System.nanoTime();
        s3.putObject(b -> b.bucket(bucket).key(key).contentLength((long) content.length), AsyncRequestBody.fromBytes(content)).join();
        long t1 = System.nanoTime();
        byte[] back = s3.getObject(b -> b.bucket(bucket).key(key), AsyncResponseTransformer.toBytes()).join().asByteArrayUnsafe();
        long t2 = System.nanoTime();
        check(content, back);
        s3.deleteObject(b -> b.bucket(bucket).key(key)).join();
        return new long[] { t1 - t0, t2 - t1 };
    }

    static long[] pgRound(Connection pg, LargeObjectManager lo, byte[] content) throws Exception {
        long t0 = System.nanoTime();
        long oid = lo.createLO(LargeObjectManager.READWRITE);
        try (LargeObject object = lo.open(oid, LargeObjectManager.WRITE)) {
            object.write(content);
        }
        pg.commit();
        long t1 = System.nanoTime();
        byte[] back;
        try (LargeObject object = lo.open(oid, LargeObjectManager.READ)) {
            back = object.read(content.length);
        }
        pg.commit();
        long t2 = System.nanoTime();
        check(content, back);
        lo.delete(oid);
        pg.commit();
        return new long[] { t1 - t0, t2 - t1 };
    }

    static void check(byte[] sent, byte[] back) {
        if (!Arrays.equals(sent, back)) {
            throw new IllegalStateException("read back differs from what was written");
        }
    }

    static void print(String backend, int mib, List<long[]> times) {
        double put = median(times, 0) / 1e6;
        double get = median(times, 1) / 1e6;
        double mb = mib * 1.048576; // MiB in MB
        System.out.printf("| %s | %d MiB | %.0f | %.0f | %.1f | %.1f |%n", backend, mib, mb / (put / 1000), mb / (get / 1000), put, get);
    }

    static double median(List<long[]> times, int which) {
        long[] values = times.stream().mapToLong(t -> t[which]).sorted().toArray();
        return values.length % 2 == 1 ? values[values.length / 2] : (values[values.length / 2 - 1] + values[values.length / 2]) / 2.0;
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
