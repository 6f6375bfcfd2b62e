package io.pharos.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A chat socket as a test drives it (the JDK's WebSocket client): frames are kept in order. */
public final class ChatClient implements WebSocket.Listener, AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    public final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    public WebSocket ws;

    public static ChatClient connect(URI base, String pathAndQuery) throws Exception {
        ChatClient client = new ChatClient();
        URI uri = URI.create(base.toString().replaceFirst("^http", "ws").replaceAll("/$", "") + pathAndQuery);
        client.ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, client).get(10, TimeUnit.SECONDS);
        return client;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                frames.add(JSON.readTree(partial.toString()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    public void send(Map<String, Object> frame) throws Exception {
        ws.sendText(JSON.writeValueAsString(frame), true).get(5, TimeUnit.SECONDS);
    }

    /** The next frame matching, skipping others; fails after the timeout. */
    public JsonNode next(Predicate<JsonNode> matching, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode f = frames.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (f != null && matching.test(f)) {
                return f;
            }
        }
        throw new AssertionError("no matching frame within " + timeout);
    }

    public JsonNode next(String type) throws InterruptedException {
        return next(f -> type.equals(f.path("type").asText()), Duration.ofSeconds(10));
    }

    @Override
    public void close() throws Exception {
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
    }
}
