package io.pharos.channel.service.fetch;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.pharos.channel.service.security.OutboundGuard;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

/**
 * GETs of provider media, bounded in size and time. Links a payload names ({@code guarded}) go
 * through the {@link OutboundGuard}: the host is resolved once, every address checked, and the
 * connection made to that very address (TLS still verifies the name), so neither the link nor a
 * redirect nor a DNS answer can point this server at its own network. Redirects are followed (at
 * most five, each checked); credentials are sent only to the host they were meant for.
 */
@ApplicationScoped
public class MediaHttp {

    private static final int MAX_REDIRECTS = 5;
    /** What is read of an answer that is not the file (an error page, a JSON body). */
    private static final int MAX_METADATA_BYTES = 256 * 1024;

    /** An answer: its status, the {@code Location} of a redirect, the body (only as much as was allowed). */
    public record Answer(int status, String location, byte[] body) {
    }

    private final OutboundGuard guard;
    private final HttpClient client;
    private final Duration timeout;

    public MediaHttp(OutboundGuard guard, Vertx vertx,
            @ConfigProperty(name = "pharos.attachments.fetch.timeout", defaultValue = "60s") Duration timeout) {
        this.guard = guard;
        this.timeout = timeout;
        this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(5_000).setIdleTimeout(30).setForceSni(true)
                .setVerifyHost(true).setMaxPoolSize(16).setMaxRedirects(0));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /** Fetches the file at {@code url}, following redirects; fails with a {@link FetchFailure} over {@code maxBytes} or on any error status. */
    public Uni<byte[]> download(String provider, URI url, String authorization, boolean guarded, long maxBytes) {
        return follow(provider, url, authorization, url.getHost(), guarded, maxBytes, MAX_REDIRECTS);
    }

    /** A small JSON answer of a provider's API (configured base URL, never a payload's link): status and body. */
    public Uni<Answer> metadata(URI url, String authorization) {
        return get(url, authorization, null, MAX_METADATA_BYTES, false);
    }

    private Uni<byte[]> follow(String provider, URI url, String authorization, String authorizedHost, boolean guarded, long maxBytes,
            int redirectsLeft) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || url.getHost() == null) {
            return Uni.createFrom().failure(FetchFailure.permanent("The file's link is not a web address.", String.valueOf(url.getScheme())));
        }
        // a link's credentials are for its own host: a redirect to a CDN does not carry the account's secret
        String auth = url.getHost().equalsIgnoreCase(authorizedHost) ? authorization : null;
        Uni<InetAddress> address = guarded ? resolve(url) : Uni.createFrom().nullItem();
        return address.flatMap(ip -> get(url, auth, ip, maxBytes, true)).flatMap(answer -> {
            int status = answer.status();
            if (status >= 200 && status < 300) {
                return Uni.createFrom().item(answer.body());
            }
            if (status >= 300 && status < 400 && answer.location() != null) {
                if (redirectsLeft == 0) {
                    return Uni.createFrom().failure(FetchFailure.permanent(provider + " sent the file round in redirects.", "too many redirects"));
                }
                URI next;
                try {
                    next = url.resolve(answer.location());
                } catch (IllegalArgumentException e) {
                    return Uni.createFrom().failure(FetchFailure.permanent(provider + " redirected to something that is not a link.", null));
                }
                return follow(provider, next, authorization, authorizedHost, true, maxBytes, redirectsLeft - 1);
            }
            return Uni.createFrom().failure(FetchFailure.ofStatus(provider, status));
        });
    }

    private Uni<InetAddress> resolve(URI url) {
        int port = url.getPort() > 0 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
        return Uni.createFrom().item(() -> {
            try {
                return guard.resolve(url.getHost(), port);
            } catch (OutboundGuard.Refused e) {
                throw FetchFailure.permanent("The file's link points to an address Pharos may not contact.", e.getMessage());
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /**
     * One GET. With {@code server}, the connection goes to that address whatever the name resolves
     * to now. A 2xx body longer than {@code maxBytes} is cut off and fails as too large when
     * {@code limitIsTheFiles}; other bodies are kept up to a small cap only.
     */
    private Uni<Answer> get(URI url, String authorization, InetAddress server, long maxBytes, boolean limitIsTheFiles) {
        boolean tls = "https".equalsIgnoreCase(url.getScheme());
        int port = url.getPort() > 0 ? url.getPort() : tls ? 443 : 80;
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost(url.getHost()).setPort(port).setSsl(tls)
                .setURI(url.getRawQuery() == null ? path : path + "?" + url.getRawQuery()).setFollowRedirects(false)
                .setIdleTimeout(timeout.toMillis());
        if (server != null) {
            options.setServer(SocketAddress.inetSocketAddress(port, server.getHostAddress()));
        }
        if (authorization != null) {
            options.putHeader("Authorization", authorization);
        }
        AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
        return Uni.createFrom().<Answer> emitter(em -> client.request(options).onFailure(em::fail).onSuccess(request -> {
            sent.set(request);
            request.exceptionHandler(em::fail);
            request.send().onFailure(em::fail).onSuccess(response -> {
                int status = response.statusCode();
                boolean file = status >= 200 && status < 300 && limitIsTheFiles;
                long cap = file ? maxBytes : MAX_METADATA_BYTES;
                String length = response.getHeader("Content-Length");
                if (file && length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > cap) {
                    em.fail(tooLarge(cap)); // before the reset, whose exception would otherwise be the failure
                    request.reset();
                    return;
                }
                Buffer body = Buffer.buffer();
                response.handler(chunk -> {
                    if (body.length() + (long) chunk.length() > cap) {
                        if (file) {
                            // stop reading at the limit: the rest never reaches memory
                            em.fail(tooLarge(cap));
                            request.reset();
                        }
                        return;
                    }
                    body.appendBuffer(chunk);
                });
                response.exceptionHandler(em::fail);
                response.endHandler(v -> em.complete(new Answer(status, response.getHeader("Location"), body.getBytes())));
            });
        })).ifNoItem().after(timeout).failWith(() -> FetchFailure.transientFailure("The provider took too long to hand over the file.",
                "no answer within " + timeout.toSeconds() + " s"))
                .onFailure().invoke(e -> {
                    HttpClientRequest r = sent.get();
                    if (r != null) {
                        r.reset();
                    }
                })
                .onFailure(e -> !(e instanceof FetchFailure)).transform(e -> FetchFailure.transientFailure(
                        "The provider could not be reached.", e.getClass().getSimpleName() + ": " + e.getMessage()));
    }

    static FetchFailure tooLarge(long limit) {
        return FetchFailure.permanent("The file is larger than this help desk accepts (" + megabytes(limit) + ").", "over " + limit + " bytes");
    }

    static String megabytes(long bytes) {
        return bytes >= 1024 * 1024 ? (bytes / (1024 * 1024)) + " MB" : bytes + " bytes";
    }
}
