package io.runnel.config;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQS queue URLs: the AWS form {@code https://sqs.<region>.<domain>/<12-digit account>/<queue>}
 * and, with {@code use_emulator: true}, any {@code http(s)://host[:port]/<account>/<queue>}.
 * Stateless and thread-safe.
 */
public final class QueueUrls {
  static final Pattern AWS =
      Pattern.compile(
          "^https?://sqs\\.(?<region>[a-z0-9-]+)\\.([a-zA-Z0-9.-]+)(?::\\d+)?/\\d{12}/"
              + "[a-zA-Z0-9_-]+(\\.fifo)?$");
  static final Pattern EMULATOR =
      Pattern.compile(
          "^https?://([a-zA-Z0-9.-]+|\\[[0-9a-fA-F:.]+])(?::\\d+)?/[a-zA-Z0-9_-]+/"
              + "[a-zA-Z0-9_-]+(\\.fifo)?$");
  static final Pattern REGION = Pattern.compile("^[a-z]{2}(-[a-z]+)+-\\d+$");
  private static final int MAX_QUEUE_NAME = 80;

  private QueueUrls() {}

  /** Why {@code url} is not a usable queue URL, or empty when it is. */
  public static Optional<String> problem(String url, boolean emulator) {
    Pattern pattern = emulator ? EMULATOR : AWS;
    String name = queueName(url);
    if (!url.startsWith("https://") && !url.startsWith("http://")) {
      return Optional.of("must start with https://");
    }
    if (name.toLowerCase(Locale.ROOT).endsWith(".fifo") && !name.endsWith(".fifo")) {
      return Optional.of("FIFO queue names end in .fifo (lower case)");
    }
    if (name.length() > MAX_QUEUE_NAME) {
      return Optional.of("queue name must be at most 80 characters (including .fifo)");
    }
    if (pattern.matcher(url).matches()) {
      return Optional.empty();
    }
    if (!name.replaceFirst("\\.fifo$", "").matches("[a-zA-Z0-9_-]+")) {
      return Optional.of(
          "queue name may contain only letters, digits, '-' and '_', "
              + "and a FIFO queue's name ends in .fifo");
    }
    return Optional.of(
        emulator
            ? "must be an emulator queue URL like http://localhost:4566/000000000000/my-queue"
            : "must be an SQS queue URL like"
                + " https://sqs.us-east-1.amazonaws.com/123456789012/my-queue (or set"
                + " use_emulator: true for a local emulator)");
  }

  /** The region in an AWS-form URL's host ({@code sqs.<region>.…}). */
  public static Optional<String> region(String url) {
    Matcher matcher = AWS.matcher(url);
    return matcher.matches() ? Optional.of(matcher.group("region")) : Optional.empty();
  }

  /** The last path segment: the queue's name. */
  static String queueName(String url) {
    String path = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** A queue name that looks meant as FIFO but lacks the dot: SQS makes it a standard queue. */
  static boolean looksLikeMisnamedFifo(String url) {
    String name = queueName(url).toLowerCase(Locale.ROOT);
    return !name.endsWith(".fifo") && name.endsWith("fifo");
  }
}
