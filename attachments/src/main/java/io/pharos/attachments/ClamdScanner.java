package io.pharos.attachments;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executor;

import org.jboss.logging.Logger;

import io.pharos.contracts.channel.VirusScan;
import io.pharos.contracts.channel.VirusScan.Verdict;
import io.smallrye.mutiny.Uni;

/**
 * Asks clamd over TCP with its INSTREAM command: {@code zINSTREAM\0}, the content in chunks each
 * preceded by its length (4 bytes, big-endian), a zero length to end, then one reply line
 * ({@code stream: OK}, {@code stream: <signature> FOUND}, {@code ... ERROR}). The socket is a blocking
 * one on a worker thread, never on an event loop; any error or timeout is a {@code FAILED} verdict
 * (the file is kept, served as unscanned), never an exception.
 */
public class ClamdScanner implements VirusScanner {

    private static final Logger LOG = Logger.getLogger(ClamdScanner.class);
    private static final byte[] INSTREAM = "zINSTREAM\0".getBytes(StandardCharsets.US_ASCII);
    static final VirusScan FAILED = new VirusScan(Verdict.FAILED, null);

    private final InetSocketAddress address;
    private final Duration connectTimeout;
    private final Duration timeout;
    private final int chunkBytes;
    private final Executor worker;

    public ClamdScanner(ClamdSettings settings, Executor worker) {
        this.address = InetSocketAddress.createUnresolved(settings.host().orElseThrow(), settings.port());
        this.connectTimeout = settings.connectTimeout();
        this.timeout = settings.timeout();
        this.chunkBytes = Math.max(1, settings.chunkBytes());
        this.worker = worker;
    }

    @Override
    public Uni<VirusScan> scan(byte[] content) {
        return CallerContext.resumeOn(Uni.createFrom().item(() -> ask(content))
                .runSubscriptionOn(worker)
                // the socket's own timeouts bound each read; this bounds a clamd that trickles its answer
                .ifNoItem().after(timeout).recoverWithItem(() -> {
                    LOG.warnf("clamd at %s gave no verdict within %s", address, timeout);
                    return FAILED;
                }));
    }

    private VirusScan ask(byte[] content) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address.getHostString(), address.getPort()), (int) connectTimeout.toMillis());
            socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
            OutputStream out = socket.getOutputStream();
            try {
                out.write(INSTREAM);
                for (int offset = 0; offset < content.length; offset += chunkBytes) {
                    int length = Math.min(chunkBytes, content.length - offset);
                    out.write(ByteBuffer.allocate(4).putInt(length).array());
                    out.write(content, offset, length);
                }
                out.write(new byte[4]);
                out.flush();
            } catch (IOException e) {
                // clamd closes the stream when it exceeds StreamMaxLength; its reason may still be readable
                LOG.debugf(e, "clamd at %s stopped reading", address);
            }
            return verdict(readReply(socket.getInputStream()));
        } catch (IOException e) {
            LOG.warnf("clamd at %s could not be asked: %s", address, e.toString());
            return FAILED;
        }
    }

    /** One reply, ended by NUL (the {@code z} prefix) or by clamd closing the connection. */
    private static String readReply(InputStream in) throws IOException {
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) > 0) {
            reply.write(b);
        }
        return reply.toString(StandardCharsets.UTF_8).strip();
    }

    static VirusScan verdict(String reply) {
        if (reply.equals("stream: OK")) {
            return new VirusScan(Verdict.CLEAN, null);
        }
        if (reply.startsWith("stream: ") && reply.endsWith(" FOUND")) {
            return new VirusScan(Verdict.INFECTED, reply.substring("stream: ".length(), reply.length() - " FOUND".length()));
        }
        LOG.warnf("clamd could not scan a file: %s", reply.isEmpty() ? "(no reply)" : reply);
        return FAILED;
    }
}
