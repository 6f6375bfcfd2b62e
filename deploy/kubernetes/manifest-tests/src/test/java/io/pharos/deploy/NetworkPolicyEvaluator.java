package io.pharos.deploy;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;

/**
 * Decides, the way Kubernetes does, whether a TCP connection between two pods of the same
 * namespace is allowed by a set of NetworkPolicies: a pod selected by no policy of a direction
 * is open in that direction; a selected pod accepts only what some rule of a selecting policy
 * allows; the connection needs both the source's egress and the destination's ingress.
 * Peers with a namespaceSelector name other namespaces and never match a pod of this one.
 */
final class NetworkPolicyEvaluator {

    private final List<NetworkPolicy> policies;

    NetworkPolicyEvaluator(List<NetworkPolicy> policies) {
        this.policies = policies;
    }

    boolean allowed(Map<String, String> source, Map<String, String> destination, int port) {
        return egressAllowed(source, destination, port) && ingressAllowed(source, destination, port);
    }

    /**
     * Whether a pod may open a connection to an address outside the cluster (an {@code ipBlock} peer
     * containing it and not excepting it); nothing of the cluster's ingress applies there.
     */
    boolean egressAllowedTo(Map<String, String> source, String address, int port) {
        List<NetworkPolicy> selecting = selecting(source, "Egress");
        return selecting.isEmpty() || selecting.stream()
                .flatMap(p -> p.getSpec().getEgress() == null ? java.util.stream.Stream.empty() : p.getSpec().getEgress().stream())
                .anyMatch(rule -> portsMatch(rule.getPorts(), port) && (rule.getTo() == null || rule.getTo().isEmpty()
                        || rule.getTo().stream().anyMatch(peer -> peer.getIpBlock() != null
                                && contains(peer.getIpBlock().getCidr(), address)
                                && (peer.getIpBlock().getExcept() == null
                                        || peer.getIpBlock().getExcept().stream().noneMatch(e -> contains(e, address))))));
    }

    /** IPv4 only: what the policies here name. */
    private static boolean contains(String cidr, String address) {
        String[] parts = cidr.split("/");
        int bits = Integer.parseInt(parts[1]);
        long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
        return (ipv4(parts[0]) & mask) == (ipv4(address) & mask);
    }

    private static long ipv4(String address) {
        long value = 0;
        for (String octet : address.split("\\.")) {
            value = (value << 8) | Integer.parseInt(octet);
        }
        return value;
    }

    private boolean ingressAllowed(Map<String, String> source, Map<String, String> destination, int port) {
        List<NetworkPolicy> selecting = selecting(destination, "Ingress");
        return selecting.isEmpty() || selecting.stream()
                .flatMap(p -> p.getSpec().getIngress() == null ? java.util.stream.Stream.empty() : p.getSpec().getIngress().stream())
                .anyMatch(rule -> peersMatch(rule.getFrom(), source) && portsMatch(rule.getPorts(), port));
    }

    private boolean egressAllowed(Map<String, String> source, Map<String, String> destination, int port) {
        List<NetworkPolicy> selecting = selecting(source, "Egress");
        return selecting.isEmpty() || selecting.stream()
                .flatMap(p -> p.getSpec().getEgress() == null ? java.util.stream.Stream.empty() : p.getSpec().getEgress().stream())
                .anyMatch(rule -> peersMatch(rule.getTo(), destination) && portsMatch(rule.getPorts(), port));
    }

    private List<NetworkPolicy> selecting(Map<String, String> pod, String direction) {
        return policies.stream()
                .filter(p -> p.getSpec().getPolicyTypes().contains(direction))
                .filter(p -> matches(p.getSpec().getPodSelector(), pod))
                .toList();
    }

    private static boolean peersMatch(List<NetworkPolicyPeer> peers, Map<String, String> pod) {
        if (peers == null || peers.isEmpty()) {
            return true; // no peers listed: every peer
        }
        return peers.stream().anyMatch(peer -> peer.getNamespaceSelector() == null && peer.getIpBlock() == null
                && peer.getPodSelector() != null && matches(peer.getPodSelector(), pod));
    }

    private static boolean portsMatch(List<NetworkPolicyPort> ports, int port) {
        return ports == null || ports.isEmpty() || ports.stream()
                .anyMatch(p -> p.getPort() == null || Objects.equals(p.getPort().getIntVal(), port));
    }

    private static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector.getMatchExpressions() != null && !selector.getMatchExpressions().isEmpty()) {
            throw new UnsupportedOperationException("matchExpressions are not evaluated here");
        }
        Map<String, String> wanted = selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
        return wanted.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }
}
