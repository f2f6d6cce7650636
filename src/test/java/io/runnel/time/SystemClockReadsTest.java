package io.runnel.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Main code reads time through the injected {@link Clock} only, so a test can drive any class with
 * a fake: {@code SystemClock} is the one class that reads the system's clocks.
 */
class SystemClockReadsTest {
  private static final Path MAIN = Path.of("src/main/java");
  private static final Path SYSTEM_CLOCK = MAIN.resolve("io/runnel/time/SystemClock.java");

  private static final Pattern CLOCK_READ =
      Pattern.compile(
          "System\\.nanoTime\\(|System\\.currentTimeMillis\\(|\\b(Instant|LocalDateTime|LocalDate"
              + "|LocalTime|OffsetDateTime|ZonedDateTime)\\.now\\(|InstantSource\\.system\\("
              + "|Clock\\.system(UTC|DefaultZone)\\(");

  @Test
  void onlySystemClockReadsTheSystemClock() throws IOException {
    List<String> reads = new ArrayList<>();
    try (Stream<Path> files = Files.walk(MAIN)) {
      files
          .filter(file -> file.toString().endsWith(".java"))
          .filter(file -> !file.equals(SYSTEM_CLOCK))
          .forEach(file -> reads.addAll(clockReads(file)));
    }

    assertThat(reads).as("inject io.runnel.time.Clock instead").isEmpty();
  }

  @Test
  void theCheckFindsARead() {
    assertThat(CLOCK_READ.matcher("long start = System.nanoTime();").find()).isTrue();
    assertThat(CLOCK_READ.matcher("Instant now = Instant.now();").find()).isTrue();
    assertThat(CLOCK_READ.matcher("new ClockSkew(Clock.systemUTC(), name)").find()).isTrue();
    assertThat(CLOCK_READ.matcher("/** As {@link System#nanoTime()}. */").find()).isFalse();
  }

  private static List<String> clockReads(Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
      List<String> reads = new ArrayList<>();
      for (int i = 0; i < lines.size(); i++) {
        Matcher read = CLOCK_READ.matcher(lines.get(i));
        if (read.find()) {
          reads.add(file + ":" + (i + 1) + ": " + lines.get(i).strip());
        }
      }
      return reads;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
