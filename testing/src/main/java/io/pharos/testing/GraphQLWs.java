package io.pharos.testing;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

/**
 * A minimal graphql-transport-ws client (the protocol of the graphql-ws library front ends use):
 * bearer token on the upgrade request, one subscription per connection, frames queued for the test.
 */
public final class GraphQLWs implements AutoCloseable {

    private final WebSocketClient client;
    private final WebSocket socket;
    public final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();

    private GraphQLWs(WebSocketClient client, WebSocket socket) {
        this.client = client;
        this.socket = socket;
        socket.textMessageHandler(text -> frames.add(new JsonObject(text)));
    }

    public static GraphQLWs subscribe(Vertx vertx, URI graphql, String token, String query, Map<String, Object> variables)
            throws Exception {
        WebSocketClient client = vertx.createWebSocketClient();
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(graphql.getHost()).setPort(graphql.getPort())
                .setURI(graphql.getPath()).addSubProtocol("graphql-transport-ws")
                .addHeader("Authorization", "Bearer " + token);
        WebSocket socket = client.connect(options).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        GraphQLWs ws = new GraphQLWs(client, socket);
        socket.writeTextMessage(new JsonObject().put("type", "connection_init").put("payload", new JsonObject()).encode());
        JsonObject ack = ws.frames.poll(10, TimeUnit.SECONDS);
        if (ack == null || !"connection_ack".equals(ack.getString("type"))) {
            throw new IllegalStateException("no connection_ack but " + ack);
        }
        socket.writeTextMessage(new JsonObject().put("id", "1").put("type", "subscribe")
                .put("payload", new JsonObject().put("query", query).put("variables", new JsonObject(variables))).encode());
        return ws;
    }

    /** The next frame, or null when none arrives in time. */
    public JsonObject next(long seconds) throws InterruptedException {
        return frames.poll(seconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        socket.close();
        client.close();
    }
}
