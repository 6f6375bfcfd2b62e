package io.pharos.attachments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.pharos.contracts.channel.VirusScan;
import io.pharos.contracts.channel.VirusScan.Verdict;

/**
 * ClamdScanner against a real clamd (Debian's clamav-daemon), started here with a signature
 * database of its own: no freshclam, no internet. Skipped only where the clamd binary is absent.
 */
class ClamdScannerTest {

    /** What the test signature matches; a stand-in for malware that no real scanner database knows. */
    static final String MARKER = "PHAROS-TEST-MALWARE-7f3a9c";
    static final long STREAM_MAX = 2 * 1024 * 1024;

    @TempDir
    static Path dir;
    static Process clamd;
    static int port;
    static ExecutorService worker = Executors.newCachedThreadPool();

    @BeforeAll
    static void startClamd() throws Exception {
        Path binary = Path.of(System.getProperty("pharos.clamd", "/usr/sbin/clamd"));
        assumeTrue(Files.isExecutable(binary), "clamd is not installed (apt-get install clamav-daemon): the scanner is not tested against it");
        Path db = Files.createDirectories(dir.resolve("db"));
        // .ndb: name, target type (0 = any file), offset (* = anywhere), hex of the bytes
        Files.writeString(db.resolve("pharos-test.ndb"),
                "Pharos.Test.Marker:0:*:" + HexFormat.of().formatHex(MARKER.getBytes(StandardCharsets.US_ASCII)) + "\n");
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path conf = dir.resolve("clamd.conf");
        Files.writeString(conf, String.join("\n",
                "Foreground yes",
                "DatabaseDirectory " + db,
                "TCPSocket " + port,
                "TCPAddr 127.0.0.1",
                "LogFile " + dir.resolve("clamd.log"),
                "PidFile " + dir.resolve("clamd.pid"),
                "TemporaryDirectory " + dir,
                "StreamMaxLength " + STREAM_MAX,
                "MaxThreads 2",
                "") );
        clamd = new ProcessBuilder(binary.toString(), "--config-file=" + conf).redirectErrorStream(true)
                .redirectOutput(dir.resolve("clamd.out").toFile()).start();
        // clamd listens once its database is loaded (a second with this one)
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!listening(port)) {
            if (!clamd.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("clamd did not start: " + Files.readString(dir.resolve("clamd.out")));
            }
            Thread.sleep(200);
        }
    }

    @AfterAll
    static void stopClamd() throws Exception {
        if (clamd != null) {
            clamd.destroy();
            clamd.waitFor(10, TimeUnit.SECONDS);
        }
        worker.shutdownNow();
    }

    @Test
    void aCleanFileIsClean() {
        assertThat(scan(scanner(port, Duration.ofSeconds(30)), "An invoice, nothing else.".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new VirusScan(Verdict.CLEAN, null));
    }

    @Test
    void aFileWithTheSignatureAcrossChunksIsInfectedWithItsName() {
        // 1 MiB of filler with the marker straddling the boundary of two 64 KiB chunks
        byte[] content = new byte[1024 * 1024];
        java.util.Arrays.fill(content, (byte) 'a');
        byte[] marker = MARKER.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(marker, 0, content, 65536 - marker.length / 2, marker.length);

        VirusScan scan = scan(scanner(port, Duration.ofSeconds(30)), content);

        assertThat(scan.verdict()).isEqualTo(Verdict.INFECTED);
        // clamd names signatures of unofficial databases "<name>.UNOFFICIAL"
        assertThat(scan.signature()).startsWith("Pharos.Test.Marker");
    }

    @Test
    void aFileLongerThanClamdAcceptsFailsInsteadOfPassingAsClean() {
        byte[] content = new byte[(int) STREAM_MAX + 1024 * 1024];

        assertThat(scan(scanner(port, Duration.ofSeconds(30)), content).verdict()).isEqualTo(Verdict.FAILED);
    }

    @Test
    void noClamdListeningFails() throws IOException {
        int closed;
        try (ServerSocket free = new ServerSocket(0)) {
            closed = free.getLocalPort();
        }
        assertThat(scan(scanner(closed, Duration.ofSeconds(5)), "x".getBytes(StandardCharsets.UTF_8)).verdict()).isEqualTo(Verdict.FAILED);
    }

    @Test
    void aClamdThatNeverAnswersFailsAfterTheTimeout() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            // accepts the connection (the backlog does), reads nothing, answers nothing
            assertThat(scan(scanner(silent.getLocalPort(), Duration.ofMillis(500)), "x".getBytes(StandardCharsets.UTF_8)).verdict())
                    .isEqualTo(Verdict.FAILED);
        }
    }

    @Test
    void clamdIsAskedOnlyWhenItsHostIsConfigured() {
        assertThat(VirusScanners.choose(settings(Optional.empty(), port, Duration.ofSeconds(5)))).isInstanceOf(UnscannedFiles.class);
        assertThat(VirusScanners.choose(settings(Optional.of(""), port, Duration.ofSeconds(5)))).isInstanceOf(UnscannedFiles.class);
        assertThat(VirusScanners.choose(settings(Optional.of("127.0.0.1"), port, Duration.ofSeconds(5)))).isInstanceOf(ClamdScanner.class);
    }

    // ------------------------------------------------------------------------------------

    private static VirusScan scan(ClamdScanner scanner, byte[] content) {
        return scanner.scan(content).await().atMost(Duration.ofSeconds(60));
    }

    private static ClamdScanner scanner(int port, Duration timeout) {
        return new ClamdScanner(settings(Optional.of("127.0.0.1"), port, timeout), worker);
    }

    private static ClamdSettings settings(Optional<String> host, int port, Duration timeout) {
        return new ClamdSettings() {
            public Optional<String> host() {
                return host;
            }

            public int port() {
                return port;
            }

            public Duration connectTimeout() {
                return Duration.ofSeconds(2);
            }

            public Duration timeout() {
                return timeout;
            }

            public int chunkBytes() {
                return 65536;
            }
        };
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
