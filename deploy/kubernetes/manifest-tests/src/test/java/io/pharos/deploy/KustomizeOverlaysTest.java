package io.pharos.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.pharos.contracts.Topics;

/** The rendered dev and prod overlays, checked resource by resource. */
class KustomizeOverlaysTest {

    static final List<String> SERVICES = List.of("ticket-service", "channel-gateway", "survey-service", "analytics-service");
    static final Pattern SECRET_NAME = Pattern.compile("(?i).*(PASSWORD|SECRET|TOKEN|JAAS|CREDENTIAL|PRIVATE|API_?KEY).*");
    static final ObjectMapper JSON = new ObjectMapper();

    static RenderedOverlay dev;
    static RenderedOverlay prod;

    @BeforeAll
    static void render() {
        dev = RenderedOverlay.render("dev");
        prod = RenderedOverlay.render("prod");
    }

    static RenderedOverlay overlay(String name) {
        return "dev".equals(name) ? dev : prod;
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void everyDeploymentHasProbesResourcesAndARestrictedSecurityContext(String name) {
        List<Deployment> deployments = overlay(name).all(Deployment.class);
        assertThat(deployments).extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrder("ticket-service", "channel-gateway", "survey-service", "analytics-service", "gateway");
        for (Deployment deployment : deployments) {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            String where = name + "/" + deployment.getMetadata().getName();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(where + " runAsNonRoot").isTrue();
            assertThat(pod.getAutomountServiceAccountToken()).as(where + " service account token").isFalse();
            for (Container c : pod.getContainers()) {
                assertThat(c.getLivenessProbe()).as(where + " liveness").isNotNull();
                assertThat(c.getReadinessProbe()).as(where + " readiness").isNotNull();
                assertThat(c.getStartupProbe()).as(where + " startup").isNotNull();
                assertThat(c.getResources().getRequests()).as(where + " requests").containsKeys("cpu", "memory");
                assertThat(c.getResources().getLimits()).as(where + " limits").containsKey("memory");
                var security = c.getSecurityContext();
                assertThat(security.getAllowPrivilegeEscalation()).as(where + " privilege escalation").isFalse();
                assertThat(security.getReadOnlyRootFilesystem()).as(where + " read-only root").isTrue();
                assertThat(security.getCapabilities().getDrop()).as(where + " capabilities").contains("ALL");
                assertThat(c.getImage()).as(where + " image is pinned").matches(".+:[0-9][^:]*");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void javaServicesExitOnOutOfMemoryAndAWedgedOneIsRestarted(String name) {
        for (Deployment deployment : overlay(name).all(Deployment.class)) {
            if ("gateway".equals(deployment.getMetadata().getName())) {
                continue; // Node.js, not a JVM
            }
            String where = name + "/" + deployment.getMetadata().getName();
            Container c = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(c.getEnv()).as(where + " JDK_JAVA_OPTIONS")
                    .anyMatch(env -> env.getName().equals("JDK_JAVA_OPTIONS") && env.getValue().contains("-XX:+ExitOnOutOfMemoryError"));
            // whatever replaces the image's JVM options must keep the flag
            assertThat(c.getEnv()).as(where + " JVM options without ExitOnOutOfMemoryError")
                    .noneMatch(env -> env.getName().matches("JAVA_OPTS.*|JAVA_TOOL_OPTIONS|JDK_JAVA_OPTIONS")
                            && (env.getValue() == null || !env.getValue().contains("-XX:+ExitOnOutOfMemoryError")));
            var live = c.getLivenessProbe();
            assertThat(live.getHttpGet().getPath()).as(where + " liveness path").isEqualTo("/q/health/live");
            assertThat(live.getTimeoutSeconds()).as(where + " liveness timeout").isBetween(2, 5);
            assertThat(live.getPeriodSeconds() * live.getFailureThreshold()).as(where + " restarted within a minute").isBetween(20, 60);
        }
        for (ConfigMap map : overlay(name).all(ConfigMap.class)) {
            map.getData().forEach((key, value) -> assertThat(key.matches("JAVA_OPTS.*|JAVA_TOOL_OPTIONS|JDK_JAVA_OPTIONS")
                    && !value.contains("-XX:+ExitOnOutOfMemoryError")).as(map.getMetadata().getName() + " " + key).isFalse());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void noLiteralSecretAnywhere(String name) {
        RenderedOverlay rendered = overlay(name);
        assertThat(rendered.all(Secret.class)).as("Secret objects with data in the manifests").isEmpty();
        for (Deployment deployment : rendered.all(Deployment.class)) {
            for (Container c : deployment.getSpec().getTemplate().getSpec().getContainers()) {
                for (EnvVar env : c.getEnv()) {
                    if (SECRET_NAME.matcher(env.getName()).matches()) {
                        assertThat(env.getValue()).as(deployment.getMetadata().getName() + " " + env.getName()).isNull();
                        assertThat(env.getValueFrom().getSecretKeyRef()).isNotNull();
                    }
                }
            }
        }
        for (ConfigMap map : rendered.all(ConfigMap.class)) {
            assertThat(map.getData().keySet()).as(map.getMetadata().getName() + " keys")
                    .noneMatch(key -> SECRET_NAME.matcher(key).matches());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void everyTopicOfTheContractHasAKafkaTopic(String name) {
        Map<String, GenericKubernetesResource> topics = overlay(name).custom("KafkaTopic").stream()
                .collect(Collectors.toMap(t -> RenderedOverlay.<String> at(t, "spec", "topicName"), t -> t));
        Set<String> contract = contractTopics();
        assertThat(contract).hasSizeGreaterThanOrEqualTo(5);
        for (String topic : contract) {
            assertThat(topics).as("KafkaTopic for " + topic).containsKey(topic);
            assertThat(topics).as("dead-letter KafkaTopic for " + topic).containsKey(topic + ".dlq");
            Integer partitions = RenderedOverlay.at(topics.get(topic), "spec", "partitions");
            assertThat(partitions).isPositive();
        }
        int replicas = "prod".equals(name) ? 3 : 1;
        topics.values().forEach(t -> assertThat(RenderedOverlay.<Integer> at(t, "spec", "replicas")).isEqualTo(replicas));
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void everyServiceHasItsOwnDatabase(String name) {
        RenderedOverlay rendered = overlay(name);
        Set<String> hosts = new LinkedHashSet<>();
        for (String service : SERVICES) {
            Map<String, String> config = config(rendered, service);
            String host = config.get("DB_HOST");
            hosts.add(host);
            String cluster = host.replaceFirst("-rw$", "");
            GenericKubernetesResource db = rendered.custom("Cluster").stream()
                    .filter(c -> c.getMetadata().getName().equals(cluster)).findFirst()
                    .orElseThrow(() -> new AssertionError(service + ": no CloudNativePG Cluster " + cluster));
            assertThat(RenderedOverlay.<String> at(db, "spec", "bootstrap", "initdb", "database")).isEqualTo(config.get("DB_NAME"));
            assertThat(RenderedOverlay.<List<?>> at(db, "spec", "plugins")).as(cluster + " backups").isNotEmpty();
            Deployment deployment = rendered.named(Deployment.class, service).orElseThrow();
            assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                    .filteredOn(e -> e.getName().equals("DB_PASSWORD"))
                    .extracting(e -> e.getValueFrom().getSecretKeyRef().getName()).containsExactly(cluster + "-app");
        }
        assertThat(hosts).as("no two services share a database").hasSize(SERVICES.size());
        int instances = "prod".equals(name) ? 3 : 1;
        rendered.custom("Cluster").forEach(c -> assertThat(RenderedOverlay.<Integer> at(c, "spec", "instances")).isEqualTo(instances));
    }

    @Test
    void devRealmImportIsTheRealmFile() throws Exception {
        assertThat(realmOf(dev)).as("deploy/kubernetes/base/keycloak/realm-import.yaml is stale: run deploy/kubernetes/sync-realm.sh")
                .isEqualTo(realmFile());
    }

    @Test
    void prodRealmImportIsTheRealmFileWithoutDemoUsersAndLocalSecrets() throws Exception {
        JsonNode realm = realmOf(prod);
        assertThat(realm.get("users")).as("only service accounts, no demo people").allSatisfy(u ->
                assertThat(u.has("serviceAccountClientId")).isTrue());
        assertThat(realm.at("/clients/1/secret").asText()).isEqualTo("${ACME_INTEGRATOR_SECRET}");
        assertThat(realm.at("/clients/2/secret").asText()).isEqualTo("${GLOBEX_INTEGRATOR_SECRET}");
        assertThat(realm.at("/clients/3/clientId").asText()).isEqualTo("ticket-service");
        assertThat(realm.at("/clients/3/secret").asText()).isEqualTo("${TICKET_SERVICE_CLIENT_SECRET}");
        assertThat(realm.at("/clients/4/clientId").asText()).isEqualTo("analytics-service");
        assertThat(realm.at("/clients/4/secret").asText()).isEqualTo("${ANALYTICS_SERVICE_CLIENT_SECRET}");
        assertThat(realm.at("/clients/5/clientId").asText()).isEqualTo("pharos-operator");
        assertThat(realm.at("/clients/5/secret").asText()).isEqualTo("${PHAROS_OPERATOR_SECRET}");
        GenericKubernetesResource imported = prod.custom("KeycloakRealmImport").get(0);
        assertThat(RenderedOverlay.<Map<String, ?>> at(imported, "spec", "placeholders"))
                .containsKeys("ACME_INTEGRATOR_SECRET", "GLOBEX_INTEGRATOR_SECRET", "TICKET_SERVICE_CLIENT_SECRET",
                        "ANALYTICS_SERVICE_CLIENT_SECRET", "PHAROS_OPERATOR_SECRET");

        ObjectNode expected = (ObjectNode) realmFile();
        com.fasterxml.jackson.databind.node.ArrayNode serviceAccounts = expected.arrayNode();
        expected.get("users").forEach(u -> {
            if (u.has("serviceAccountClientId")) {
                serviceAccounts.add(u);
            }
        });
        expected.set("users", serviceAccounts);
        ((ObjectNode) expected.at("/clients/1")).put("secret", "${ACME_INTEGRATOR_SECRET}");
        ((ObjectNode) expected.at("/clients/2")).put("secret", "${GLOBEX_INTEGRATOR_SECRET}");
        ((ObjectNode) expected.at("/clients/3")).put("secret", "${TICKET_SERVICE_CLIENT_SECRET}");
        ((ObjectNode) expected.at("/clients/4")).put("secret", "${ANALYTICS_SERVICE_CLIENT_SECRET}");
        ((ObjectNode) expected.at("/clients/5")).put("secret", "${PHAROS_OPERATOR_SECRET}");
        assertThat(realm).as("everything else equals deploy/keycloak/pharos-realm.json").isEqualTo(expected);
    }

    @Test
    void prodNetworkPoliciesAllowTheArchitecturesFlowsAndDenyTheRest() {
        NetworkPolicyEvaluator net = new NetworkPolicyEvaluator(prod.all(NetworkPolicy.class));
        Map<String, String> gateway = podLabels("gateway");
        Map<String, String> kafka = Map.of("strimzi.io/cluster", "pharos-kafka", "strimzi.io/kind", "Kafka");
        Map<String, String> keycloak = Map.of("app", "keycloak");
        List<String> dbs = List.of("ticket-db", "channel-db", "survey-db", "analytics-db");

        for (int i = 0; i < SERVICES.size(); i++) {
            Map<String, String> service = podLabels(SERVICES.get(i));
            String own = dbs.get(i);
            assertThat(net.allowed(gateway, service, 8080)).as("gateway -> " + SERVICES.get(i)).isTrue();
            assertThat(net.allowed(service, kafka, 9093)).as(SERVICES.get(i) + " -> kafka").isTrue();
            assertThat(net.allowed(service, Map.of("cnpg.io/cluster", own), 5432)).as(SERVICES.get(i) + " -> " + own).isTrue();
            assertThat(net.allowed(service, keycloak, 8080)).as(SERVICES.get(i) + " -> keycloak").isTrue();
            for (String other : dbs) {
                if (!other.equals(own)) {
                    assertThat(net.allowed(service, Map.of("cnpg.io/cluster", other), 5432))
                            .as(SERVICES.get(i) + " -> " + other + " (not its database)").isFalse();
                }
            }
            assertThat(net.allowed(gateway, Map.of("cnpg.io/cluster", own), 5432)).as("gateway -> " + own).isFalse();
            assertThat(net.allowed(service, gateway, 4000)).as(SERVICES.get(i) + " -> gateway").isFalse();
        }
        assertThat(net.allowed(gateway, kafka, 9093)).as("gateway -> kafka").isFalse();
        assertThat(net.allowed(gateway, keycloak, 8080)).as("gateway -> keycloak (it verifies tokens itself)").isTrue();
        assertThat(net.allowed(podLabels("survey-service"), podLabels("analytics-service"), 8080))
                .as("services do not call each other").isFalse();
        assertThat(net.allowed(podLabels("channel-gateway"), podLabels("ticket-service"), 8080))
                .as("channel-gateway asks ticket-service for reply due times").isTrue();
        assertThat(net.allowed(podLabels("ticket-service"), podLabels("ticket-service"), 5005)).as("any other port").isFalse();
    }

    @Test
    void prodIsRedundantAutoscaledAndObserved() {
        for (Deployment deployment : prod.all(Deployment.class)) {
            String name = deployment.getMetadata().getName();
            assertThat(deployment.getSpec().getReplicas()).as(name + " replicas").isGreaterThanOrEqualTo(2);
            assertThat(deployment.getSpec().getTemplate().getSpec().getTopologySpreadConstraints()).as(name + " spread").isNotEmpty();
            assertThat(prod.named(HorizontalPodAutoscaler.class, name)).as(name + " HPA").isPresent();
            assertThat(prod.named(PodDisruptionBudget.class, name)).as(name + " PDB").isPresent();
        }
        for (String service : SERVICES) {
            assertThat(prod.custom("ServiceMonitor")).extracting(m -> m.getMetadata().getName()).contains(service);
            assertThat(config(prod, service))
                    .containsEntry("QUARKUS_OTEL_SDK_DISABLED", "false")
                    .containsKey("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT");
        }
        GenericKubernetesResource pool = prod.custom("KafkaNodePool").get(0);
        assertThat(RenderedOverlay.<Integer> at(pool, "spec", "replicas")).isEqualTo(3);
    }

    @Test
    void eachServiceMayOnlyTouchItsOwnTopics() {
        Map<String, GenericKubernetesResource> users = prod.custom("KafkaUser").stream()
                .collect(Collectors.toMap(u -> u.getMetadata().getName(), u -> u));
        assertThat(users.keySet()).containsExactlyInAnyOrderElementsOf(SERVICES);
        assertThat(writes(users.get("channel-gateway"))).contains("pharos.channel.inbound", "pharos.channel.delivery")
                .doesNotContain("pharos.ticket.events");
        assertThat(writes(users.get("ticket-service"))).contains("pharos.ticket.events", "pharos.channel.outbound")
                .doesNotContain("pharos.channel.inbound", "pharos.survey.events");
        assertThat(writes(users.get("survey-service"))).contains("pharos.survey.events").doesNotContain("pharos.ticket.events");
        assertThat(writes(users.get("analytics-service"))).contains("pharos.channel.outbound")
                .doesNotContain("pharos.ticket.events", "pharos.survey.events");
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void surveyLinksAreSignedWithASecretAndPointAtTheIngressedHost(String name) {
        RenderedOverlay rendered = overlay(name);
        Container survey = rendered.named(Deployment.class, "survey-service").orElseThrow().getSpec().getTemplate().getSpec()
                .getContainers().get(0);
        assertThat(survey.getEnv()).filteredOn(e -> e.getName().equals("SURVEY_TOKEN_SECRET")).singleElement()
                .satisfies(e -> assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("survey-link-signing"));
        String publicUrl = config(rendered, "survey-service").get("SURVEY_PUBLIC_URL");
        assertThat(publicUrl).startsWith("https://");
        // the host of the links is one the ingress routes /s to survey-service
        assertThat(routes(rendered, publicUrl)).anySatisfy(p -> {
            assertThat(p.getPath()).isEqualTo("/s");
            assertThat(p.getBackend().getService().getName()).isEqualTo("survey-service");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void identityLinksAreSignedWithASecretAndPointAtTheIngressedHost(String name) {
        RenderedOverlay rendered = overlay(name);
        Container ticket = rendered.named(Deployment.class, "ticket-service").orElseThrow().getSpec().getTemplate().getSpec()
                .getContainers().get(0);
        assertThat(ticket.getEnv()).filteredOn(e -> e.getName().equals("IDENTITY_TOKEN_SECRET")).singleElement()
                .satisfies(e -> assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("identity-link-signing"));
        String publicUrl = environment(rendered, "ticket-service").get("TICKET_PUBLIC_URL");
        assertThat(publicUrl).startsWith("https://");
        // the host of the links is one the ingress routes /verify-identity to ticket-service
        assertThat(routes(rendered, publicUrl)).anySatisfy(p -> {
            assertThat(p.getPath()).isEqualTo("/verify-identity");
            assertThat(p.getBackend().getService().getName()).isEqualTo("ticket-service");
        });
        String properties = RenderedOverlay.read(RenderedOverlay.ROOT.resolve("ticket-service/src/main/resources/application.properties"));
        assertThat(properties).as("ticket-service reads TICKET_PUBLIC_URL and IDENTITY_TOKEN_SECRET")
                .contains("${TICKET_PUBLIC_URL", "${IDENTITY_TOKEN_SECRET");
    }

    static final List<String> ATTACHMENT_SERVICES = List.of("ticket-service", "channel-gateway");

    /**
     * Both services that hold files talk to the same store with the same settings, sign download
     * links with the same secret and name the same public host, which routes the links to ticket-service.
     */
    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void attachmentStoreIsOneS3APIForBothServicesWithOneLinkSecret(String name) {
        RenderedOverlay rendered = overlay(name);
        List<String> settings = List.of("S3_ENDPOINT", "S3_REGION", "S3_PATH_STYLE", "ATTACHMENT_BUCKET", "TICKET_PUBLIC_URL");
        Map<String, String> ticket = environment(rendered, "ticket-service");
        for (String service : ATTACHMENT_SERVICES) {
            Map<String, String> env = environment(rendered, service);
            for (String key : settings) {
                assertThat(env.get(key)).as(name + "/" + service + " " + key).isNotBlank().isEqualTo(ticket.get(key));
            }
            assertThat(env).as(name + "/" + service + ": the bucket is provisioned outside, never by the service")
                    .doesNotContainEntry("ATTACHMENT_CREATE_BUCKET", "true");
            assertThat(java.net.URI.create(env.get("S3_ENDPOINT")).getScheme()).as(name + "/" + service + " S3_ENDPOINT")
                    .isEqualTo("https");
            Container c = rendered.named(Deployment.class, service).orElseThrow().getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(secretOf(c, "S3_ACCESS_KEY")).isEqualTo("attachment-store/access-key");
            assertThat(secretOf(c, "S3_SECRET_KEY")).isEqualTo("attachment-store/secret-key");
            assertThat(secretOf(c, "ATTACHMENT_LINK_SECRET")).as("one link secret: ticket-service verifies what either signs")
                    .isEqualTo("attachment-link-signing/secret");
            String properties = RenderedOverlay.read(RenderedOverlay.ROOT.resolve(service + "/src/main/resources/application.properties"));
            assertThat(properties).as(service + " reads the variables the manifests set")
                    .contains("${S3_ENDPOINT", "${S3_REGION", "${S3_PATH_STYLE", "${ATTACHMENT_BUCKET", "${S3_ACCESS_KEY",
                            "${S3_SECRET_KEY", "${ATTACHMENT_LINK_SECRET", "${TICKET_PUBLIC_URL");
        }
        // a signed download link (TICKET_PUBLIC_URL/api/v1/attachments/{id}/content) reaches ticket-service
        assertThat(routes(rendered, ticket.get("TICKET_PUBLIC_URL"))).anySatisfy(p -> {
            assertThat(p.getPath()).isEqualTo("/api/v1/attachments");
            assertThat(p.getBackend().getService().getName()).isEqualTo("ticket-service");
        });
    }

    @Test
    void prodNetworkPoliciesLetOnlyTheFileHoldingServicesReachTheAttachmentStore() {
        NetworkPolicyEvaluator net = new NetworkPolicyEvaluator(prod.all(NetworkPolicy.class));
        java.net.URI endpoint = java.net.URI.create(environment(prod, "ticket-service").get("S3_ENDPOINT"));
        int port = endpoint.getPort() > 0 ? endpoint.getPort() : 443;
        String publicAddress = "52.219.170.10"; // an AWS S3 eu-central-1 address; the endpoint is public as shipped
        for (String service : ATTACHMENT_SERVICES) {
            assertThat(net.egressAllowedTo(podLabels(service), publicAddress, port)).as(service + " -> " + endpoint).isTrue();
            assertThat(net.egressAllowedTo(podLabels(service), publicAddress, 9000)).as(service + " -> any other port").isFalse();
        }
        assertThat(net.egressAllowedTo(podLabels("ticket-service"), "10.1.2.3", port))
                .as("ticket-service -> a private address (the policy does not open the cluster)").isFalse();
        for (String other : List.of("survey-service", "analytics-service", "gateway")) {
            assertThat(net.egressAllowedTo(podLabels(other), publicAddress, port)).as(other + " -> the attachment store").isFalse();
        }
    }

    /** "secret/key" of a container's variable, which must come from a Secret. */
    private static String secretOf(Container c, String variable) {
        EnvVar env = c.getEnv().stream().filter(e -> e.getName().equals(variable)).findFirst()
                .orElseThrow(() -> new AssertionError(c.getName() + ": no " + variable));
        var ref = env.getValueFrom().getSecretKeyRef();
        return ref.getName() + "/" + ref.getKey();
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void everyServiceBehindTheIngressTrustsXForwardedForOnlyFromTheIngressController(String name) {
        RenderedOverlay rendered = overlay(name);
        Set<String> behindIngress = rendered.all(Ingress.class).stream().flatMap(i -> i.getSpec().getRules().stream())
                .flatMap(r -> r.getHttp().getPaths().stream()).map(p -> p.getBackend().getService().getName())
                .filter(SERVICES::contains).collect(Collectors.toCollection(LinkedHashSet::new));
        assertThat(behindIngress).contains("channel-gateway", "ticket-service");
        String variable = envName("pharos.http.trusted-proxies");
        assertThat(RenderedOverlay.read(RenderedOverlay.ROOT.resolve("commons/src/main/java/io/pharos/commons/ratelimit/ClientAddress.java")))
                .as("the property commons reads").contains("\"pharos.http.trusted-proxies\"");
        for (String service : behindIngress) {
            String proxies = environment(rendered, service).get(variable);
            assertThat(proxies).as(name + "/" + service + " " + variable).isNotBlank();
            for (String range : proxies.split(",")) {
                assertThat(isCidr(range.strip())).as(name + "/" + service + " " + variable + " entry " + range).isTrue();
                assertThat(range.strip()).as("trusting everyone lets any client name any address").isNotIn("0.0.0.0/0", "::/0");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void channelGatewayRefusesClusterDestinationsWithoutExceptions(String name) {
        Map<String, String> env = environment(overlay(name), "channel-gateway");
        String guard = RenderedOverlay.read(RenderedOverlay.ROOT.resolve(
                "channel-gateway/src/main/java/io/pharos/channel/service/security/OutboundGuard.java"));
        assertThat(guard).as("the properties OutboundGuard reads")
                .contains("\"pharos.outbound.allow\"", "\"pharos.outbound.cluster-cidrs\"", "\"pharos.outbound.cluster-suffixes\"");
        assertThat(env.getOrDefault(envName("pharos.outbound.allow"), "")).as("no allow-list in a cluster").isEmpty();
        String cidrs = env.get(envName("pharos.outbound.cluster-cidrs"));
        assertThat(cidrs).as("the cluster's pod and service ranges").isNotBlank();
        for (String range : cidrs.split(",")) {
            assertThat(isCidr(range.strip())).as(range).isTrue();
        }
        String suffixes = env.get(envName("pharos.outbound.cluster-suffixes"));
        if (suffixes != null) {
            assertThat(suffixes.split(",")).as("a list that replaces the default keeps the cluster's names")
                    .contains(".svc", ".cluster.local");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void gatewayVerifiesTokensOfTheServicesRealmWithTheSubgraphsLimits(String name) {
        RenderedOverlay rendered = overlay(name);
        Map<String, String> gateway = environment(rendered, "gateway");
        String gatewayConfig = RenderedOverlay.read(RenderedOverlay.ROOT.resolve("deploy/gateway/gateway.config.ts"));
        assertThat(config(rendered, "gateway").keySet()).as("every variable of gateway-config is read by gateway.config.ts")
                .allSatisfy(key -> assertThat(gatewayConfig).contains("process.env." + key));
        // the issuer of the realm's tokens is Keycloak's public hostname; the services check the same realm
        String realm = gateway.get("OIDC_AUTH_SERVER_URL");
        GenericKubernetesResource keycloak = rendered.custom("Keycloak").get(0);
        assertThat(realm).isEqualTo(RenderedOverlay.<String> at(keycloak, "spec", "hostname", "hostname") + "/realms/pharos");
        for (String service : SERVICES) {
            assertThat(config(rendered, service)).as(service).containsEntry("OIDC_AUTH_SERVER_URL", realm);
        }
        Map<String, String> shared = new LinkedHashMap<>();
        for (String line : RenderedOverlay.read(RenderedOverlay.ROOT.resolve("commons/src/main/resources/META-INF/microprofile-config.properties"))
                .split("\n")) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0) {
                shared.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        assertThat(gateway).containsEntry("OIDC_AUDIENCE", shared.get("quarkus.oidc.token.audience"))
                .containsEntry("GATEWAY_MAX_DEPTH", shared.get("pharos.graphql.max-depth"))
                .containsEntry("GATEWAY_MAX_ROOT_FIELDS", shared.get("pharos.graphql.max-root-fields"))
                .containsEntry("GATEWAY_MAX_COST", shared.get("pharos.graphql.max-cost"))
                .containsEntry("GATEWAY_MAX_PAGE_SIZE", shared.get("pharos.graphql.max-page-size"))
                .containsEntry("NODE_ENV", "production");
    }

    // ------------------------------------------------------------------------------------

    /** A service's ConfigMap; the generator appends a content hash to its name. */
    private static Map<String, String> config(RenderedOverlay overlay, String service) {
        return overlay.all(ConfigMap.class).stream()
                .filter(m -> m.getMetadata().getName().matches(Pattern.quote(service) + "-config(-[a-z0-9]+)?"))
                .findFirst().orElseThrow(() -> new AssertionError("no ConfigMap of " + service)).getData();
    }

    /** What a Deployment's first container sees: its ConfigMaps (envFrom, in order), then its own literal env. */
    private static Map<String, String> environment(RenderedOverlay overlay, String deployment) {
        Container c = overlay.named(Deployment.class, deployment).orElseThrow().getSpec().getTemplate().getSpec().getContainers().get(0);
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvFromSource from : c.getEnvFrom()) {
            if (from.getConfigMapRef() != null) {
                String map = from.getConfigMapRef().getName();
                env.putAll(overlay.named(ConfigMap.class, map).orElseThrow(() -> new AssertionError(deployment + ": no ConfigMap " + map))
                        .getData());
            }
        }
        for (EnvVar e : c.getEnv()) {
            if (e.getValue() != null) {
                env.put(e.getName(), e.getValue());
            }
        }
        return env;
    }

    /** The paths the ingress routes on the host of an https URL. */
    private static List<io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath> routes(RenderedOverlay overlay, String url) {
        return overlay.all(Ingress.class).stream().flatMap(i -> i.getSpec().getRules().stream())
                .filter(r -> url.equals("https://" + r.getHost())).flatMap(r -> r.getHttp().getPaths().stream()).toList();
    }

    /** The environment variable MicroProfile Config reads for a property (non-alphanumerics to _, upper case). */
    private static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(java.util.Locale.ROOT);
    }

    /** An IPv4 or IPv6 address with an optional prefix length (no DNS: literals only). */
    private static boolean isCidr(String text) {
        Matcher m = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,3}){3}|[0-9a-fA-F:]*:[0-9a-fA-F:.]*)(?:/(\\d{1,3}))?").matcher(text);
        if (!m.matches()) {
            return false;
        }
        try {
            int bits = InetAddress.getByName(m.group(1)).getAddress().length * 8;
            return m.group(2) == null || Integer.parseInt(m.group(2)) <= bits;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static List<String> writes(GenericKubernetesResource user) {
        List<Map<String, Object>> acls = RenderedOverlay.at(user, "spec", "authorization", "acls");
        List<String> topics = new ArrayList<>();
        for (Map<String, Object> acl : acls) {
            @SuppressWarnings("unchecked")
            Map<String, Object> resource = (Map<String, Object>) acl.get("resource");
            if ("topic".equals(resource.get("type")) && ((List<?>) acl.get("operations")).contains("Write")) {
                topics.add((String) resource.get("name"));
            }
        }
        return topics;
    }

    private static Map<String, String> podLabels(String deployment) {
        return prod.named(Deployment.class, deployment).orElseThrow().getSpec().getTemplate().getMetadata().getLabels();
    }

    private static JsonNode realmOf(RenderedOverlay overlay) {
        GenericKubernetesResource imported = overlay.custom("KeycloakRealmImport").get(0);
        return JSON.valueToTree(RenderedOverlay.<Map<String, Object>> at(imported, "spec", "realm"));
    }

    private static JsonNode realmFile() throws Exception {
        return JSON.readTree(RenderedOverlay.ROOT.resolve("deploy/keycloak/pharos-realm.json").toFile());
    }

    /** The topics of the contracts module, each of which the local runtime creates too (with its dead-letter topic). */
    private static Set<String> contractTopics() {
        Set<String> local = new LinkedHashSet<>();
        for (String line : RenderedOverlay.read(RenderedOverlay.ROOT.resolve("deploy/local/kafka/topics.txt")).split("\n")) {
            String spec = line.replaceAll("#.*", "").trim();
            if (!spec.isEmpty()) {
                local.add(spec.split("\\s+")[0]);
            }
        }
        Set<String> expected = new LinkedHashSet<>(Topics.ALL);
        Topics.ALL.forEach(t -> expected.add(Topics.deadLetters(t)));
        assertThat(local).as("deploy/local/kafka/topics.txt against io.pharos.contracts.Topics").containsExactlyInAnyOrderElementsOf(expected);
        return new LinkedHashSet<>(Topics.ALL);
    }

    /** A version the manifests pin is the root pom's property of that name: one place to change it. */
    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void pinnedVersionsComeFromTheRootPom(String name) {
        String pom = RenderedOverlay.read(RenderedOverlay.ROOT.resolve("pom.xml"));
        Matcher kafka = Pattern.compile("<strimzi-kafka\\.version>([^<]+)</strimzi-kafka\\.version>").matcher(pom);
        Matcher postgres = Pattern.compile("<cloudnative-pg-postgresql\\.version>([^<]+)</cloudnative-pg-postgresql\\.version>").matcher(pom);
        assertThat(kafka.find() && postgres.find()).as("the root pom pins strimzi-kafka.version and cloudnative-pg-postgresql.version").isTrue();
        overlay(name).custom("Kafka").forEach(k -> assertThat(RenderedOverlay.<String> at(k, "spec", "kafka", "version"))
                .as("Kafka version of the Strimzi cluster").isEqualTo(kafka.group(1)));
        assertThat(overlay(name).custom("Cluster")).isNotEmpty().allSatisfy(c -> assertThat(RenderedOverlay.<String> at(c, "spec", "imageName"))
                .isEqualTo("ghcr.io/cloudnative-pg/postgresql:" + postgres.group(1)));
    }
}
