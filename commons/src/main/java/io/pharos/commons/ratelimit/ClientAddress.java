package io.pharos.commons.ratelimit;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.pharos.commons.net.Cidr;
import io.vertx.core.http.HttpServerRequest;

/**
 * The client's address as this server can vouch for it: the TCP peer, unless the peer is one of
 * the configured proxies ({@code pharos.http.trusted-proxies}, addresses or CIDR ranges; none by
 * default). Only then is {@code X-Forwarded-For} read, from the right: each trusted proxy appends
 * the peer it saw, so the right-most entry that is not a trusted proxy is the client, and whatever
 * a client wrote further left is ignored. (Quarkus' own forwarding support takes the left-most
 * entry, which the client controls, so it is not used for this.)
 */
@ApplicationScoped
public class ClientAddress {

    private final List<Cidr> trusted;

    @Inject
    public ClientAddress(@ConfigProperty(name = "pharos.http.trusted-proxies") Optional<List<String>> trustedProxies) {
        this(trustedProxies.orElse(List.of()).stream().filter(s -> !s.isBlank()).map(Cidr::of).toList());
    }

    ClientAddress(List<Cidr> trusted) {
        this.trusted = List.copyOf(trusted);
    }

    public String of(HttpServerRequest request) {
        String peer = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        return resolve(peer, request.headers().getAll("X-Forwarded-For"));
    }

    /** The client address for a peer and the X-Forwarded-For header values it sent. */
    public String resolve(String peer, List<String> forwardedFor) {
        if (peer == null) {
            return "unknown";
        }
        if (!isTrusted(peer) || forwardedFor == null || forwardedFor.isEmpty()) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        forwardedFor.forEach(h -> {
            for (String hop : h.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.strip());
                }
            }
        });
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (Cidr.literal(hop).isEmpty()) {
                return client; // not an address a proxy would write: the last trusted hop is all we know
            }
            client = hop;
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return client;
    }

    private boolean isTrusted(String address) {
        Optional<InetAddress> ip = Cidr.literal(address);
        return ip.isPresent() && trusted.stream().anyMatch(c -> c.contains(ip.get()));
    }
}
