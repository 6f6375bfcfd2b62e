package io.pharos.channel.service.security;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.net.SocketFactory;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.pharos.commons.net.Cidr;

/**
 * Where a tenant may make this server connect (IMAP hosts and any other host or URL a channel
 * names): never to this machine, the private network, link-local (cloud metadata at
 * 169.254.169.254), CGNAT, multicast or the cluster's own names and ranges, whatever a DNS name
 * resolves to. Checked when a channel is saved and again as each socket connects, on the very
 * address it connects to (DNS may answer differently the second time: rebinding).
 * {@code pharos.outbound.allow} lists exceptions for local development and tests: {@code host},
 * {@code host:port} (compared by name, as configured) or a CIDR range.
 */
@ApplicationScoped
public class OutboundGuard {

    /** Ranges JDK's InetAddress predicates do not cover: CGNAT, unique-local IPv6, "this network", benchmarking, reserved, NAT64. */
    static final List<Cidr> FORBIDDEN = List.of(Cidr.of("0.0.0.0/8"), Cidr.of("100.64.0.0/10"), Cidr.of("192.0.0.0/24"),
            Cidr.of("198.18.0.0/15"), Cidr.of("240.0.0.0/4"), Cidr.of("fc00::/7"), Cidr.of("64:ff9b::/96"), Cidr.of("2001:db8::/32"));

    /** Refused with a reason that may be shown to the administrator who configured it. */
    public static class Refused extends IOException {
        public Refused(String message) {
            super(message);
        }
    }

    private final List<String> allowedNames;
    private final List<Cidr> allowedRanges;
    private final List<Cidr> clusterRanges;
    private final List<String> clusterSuffixes;

    public OutboundGuard(@ConfigProperty(name = "pharos.outbound.allow") Optional<List<String>> allow,
            @ConfigProperty(name = "pharos.outbound.cluster-cidrs") Optional<List<String>> clusterCidrs,
            @ConfigProperty(name = "pharos.outbound.cluster-suffixes", defaultValue = ".svc,.cluster.local,.internal,.localdomain") List<String> suffixes) {
        List<String> names = new ArrayList<>();
        List<Cidr> ranges = new ArrayList<>();
        for (String entry : allow.orElse(List.of())) {
            String e = entry.strip().toLowerCase(Locale.ROOT);
            if (e.isEmpty()) {
                continue;
            }
            Cidr.parse(e).ifPresentOrElse(ranges::add, () -> names.add(e));
        }
        this.allowedNames = List.copyOf(names);
        this.allowedRanges = List.copyOf(ranges);
        this.clusterRanges = clusterCidrs.orElse(List.of()).stream().filter(s -> !s.isBlank()).map(Cidr::of).toList();
        this.clusterSuffixes = suffixes.stream().map(s -> s.strip().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty()).toList();
    }

    /** Checks a host and port before it is saved or used: resolves it and refuses any forbidden address. */
    public void check(String host, int port) throws Refused {
        vetted(host, port, false);
    }

    /**
     * The address to connect to for a host a payload named (a provider's media link): the first it
     * resolves to, every address checked as {@link #check} does. Connecting to exactly this address
     * (not resolving again) is what keeps DNS rebinding out. Blocking (DNS).
     */
    public InetAddress resolve(String host, int port) throws Refused {
        return vetted(host, port, true)[0];
    }

    /** The host's addresses, all allowed; a host allowed by name is resolved only when {@code resolveAllowed}. */
    private InetAddress[] vetted(String host, int port, boolean resolveAllowed) throws Refused {
        String name = normalise(host);
        if (port < 1 || port > 65535) {
            throw new Refused("port " + port + " is not a TCP port");
        }
        boolean allowed = allowedByName(name, port);
        if (allowed && !resolveAllowed) {
            return new InetAddress[0];
        }
        if (!allowed) {
            checkName(name);
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(name);
        } catch (UnknownHostException e) {
            throw new Refused("host " + name + " does not resolve");
        }
        if (!allowed) {
            for (InetAddress a : addresses) {
                checkAddress(name, a);
            }
        }
        return addresses;
    }

    /** A socket factory whose sockets refuse to connect to a forbidden address (for Angus Mail's {@code mail.<protocol>.socketFactory}). */
    public SocketFactory socketFactory() {
        return new GuardedSocketFactory();
    }

    private boolean allowedByName(String name, int port) {
        return allowedNames.contains(name) || allowedNames.contains(name + ":" + port);
    }

    private void checkName(String name) throws Refused {
        if (Cidr.literal(name).isPresent()) {
            return; // an IP literal: its address is checked below
        }
        if (!name.contains(".")) {
            // a single label resolves through the search domains: a cluster service name (postgres, kubernetes)
            throw new Refused("host " + name + " is not a fully qualified public host name");
        }
        for (String suffix : clusterSuffixes) {
            if (name.endsWith(suffix) || ("." + name).equals(suffix)) {
                throw new Refused("host " + name + " is an internal (cluster) name");
            }
        }
    }

    private void checkAddress(String name, InetAddress a) throws Refused {
        if (allowedRanges.stream().anyMatch(c -> c.contains(a))) {
            return;
        }
        String kind = a.isAnyLocalAddress() ? "unspecified" : a.isLoopbackAddress() ? "loopback" : a.isLinkLocalAddress() ? "link-local"
                : a.isSiteLocalAddress() ? "private" : a.isMulticastAddress() ? "multicast"
                : FORBIDDEN.stream().anyMatch(c -> c.contains(a)) ? "reserved or private"
                : clusterRanges.stream().anyMatch(c -> c.contains(a)) ? "cluster" : null;
        if (kind != null) {
            throw new Refused("host " + name + " resolves to " + a.getHostAddress() + ", a " + kind + " address");
        }
    }

    private static String normalise(String host) throws Refused {
        if (host == null || host.isBlank()) {
            throw new Refused("no host given");
        }
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1); // "localhost." is localhost
        }
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.isEmpty() || h.chars().anyMatch(c -> c <= ' ' || c == '/' || c == '@')) {
            throw new Refused("'" + host.strip() + "' is not a host name");
        }
        return h;
    }

    /** Unconnected sockets checked on connect, on the address InetSocketAddress resolved: what is checked is what is dialled. */
    private final class GuardedSocketFactory extends SocketFactory {

        @Override
        public Socket createSocket() {
            return new Socket() {
                @Override
                public void connect(SocketAddress endpoint, int timeout) throws IOException {
                    if (endpoint instanceof InetSocketAddress target) {
                        String name = normalise(target.getHostString());
                        if (!allowedByName(name, target.getPort())) {
                            checkName(name);
                            if (target.isUnresolved()) {
                                throw new Refused("host " + name + " does not resolve");
                            }
                            checkAddress(name, target.getAddress());
                        }
                    }
                    super.connect(endpoint, timeout);
                }
            };
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            Socket s = createSocket();
            s.connect(new InetSocketAddress(host, port));
            return s;
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            Socket s = createSocket();
            s.bind(new InetSocketAddress(localHost, localPort));
            s.connect(new InetSocketAddress(host, port));
            return s;
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            Socket s = createSocket();
            s.connect(new InetSocketAddress(host, port));
            return s;
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
            Socket s = createSocket();
            s.bind(new InetSocketAddress(localAddress, localPort));
            s.connect(new InetSocketAddress(address, port));
            return s;
        }
    }
}
