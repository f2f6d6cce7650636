package io.runnel.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.sun.net.httpserver.HttpServer;
import io.runnel.config.ConfigLoader;
import io.runnel.config.RunnelConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The deployment examples in dist/ agree with the release and with each other: the Dockerfile's
 * health check really tells 200 from 503, the Kubernetes config validates and its probes reach
 * /health on the port the config binds, and every example starts the tarball's bin/runnel the same
 * way.
 */
class DeploymentFilesTest {
  private static final Path DIST = Path.of("dist");
  private static final List<String> RUN =
      List.of("/opt/runnel/bin/runnel", "run", "--config", "/etc/runnel/runnel.yml");

  @ParameterizedTest
  @CsvSource({"200, 0", "503, 1"})
  void dockerHealthCheckPassesOnlyOnStatus200(int status, int expectedExit) throws Exception {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/health",
        exchange -> {
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
    try {
      List<String> command = new ArrayList<>(dockerfileJson("HEALTHCHECK.*CMD"));
      int last = command.size() - 1;
      assertThat(command.get(last)).contains("/dev/tcp/127.0.0.1/7376", "GET /health ");
      command.set(last, command.get(last).replace("/7376", "/" + server.getAddress().getPort()));

      Process probe = new ProcessBuilder(command).inheritIO().start();

      assertThat(probe.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(probe.exitValue()).isEqualTo(expectedExit);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void dockerImageRunsTheTarballAsANonRootUserOnThePortItExposes() throws Exception {
    String dockerfile = Files.readString(DIST.resolve("Dockerfile"));

    assertThat(dockerfileJson("ENTRYPOINT")).isEqualTo(RUN);
    assertThat(dockerfile)
        .containsPattern("(?m)^FROM debian:[a-z]+-slim$")
        .containsPattern("(?m)^ADD runnel-\\$\\{RUNNEL_VERSION}-linux-x64\\.tar\\.gz /opt/$")
        .containsPattern("(?m)^USER runnel$")
        .containsPattern("(?m)^EXPOSE 7376$");
  }

  @Test
  void systemdUnitRunsTheTarballAndAllowsACleanDrain() throws Exception {
    Map<String, String> unit = new LinkedHashMap<>();
    for (String line : Files.readAllLines(DIST.resolve("runnel.service"))) {
      Matcher setting = Pattern.compile("^(\\w+)=(.*)$").matcher(line);
      if (setting.matches()) {
        unit.put(setting.group(1), setting.group(2));
      }
    }

    assertThat(unit.get("ExecStart")).isEqualTo(String.join(" ", RUN));
    assertThat(unit)
        .containsEntry("User", "runnel")
        .containsEntry("KillSignal", "SIGTERM")
        .containsEntry("Restart", "on-failure")
        .containsEntry("RestartPreventExitStatus", "2")
        .containsKey("EnvironmentFile");
    assertThat(unit.get("Environment")).startsWith("RUNNEL_JAVA_OPTS=");
    // Runnel waits up to 30 s per streamed database before it gives up on in-flight batches.
    assertThat(Integer.parseInt(unit.get("TimeoutStopSec"))).isGreaterThanOrEqualTo(60);
  }

  @Test
  void kubernetesRunsTwoInstancesWithProbesOnHealthAtTheConfiguredPort() throws Exception {
    Map<String, JsonNode> byKind = kubernetesObjects();
    JsonNode pod = byKind.get("Deployment").at("/spec/template/spec");
    JsonNode container = pod.at("/containers/0");
    RunnelConfig config = kubernetesConfig(byKind);

    assertThat(byKind.get("Deployment").at("/spec/replicas").asInt()).isEqualTo(2);
    assertThat(config.server().bind()).isEqualTo("0.0.0.0");
    JsonNode port = container.at("/ports/0");
    assertThat(port.get("containerPort").asInt()).isEqualTo(config.server().httpPort());
    for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
      JsonNode get = container.at("/" + probe + "/httpGet");
      assertThat(get.get("path").asText()).as(probe).isEqualTo("/health");
      assertThat(get.get("port").asText()).as(probe).isEqualTo(port.get("name").asText());
    }
    assertThat(container.at("/volumeMounts/0/mountPath").asText() + "/runnel.yml")
        .isEqualTo(RUN.get(3));
    assertThat(pod.get("terminationGracePeriodSeconds").asInt()).isGreaterThanOrEqualTo(60);
  }

  @Test
  void kubernetesInstanceIdIsThePodName() throws Exception {
    JsonNode container =
        kubernetesObjects().get("Deployment").at("/spec/template/spec/containers/0");

    assertThat(new ObjectMapper().convertValue(container.get("args"), List.class))
        .containsExactly("--instance-id", "$(POD_NAME)");
    JsonNode podName = container.at("/env/0");
    assertThat(podName.get("name").asText()).isEqualTo("POD_NAME");
    assertThat(podName.at("/valueFrom/fieldRef/fieldPath").asText()).isEqualTo("metadata.name");
  }

  /** The ConfigMap's runnel.yml, validated as Runnel would with the Secret in the environment. */
  private static RunnelConfig kubernetesConfig(Map<String, JsonNode> byKind) throws Exception {
    Map<String, String> env = new LinkedHashMap<>();
    byKind
        .get("Secret")
        .get("stringData")
        .properties()
        .forEach(e -> env.put(e.getKey(), e.getValue().asText()));
    return ConfigLoader.parse(byKind.get("ConfigMap").at("/data/runnel.yml").asText(), env);
  }

  private static Map<String, JsonNode> kubernetesObjects() throws IOException {
    Map<String, JsonNode> byKind = new LinkedHashMap<>();
    try (var documents =
        new YAMLMapper()
            .readerFor(JsonNode.class)
            .<JsonNode>readValues(DIST.resolve("kubernetes/runnel.yaml").toFile())) {
      while (documents.hasNext()) {
        JsonNode document = documents.next();
        byKind.put(document.get("kind").asText(), document);
      }
    }
    assertThat(byKind).containsOnlyKeys("Secret", "ConfigMap", "Deployment");
    return byKind;
  }

  /** The JSON array (exec form) of the Dockerfile instruction matching {@code instruction}. */
  private static List<String> dockerfileJson(String instruction) throws IOException {
    String dockerfile = Files.readString(DIST.resolve("Dockerfile")).replace("\\\n", " ");
    Matcher matcher = Pattern.compile("(?m)^" + instruction + "\\s+(\\[.*])$").matcher(dockerfile);
    assertThat(matcher.find()).as("Dockerfile has " + instruction + " in exec form").isTrue();
    return List.of(new ObjectMapper().readValue(matcher.group(1), String[].class));
  }
}
