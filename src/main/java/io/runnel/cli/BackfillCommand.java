package io.runnel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.runnel.config.RunnelConfig;
import io.runnel.config.ServerConfig;
import io.runnel.config.SinkConfig;
import io.runnel.config.TableConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code runnel backfill --config FILE --sink NAME [--table T]}: asks a running instance (its API
 * at the config's {@code server} address) to backfill tables, then shows progress until done.
 */
@Command(
    name = "backfill",
    mixinStandardHelpOptions = true,
    description =
        "Backfill a sink's tables through a running instance's API, showing progress until done.")
final class BackfillCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration POLL_EVERY = Duration.ofMillis(500);

  @Option(names = "--config", required = true, description = "The YAML config file.")
  Path config;

  @Option(names = "--sink", required = true, description = "The sink to backfill.")
  String sink;

  @Option(
      names = "--table",
      description = "The table to backfill (default: every table the sink names).")
  String table;

  @Option(
      names = "--http-port",
      description = "The running instance's HTTP port (overrides server.http_port).")
  Integer httpPort;

  @Spec CommandSpec spec;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    RunnelConfig loaded = ConfigFiles.loadOrReport(config, err);
    if (loaded == null) {
      return Main.EXIT_USAGE;
    }
    SinkConfig sinkConfig =
        loaded.sinks().stream().filter(s -> s.name().equals(sink)).findFirst().orElse(null);
    if (sinkConfig == null) {
      err.println("--sink: no sink named \"" + sink + "\" in " + config);
      return Main.EXIT_USAGE;
    }
    List<String> tables =
        table != null
            ? List.of(table)
            : sinkConfig.tables().stream().map(t -> tableName(t)).toList();
    if (tables.isEmpty()) {
      err.println("--table: sink \"" + sink + "\" streams every table; name one with --table");
      return Main.EXIT_USAGE;
    }
    ServerConfig server =
        httpPort == null ? loaded.server() : loaded.server().withHttpPort(httpPort);
    Api api = new Api(server);
    try {
      Map<String, String> started = new LinkedHashMap<>();
      for (String name : tables) {
        JsonNode backfill = api.post(Map.of("table", name));
        started.put(backfill.get("id").asText(), name);
        err.println("backfill " + backfill.get("id").asText() + " of " + name + " started");
      }
      return follow(api, started, new ProgressBar(err, System.console() != null));
    } catch (ApiFailure e) {
      err.println(e.getMessage());
      return Main.EXIT_FAILURE;
    }
  }

  private static String tableName(TableConfig table) {
    return table.table().toString();
  }

  /** Polls the backfills until each is done or failed; exit 0 only when all are done. */
  private int follow(Api api, Map<String, String> ids, ProgressBar bar)
      throws InterruptedException {
    while (true) {
      List<JsonNode> mine = new ArrayList<>();
      for (JsonNode backfill : api.list().get("backfills")) {
        if (ids.containsKey(backfill.get("id").asText())) {
          mine.add(backfill);
        }
      }
      bar.show(mine);
      if (mine.stream().noneMatch(b -> b.get("state").asText().equals("running"))) {
        bar.finish(mine);
        return mine.stream().allMatch(b -> b.get("state").asText().equals("done"))
            ? Main.EXIT_OK
            : Main.EXIT_FAILURE;
      }
      Thread.sleep(POLL_EVERY);
    }
  }

  /** The running instance's backfills API. */
  private final class Api {
    private final String base;
    private final String token;

    Api(ServerConfig server) {
      String host = server.bind().equals("0.0.0.0") ? "127.0.0.1" : server.bind();
      this.base =
          "http://"
              + (host.contains(":") ? "[" + host + "]" : host)
              + ":"
              + server.httpPort()
              + "/api/sinks/"
              + URLEncoder.encode(sink, StandardCharsets.UTF_8).replace("+", "%20")
              + "/backfills";
      this.token = server.apiToken();
    }

    JsonNode post(Map<String, String> body) {
      try {
        return send(
            request().POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
      } catch (IOException e) {
        throw new ApiFailure("cannot encode the request: " + e.getMessage());
      }
    }

    JsonNode list() {
      return send(request().GET());
    }

    private HttpRequest.Builder request() {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(base))
              .timeout(Duration.ofSeconds(30))
              .header("Content-Type", "application/json");
      return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    private JsonNode send(HttpRequest.Builder request) {
      HttpResponse<String> response;
      try {
        response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        throw new ApiFailure(
            "cannot reach Runnel at "
                + base
                + " (is `runnel run` running with this config?): "
                + e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ApiFailure("interrupted");
      }
      JsonNode body;
      try {
        body = JSON.readTree(response.body());
      } catch (IOException e) {
        throw new ApiFailure("unexpected answer from " + base + ": " + response.body());
      }
      if (response.statusCode() >= 300) {
        String error = body.path("error").asText(response.body());
        throw new ApiFailure("HTTP " + response.statusCode() + " from " + base + ": " + error);
      }
      return body;
    }
  }

  /** A request the running instance refused or could not answer. */
  private static final class ApiFailure extends RuntimeException {
    ApiFailure(String message) {
      super(message);
    }
  }
}
