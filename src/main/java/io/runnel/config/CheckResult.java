package io.runnel.config;

import java.util.Objects;

/**
 * The outcome of one failed or doubtful {@code validate --connect} check against a real database or
 * queue. Immutable.
 *
 * @param path the YAML path the finding belongs to, e.g. {@code databases[0].slot}
 * @param message what is wrong and how to fix it (the SQL to run, the IAM action missing); never a
 *     secret
 */
public record CheckResult(String path, Severity severity, String message) {

  /** Errors make {@code validate --connect} exit 2; warnings are printed only. */
  public enum Severity {
    ERROR,
    WARNING
  }

  public CheckResult {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(message, "message");
  }

  public static CheckResult error(String path, String message) {
    return new CheckResult(path, Severity.ERROR, message);
  }

  public static CheckResult warning(String path, String message) {
    return new CheckResult(path, Severity.WARNING, message);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** Renders as {@code path: message}, or {@code warning: path: message}. */
  @Override
  public String toString() {
    return (isError() ? "" : "warning: ") + path + ": " + message;
  }
}
