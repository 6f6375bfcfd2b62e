package io.pharos.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** One overlay as {@code kubectl kustomize} renders it, parsed into the fabric8 model. */
final class RenderedOverlay {

    static final Path ROOT = Path.of(System.getProperty("pharos.root", "../../..")).toAbsolutePath().normalize();
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    final String name;
    final List<HasMetadata> resources;

    private RenderedOverlay(String name, List<HasMetadata> resources) {
        this.name = name;
        this.resources = resources;
    }

    static RenderedOverlay render(String overlay) {
        Path dir = ROOT.resolve("deploy/kubernetes/overlays").resolve(overlay);
        try {
            Process kubectl = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectErrorStream(true).start();
            byte[] out = kubectl.getInputStream().readAllBytes();
            if (!kubectl.waitFor(60, TimeUnit.SECONDS) || kubectl.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + dir + " failed:\n" + new String(out, StandardCharsets.UTF_8));
            }
            List<HasMetadata> resources = new ArrayList<>();
            for (String doc : new String(out, StandardCharsets.UTF_8).split("(?m)^---\\s*$")) {
                if (!doc.isBlank()) {
                    resources.add(SERIALIZATION.unmarshal(doc));
                }
            }
            return new RenderedOverlay(overlay, resources);
        } catch (IOException e) {
            throw new AssertionError("kubectl is needed to render the manifests (kubectl kustomize): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    List<GenericKubernetesResource> custom(String kind) {
        return resources.stream().filter(r -> r instanceof GenericKubernetesResource && kind.equals(r.getKind()))
                .map(GenericKubernetesResource.class::cast).toList();
    }

    <T extends HasMetadata> Optional<T> named(Class<T> type, String name) {
        return all(type).stream().filter(r -> name.equals(r.getMetadata().getName())).findFirst();
    }

    @SuppressWarnings("unchecked")
    static <T> T at(GenericKubernetesResource resource, String... path) {
        Object node = resource.getAdditionalProperties();
        for (String key : path) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = map.get(key);
        }
        return (T) node;
    }

    static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
