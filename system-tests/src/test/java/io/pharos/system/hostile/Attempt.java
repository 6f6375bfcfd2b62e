package io.pharos.system.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One hostile request, sent over a plain socket so that anything can be sent: malformed percent
 * escapes in the target, bytes that are not UTF-8, bodies of any size. HTTP/1.1 with
 * {@code Connection: close}; the answer must begin within {@link #HANG} or the request hung.
 */
record Attempt(String label, String method, URI base, String rawTarget, Map<String, String> headers, byte[] body) {

    static final int HANG = 5_000;

    record Outcome(Attempt attempt, int status, String body, long millis, boolean hung) {
        boolean serverError() {
            return status >= 500;
        }

        @Override
        public String toString() {
            String shown = body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "…" : body;
            return attempt.label() + " " + attempt.method() + " " + attempt.shortTarget() + " -> "
                    + (hung ? "no answer in " + HANG + " ms" : status + " in " + millis + " ms: " + shown);
        }
    }

    static Attempt of(String label, String method, URI base, String rawTarget, byte[] body, String contentType, String token) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        return new Attempt(label, method, base, rawTarget, headers, body);
    }

    Attempt with(String header, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(header, value);
        return new Attempt(label, method, base, rawTarget, more, body);
    }

    String shortTarget() {
        return rawTarget.length() > 160 ? rawTarget.substring(0, 160) + "…" : rawTarget;
    }

    Outcome send() {
        long started = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 2_000);
            socket.setSoTimeout(HANG);
            OutputStream out = socket.getOutputStream();
            StringBuilder head = new StringBuilder(method).append(' ').append(rawTarget).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\n")
                    .append("Connection: close\r\nAccept: application/json, */*\r\n");
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            byte[] payload = body == null ? new byte[0] : body;
            if (body != null || !method.equals("GET") && !method.equals("DELETE")) {
                head.append("Content-Length: ").append(payload.length).append("\r\n");
            }
            head.append("\r\n");
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            try {
                out.write(payload);
                out.flush();
            } catch (IOException refusedEarly) {
                // a server may answer (413) and close before a big body is sent: the answer is what counts
            }
            return read(socket.getInputStream(), started);
        } catch (SocketTimeoutException e) {
            return new Outcome(this, -1, null, elapsed(started), true);
        } catch (IOException e) {
            // a connection reset without any answer is a failure of the service, counted like a 5xx
            return new Outcome(this, 599, "connection failed: " + e, elapsed(started), false);
        }
    }

    private Outcome read(InputStream in, long started) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        long deadline = System.currentTimeMillis() + HANG;
        try {
            while ((n = in.read(buffer)) > 0 && answer.size() < 64 * 1024 && System.currentTimeMillis() < deadline) {
                answer.write(buffer, 0, n);
                if (complete(answer)) {
                    break;
                }
            }
        } catch (SocketTimeoutException e) {
            if (answer.size() == 0) {
                throw e;
            }
        } catch (IOException e) {
            if (answer.size() == 0) {
                throw e;
            }
        }
        String text = answer.toString(StandardCharsets.UTF_8);
        if (!text.startsWith("HTTP/1.")) {
            return new Outcome(this, 599, "not an HTTP answer: " + text, elapsed(started), false);
        }
        int status = Integer.parseInt(text.substring(9, 12));
        int bodyStart = text.indexOf("\r\n\r\n");
        return new Outcome(this, status, bodyStart < 0 ? "" : text.substring(bodyStart + 4), elapsed(started), false);
    }

    /** A whole answer with a Content-Length has arrived (chunked answers are read until the server closes). */
    private static boolean complete(ByteArrayOutputStream answer) {
        String text = answer.toString(StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)\r\ncontent-length: *(\\d+)").matcher(text.substring(0, end));
        return m.find() && text.length() - end - 4 >= Integer.parseInt(m.group(1));
    }

    private static long elapsed(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
