package io.vigil.config;

import io.vigil.queue.handler.HandlerRegistry;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment files (docker/k8s, docker/compose.cluster.yaml) read as what they configure: every YAML document
 * parses, the Deployment checks the health routes Vigil serves, the headless Service selects the Deployment's pods,
 * the Secret has what the pods read from it, and the configuration they give a node loads with Vigil's own loader.
 * No Kubernetes or compose tool is needed (none comes from the package registries); SnakeYAML is Vigil's own.
 */
@DisplayName("The Kubernetes and compose files")
class DeploymentFilesTest {
  static final Path K8S = Path.of("docker/k8s");
  static final String TOKENS = "ops:admin:0123456789abcdef0123456789abcdef";

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object value) {
    return (List<Object>) value;
  }

  static Object at(Object node, String... path) {
    Object here = node;
    for (String key : path) here = key.matches("[0-9]+") ? list(here).get(Integer.parseInt(key)) : map(here).get(key);
    return here;
  }

  static Map<String, Map<String, Object>> manifests() throws IOException {
    Map<String, Map<String, Object>> byKindAndName = new HashMap<>();
    try (var files = Files.list(K8S)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        for (Object doc : new Yaml().loadAll(Files.readString(file))) {
          Map<String, Object> manifest = map(doc);
          assertThat(manifest).as(file + " has apiVersion and kind").containsKeys("apiVersion", "kind");
          String name = manifest.containsKey("metadata") ? (String) at(manifest, "metadata", "name") : file.toString();
          byKindAndName.put(manifest.get("kind") + "/" + name, manifest);
        }
      }
    }
    return byKindAndName;
  }

  static LoadedConfig load(String yaml, Map<String, String> env) {
    return ConfigSource.ofText(yaml, "deployment file", env, HandlerRegistry.availableNames()).load();
  }

  @Test
  void theDeploymentRunsThreeNodesCheckedOnTheHealthRoutesAndBindsThePodsOwnAddress() throws IOException {
    Map<String, Object> deployment = manifests().get("Deployment/vigil");
    assertThat(at(deployment, "spec", "replicas")).isEqualTo(3);
    Object container = at(deployment, "spec", "template", "spec", "containers", "0");
    assertThat(at(container, "livenessProbe", "httpGet", "path")).isEqualTo("/health/live");
    assertThat(at(container, "readinessProbe", "httpGet", "path")).isEqualTo("/health/ready");
    List<Object> ports = list(at(container, "ports"));
    assertThat(ports).extracting(p -> map(p).get("name")).contains("http", "hazelcast");
    assertThat(ports).extracting(p -> map(p).get("containerPort")).contains(8080, 5701);
    Object host = list(at(container, "env")).stream().filter(e -> "VIGIL_CLUSTER_HOST".equals(map(e).get("name")))
        .findFirst().orElseThrow();
    assertThat(at(host, "valueFrom", "fieldRef", "fieldPath")).isEqualTo("status.podIP");
    assertThat(at(container, "args")).isEqualTo(List.of("--config", "/etc/vigil/vigil.yaml"));
    assertThat(at(container, "volumeMounts", "0", "mountPath")).isEqualTo("/etc/vigil");
  }

  @Test
  void theHeadlessServiceFindsEveryPodForHazelcastAndTheConfigNamesIt() throws IOException {
    Map<String, Map<String, Object>> all = manifests();
    Map<String, Object> headless = all.get("Service/vigil-hz");
    assertThat(at(headless, "spec", "clusterIP")).isEqualTo("None");
    assertThat(at(headless, "spec", "publishNotReadyAddresses")).isEqualTo(true);
    assertThat(at(headless, "spec", "selector"))
        .isEqualTo(at(all.get("Deployment/vigil"), "spec", "template", "metadata", "labels"));
    assertThat(at(headless, "spec", "ports", "0", "port")).isEqualTo(5701);
    String namespace = (String) at(all.get("Kustomization/docker/k8s/kustomization.yaml"), "namespace");

    LoadedConfig config = load((String) at(all.get("ConfigMap/vigil-config"), "data", "vigil.yaml"),
        Map.of("VIGIL_AUTH_TOKENS", TOKENS, "VIGIL_CLUSTER_HOST", "10.1.2.3"));

    assertThat(config.config().cluster().enabled()).isTrue();
    assertThat(config.config().cluster().dns()).isEqualTo("vigil-hz." + namespace + ".svc.cluster.local");
    assertThat(config.config().http().host()).isEqualTo("0.0.0.0");
  }

  @Test
  void theSecretHoldsWhatThePodsReadFromItAndTheKustomizationListsEveryFile() throws IOException {
    Map<String, Map<String, Object>> all = manifests();
    assertThat(map(at(all.get("Secret/vigil-secrets"), "stringData"))).containsOnlyKeys("VIGIL_AUTH_TOKENS", "VIGIL_PG_URL");
    assertThat(at(all.get("Deployment/vigil"), "spec", "template", "spec", "containers", "0", "envFrom", "0",
        "secretRef", "name")).isEqualTo("vigil-secrets");
    List<String> files;
    try (var listed = Files.list(K8S)) {
      files = listed.map(f -> f.getFileName().toString()).filter(f -> !f.equals("kustomization.yaml")).sorted().toList();
    }
    assertThat(list(at(all.get("Kustomization/docker/k8s/kustomization.yaml"), "resources")))
        .containsExactlyInAnyOrderElementsOf(files);
  }

  @Test
  void theComposeFileRunsThreeNodesThatListEachOtherAndEachLoadsItsConfiguration() throws IOException {
    Map<String, Object> compose = map(new Yaml().load(Files.readString(Path.of("docker/compose.cluster.yaml"))));
    List<String> nodes = map(compose.get("services")).keySet().stream().filter(s -> s.startsWith("vigil-")).toList();
    assertThat(nodes).hasSize(3);
    List<String> hosts = new ArrayList<>();
    for (String node : nodes) {
      Map<String, Object> service = map(map(compose.get("services")).get(node));
      Map<String, String> env = new HashMap<>();
      map(service.get("environment")).forEach((k, v) -> env.put(k, String.valueOf(v)
          .replace("${VIGIL_AUTH_TOKENS:?set VIGIL_AUTH_TOKENS=name:role:secret,...}", TOKENS)
          .replace("${PG_PASSWORD:?set PG_PASSWORD}", "secret")));
      env.put("VIGIL_HTTP_HOST", "0.0.0.0"); // the image's own setting (docker/Dockerfile)
      String address = (String) at(service, "networks", "vigil", "ipv4_address");
      assertThat(env.get("VIGIL_CLUSTER_HOST")).isEqualTo(address);
      assertThat(at(service, "build", "dockerfile")).isEqualTo("docker/Dockerfile");

      ClusterConfig cluster = load("", env).config().cluster();
      assertThat(cluster.enabled()).isTrue();
      hosts.add(cluster.host());
      assertThat(cluster.members()).hasSize(3);
      assertThat(cluster.members()).allSatisfy(m -> assertThat(m).endsWith(":" + cluster.port()));
    }
    ClusterConfig any = load("", Map.of("VIGIL_CLUSTER_MEMBERS", "172.28.0.11:5701,172.28.0.12:5701,172.28.0.13:5701"))
        .config().cluster();
    assertThat(any.members()).containsExactlyInAnyOrderElementsOf(hosts.stream().map(h -> h + ":5701").toList());
  }
}
