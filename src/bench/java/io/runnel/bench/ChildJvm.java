package io.runnel.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Java process running one of the bench's main classes on this JVM's classpath, driven by lines
 * on its stdin and answering with lines on stdout that start with {@code "> "} (everything else it
 * prints, logs included, is copied to {@code log}). Not thread-safe: one caller at a time.
 */
final class ChildJvm implements AutoCloseable {
  private static final String ANSWER = "> ";

  private final Process process;
  private final BufferedReader out;
  private final PrintWriter in;

  private ChildJvm(Process process) {
    this.process = process;
    this.out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
  }

  /** Starts {@code mainClass} with {@code jvmOptions}; stderr goes to {@code log}. */
  static ChildJvm start(Class<?> mainClass, List<String> jvmOptions, Path log) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass.getName());
    Process process =
        new ProcessBuilder(command)
            .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    return new ChildJvm(process);
  }

  long pid() {
    return process.pid();
  }

  /** Sends a command and returns the answer's words (without the marker). */
  String[] ask(String command) throws IOException {
    in.println(command);
    return answer();
  }

  /** Waits for the next answer line; other output is skipped. */
  String[] answer() throws IOException {
    String line;
    while ((line = out.readLine()) != null) {
      if (line.startsWith(ANSWER)) {
        String[] words = line.substring(ANSWER.length()).trim().split(" ");
        if (words[0].equals("ERROR")) {
          throw new IOException("child " + process.pid() + " failed: " + line);
        }
        return words;
      }
    }
    throw new IOException("child " + process.pid() + " exited (" + exitCode() + ")");
  }

  private String exitCode() {
    try {
      return Integer.toString(process.waitFor());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "?";
    }
  }

  /** Child side: prints one answer line. */
  static void reply(Object... words) {
    StringBuilder line = new StringBuilder(ANSWER);
    for (Object word : words) {
      line.append(word).append(' ');
    }
    System.out.println(line.toString().trim());
    System.out.flush();
  }

  @Override
  public void close() {
    in.close();
    try {
      if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroy();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroy();
    }
  }
}
