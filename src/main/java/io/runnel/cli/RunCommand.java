package io.runnel.cli;

import io.runnel.api.HttpApi;
import io.runnel.config.ConfigLoader;
import io.runnel.config.RunnelConfig;
import io.runnel.config.ServerConfig;
import io.runnel.ha.InstanceId;
import io.runnel.runtime.Runnel;
import io.runnel.runtime.RunnelOptions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code runnel run --config FILE}: streams until SIGTERM/SIGINT, then stops cleanly. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Run every active sink in the config until SIGTERM/SIGINT.")
final class RunCommand implements Callable<Integer> {
  @Option(names = "--config", required = true, description = "The YAML config file.")
  Path config;

  @Option(
      names = "--http-port",
      description = "HTTP port for /health (overrides server.http_port).")
  Integer httpPort;

  @Option(
      names = "--instance-id",
      description =
          "Names this instance in /health, the API and the lease (default: hostname-pid).")
  String instanceId;

  @Mixin LogSetup logSetup;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    logSetup.apply();
    Logger log = LoggerFactory.getLogger(RunCommand.class);
    RunnelConfig loaded = ConfigFiles.loadOrReport(config, spec.commandLine().getErr());
    if (loaded == null) {
      return Main.EXIT_USAGE;
    }
    String id = instanceId == null ? InstanceId.defaultId() : instanceId;
    String idProblem = InstanceId.problem(id);
    if (idProblem != null) {
      spec.commandLine().getErr().println(idProblem);
      return Main.EXIT_USAGE;
    }
    ConfigLoader.warnings(loaded).forEach(warning -> log.warn("config: {}", warning));
    ServerConfig server =
        httpPort == null ? loaded.server() : loaded.server().withHttpPort(httpPort);
    StopSignal stop = StopSignal.install();
    try (Runnel runnel = Runnel.start(RunnelOptions.defaults(loaded).withInstanceId(id));
        HttpApi api = HttpApi.start(runnel, server.bind(), server.httpPort(), server.apiToken())) {
      log.info(
          "running; stop with SIGTERM or Ctrl-C (health: http://{}:{}/health)",
          server.bind(),
          api.port());
      stop.await();
      log.info("stopping: finishing in-flight batches and acknowledging");
    } catch (RuntimeException e) {
      log.error("runnel failed: {}", e.getMessage(), e);
      return Main.EXIT_FAILURE;
    }
    return Main.EXIT_OK;
  }
}
