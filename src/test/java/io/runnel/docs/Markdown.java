package io.runnel.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The repository's Markdown documents (README.md and docs/*.md) as the doc tests read them:
 * headings, table rows and their sections, GitHub's heading anchors. Fenced code blocks are
 * skipped.
 */
final class Markdown {

  /**
   * One line of a document outside code blocks, with the headings it sits under.
   *
   * @param section the text of the nearest {@code ##} heading above, or "" when none
   * @param subsection the text of the nearest {@code ###} heading below that, or "" when none
   * @param number 1-based line number
   */
  record Line(String section, String subsection, String text, int number) {}

  /** A table's body row: its cells, trimmed, and where it is. */
  record Row(Line line, List<String> cells) {
    String cell(int index) {
      return index < cells.size() ? cells.get(index) : "";
    }
  }

  private Markdown() {}

  /** The repository's root: the nearest directory upwards that holds pom.xml. */
  static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("pom.xml"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("no pom.xml above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }

  /** README.md and every docs/*.md, sorted. */
  static List<Path> documents() {
    List<Path> documents = new ArrayList<>();
    documents.add(root().resolve("README.md"));
    try (Stream<Path> files = Files.list(root().resolve("docs"))) {
      files.filter(f -> f.toString().endsWith(".md")).sorted().forEach(documents::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return documents;
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The lines outside fenced code blocks, each with its headings. */
  static List<Line> lines(String text) {
    List<Line> lines = new ArrayList<>();
    String section = "";
    String subsection = "";
    boolean fenced = false;
    String[] all = text.split("\n", -1);
    for (int i = 0; i < all.length; i++) {
      String line = all[i];
      if (line.stripLeading().startsWith("```")) {
        fenced = !fenced;
        continue;
      }
      if (fenced) {
        continue;
      }
      if (line.startsWith("## ")) {
        section = line.substring(3).trim();
        subsection = "";
      } else if (line.startsWith("### ")) {
        subsection = line.substring(4).trim();
      }
      lines.add(new Line(section, subsection, line, i + 1));
    }
    return lines;
  }

  /** The texts of every heading ({@code #} to {@code ######}) outside code blocks. */
  static List<String> headings(String text) {
    return lines(text).stream()
        .map(Line::text)
        .filter(line -> line.matches("#{1,6} .*"))
        .map(line -> line.replaceFirst("^#{1,6} ", "").trim())
        .toList();
  }

  /** Every table body row: not the header row, not the {@code |---|} separator. */
  static List<Row> tableRows(String text) {
    List<Row> rows = new ArrayList<>();
    List<Line> lines = lines(text);
    for (int i = 0; i < lines.size(); i++) {
      Line line = lines.get(i);
      boolean header = i + 1 < lines.size() && isSeparator(lines.get(i + 1).text());
      if (line.text().startsWith("|") && !header && !isSeparator(line.text())) {
        rows.add(new Row(line, cells(line.text())));
      }
    }
    return rows;
  }

  private static boolean isSeparator(String line) {
    return line.matches("\\|(\\s*:?-+:?\\s*\\|)+\\s*");
  }

  /** A row's cells, split at each {@code |} that is not escaped as {@code \|}. */
  static List<String> cells(String row) {
    String inner = row.trim().replaceAll("^\\|", "").replaceAll("(?<!\\\\)\\|$", "");
    List<String> cells = new ArrayList<>();
    for (String cell : inner.split("(?<!\\\\)\\|", -1)) {
      cells.add(cell.trim());
    }
    return cells;
  }

  /**
   * The anchor GitHub gives a heading: lower case, every character but letters, digits, spaces,
   * {@code -} and {@code _} dropped, spaces turned into {@code -}. (Repeated headings get {@code
   * -1}, {@code -2}…; the docs do not link to those.)
   */
  static String slug(String heading) {
    return heading.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
  }
}
