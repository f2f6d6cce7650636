package io.runnel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release tarball as a user runs it: unpacked into an empty directory and started through its
 * own {@code bin/runnel}, with no {@code JAVA_HOME} and no {@code java} on the {@code PATH}, so
 * only the bundled runtime can run it. The dist profile builds the tarball and names it (and the
 * pom's version) in system properties.
 */
@RealServers
class ReleaseIT {
  private static Servers servers;
  private static final String VERSION = System.getProperty("runnel.version");
  private static final List<String> HOST_TOOLS =
      List.of("bash", "sh", "env", "readlink", "dirname", "sed", "unshare", "id", "tar", "gzip");

  @TempDir static Path dir;
  private static Path release;
  private static Path toolsWithoutJava;

  @BeforeAll
  static void unpackWithoutJavaOnThePath() throws Exception {
    String tarball = System.getProperty("runnel.tarball");
    if (tarball == null || VERSION == null) {
      fail(
          "runnel.tarball and runnel.version are unset: run with the dist profile (./mvnw verify)");
    }
    if (!Files.isRegularFile(Path.of(tarball))) {
      fail("release tarball " + tarball + " is missing: build it with ./mvnw -Pdist package");
    }
    Path unpacked = Files.createDirectory(dir.resolve("unpacked"));
    toolsWithoutJava = toolsWithoutJava(Files.createDirectory(dir.resolve("path")));
    Run tar = run(List.of("tar", "-xzf", tarball, "-C", unpacked.toString()), Map.of());
    assertThat(tar.exit).as(tar.stderr).isZero();
    release = unpacked.resolve("runnel-" + VERSION);
    assertThat(release.resolve("bin/runnel")).isExecutable();
    Run which = run(List.of("bash", "-c", "command -v java"), Map.of());
    assertThat(which.exit).as("java on the test PATH: " + which.stdout).isNotZero();
  }

  @Test
  void versionIsThePomVersionInTheJarAndTheTarball() throws Exception {
    String java = ProcessHandle.current().info().command().orElseThrow();
    Run jar = run(List.of(java, "-jar", "target/runnel.jar", "-V"), Map.of());
    Run tarball = runnel(Map.of(), "-V");

    assertThat(jar.stdout.strip()).as(jar.stderr).isEqualTo("runnel " + VERSION);
    assertThat(tarball.stdout.strip()).as(tarball.stderr).isEqualTo("runnel " + VERSION);
    assertThat(tarball.stderr).isEmpty();
  }

  @Test
  void launcherPassesRunnelJavaOpts() throws Exception {
    Run run = runnel(Map.of("RUNNEL_JAVA_OPTS", "-Xmx96m -XshowSettings:vm"), "-V");

    assertThat(run.exit).isZero();
    assertThat(run.stderr).containsPattern("Max\\. Heap Size.*: 96\\.00M");
  }

  @Test
  void validateAcceptsAValidConfig() throws Exception {
    Path config = dir.resolve("runnel.yml");
    Files.writeString(
        config,
        """
        server: {bind: 0.0.0.0}
        databases:
          - name: "orders-db"
            hostname: "db.internal"
            database: "shop"
            username: "runnel"
            password: "${PGPASSWORD}"
            slot: {name: "runnel_slot", create_if_not_exists: true}
            publication: {name: "runnel_pub", create_if_not_exists: true}
        sinks:
          - name: "orders-to-sqs"
            table: "public.orders"
            destination:
              type: "sqs"
              queue_url: "https://sqs.eu-west-1.amazonaws.com/123456789012/orders.fifo"
              use_task_role: true
        """);

    Run run = runnel(Map.of("PGPASSWORD", "secret"), "validate", "--config", config.toString());

    assertThat(run.exit).as(run.stdout + run.stderr).isZero();
  }

  /**
   * The runtime has every module jdeps finds in the jar (pom.xml lists them: jdeps takes ~20 s).
   */
  @Test
  void runtimeHasEveryModuleJdepsFindsInTheJar() throws Exception {
    ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        jdeps.run(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            "--print-module-deps",
            "--ignore-missing-deps",
            "--multi-release",
            "21",
            "target/runnel.jar");
    assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
    Set<String> needed =
        new TreeSet<>(Arrays.asList(out.toString(StandardCharsets.UTF_8).strip().split(",")));

    Run listed =
        run(List.of(release.resolve("runtime/bin/java").toString(), "--list-modules"), Map.of());
    Set<String> present =
        listed.stdout.lines().map(line -> line.replaceAll("@.*", "")).collect(Collectors.toSet());

    assertThat(present)
        .as("dist.modules in pom.xml must list what jdeps finds")
        .containsAll(needed);
  }

  @Test
  void demoRunsOnTheBundledRuntimeAndStopsCleanlyOnSigterm() throws Exception {
    Path stderr = dir.resolve("demo.err");
    long started = System.nanoTime();
    Process demo = runnelProcess("demo", "--http-port", "0").redirectError(stderr.toFile()).start();
    List<String> lines = new CopyOnWriteArrayList<>();
    Thread reader = Thread.ofPlatform().daemon().start(() -> collect(demo, lines));
    try {
      await()
          .atMost(Duration.ofSeconds(120))
          .until(
              () ->
                  lines.stream().anyMatch(line -> line.contains("\"action\":")) || !demo.isAlive());
      if (!demo.isAlive()) {
        fail(
            "demo exited (%d) before printing a message; stdout: %s%nstderr: %s",
            demo.exitValue(), lines, Files.readString(stderr));
      }
      System.out.printf(
          "release demo: first message %.1f s after start%n", (System.nanoTime() - started) / 1e9);
    } finally {
      demo.destroy(); // SIGTERM
    }
    assertThat(demo.waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s of SIGTERM").isTrue();
    reader.join(5000);
    String errors = Files.readString(stderr);
    assertThat(demo.exitValue()).as(errors).isZero();
    assertCleanStop(errors);
  }

  /** `run`, the operator's command: Netty (the AWS SDK's client) is what would warn here. */
  @Test
  void runStreamsOnTheBundledRuntimeAndStopsCleanlyOnSigterm() throws Exception {
    servers.sql("CREATE TABLE public.items (id int PRIMARY KEY, name text)");
    String queueUrl = servers.createQueue("release.fifo");
    Path config = dir.resolve("run.yml");
    Files.writeString(config, servers.yaml("release", "public.items", queueUrl));
    int port = freePort();
    Path log = dir.resolve("run.log");
    Process runnel =
        runnelProcess("run", "--config", config.toString(), "--http-port", Integer.toString(port))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      HttpClient http = HttpClient.newHttpClient();
      HttpRequest health =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build();
      await()
          .atMost(Duration.ofSeconds(60))
          .ignoreExceptions()
          .until(() -> http.send(health, BodyHandlers.discarding()).statusCode() == 200);
      servers.sql("INSERT INTO items VALUES (1, 'from the release')");
      QueueReader reader = new QueueReader(servers.sqsClient, queueUrl);
      await().atMost(Duration.ofSeconds(30)).until(() -> reader.poll().size() == 1);
      assertThat(reader.received().get(0).body()).contains("\"name\":\"from the release\"");
    } finally {
      runnel.destroy(); // SIGTERM
    }
    assertThat(runnel.waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s of SIGTERM").isTrue();
    String output = Files.readString(log);
    assertThat(runnel.exitValue()).as(output).isZero();
    assertCleanStop(output);
  }

  private static void assertCleanStop(String stderr) {
    assertThat(stderr).contains("runnel stopped").doesNotContain("sun.misc.Unsafe");
    assertThat(stderr.lines().filter(line -> line.startsWith("WARNING:")))
        .as("JVM warnings")
        .isEmpty();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void collect(Process process, List<String> lines) {
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      out.lines().forEach(lines::add);
    } catch (IOException | UncheckedIOException e) {
      // the process ended; what was read stays in lines
    }
  }

  private static Run runnel(Map<String, String> env, String... args) throws Exception {
    return run(runnelProcess(args).command(), env);
  }

  /** The tarball's bin/runnel with {@code args}, in a user's environment without Java. */
  private static ProcessBuilder runnelProcess(String... args) {
    List<String> command = new ArrayList<>(List.of(release.resolve("bin/runnel").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    environment(builder, Map.of());
    return builder;
  }

  private static Run run(List<String> command, Map<String, String> env) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command);
    environment(builder, env);
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(command + " ended within 60 s").isTrue();
    return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  /** A user's environment: a PATH without java, no JAVA_HOME, HOME in the test's directory. */
  private static void environment(ProcessBuilder builder, Map<String, String> extra) {
    Map<String, String> env = builder.environment();
    env.clear();
    env.put("PATH", toolsWithoutJava.toString());
    env.put("HOME", dir.toString());
    env.put("LANG", "C.UTF-8");
    env.putAll(extra);
  }

  /**
   * A directory of the host commands the release uses, as scripts calling them where they are
   * (/usr/bin also holds java, Debian's JDK 17): bin/runnel's bash, readlink, dirname and sed; the
   * embedded PostgreSQL's sh and, as root, unshare and id; tar and gzip to unpack. Nothing else.
   */
  private static Path toolsWithoutJava(Path target) throws IOException {
    for (String tool : HOST_TOOLS) {
      Path script = target.resolve(tool);
      Files.writeString(script, "#!/bin/sh\nexec /usr/bin/" + tool + " \"$@\"\n");
      Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    return target;
  }

  private record Run(int exit, String stdout, String stderr) {}
}
