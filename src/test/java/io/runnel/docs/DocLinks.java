package io.runnel.docs;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the links of one Markdown document of the repository: a relative link must name a file
 * inside the repository, an anchor must be a heading of its document, an absolute link must go to
 * an allowed host, and nothing may point at the design notes that live outside the repository.
 */
final class DocLinks {
  /** Hosts an absolute link may point to: references a reader may need, nothing else. */
  static final Set<String> ALLOWED_HOSTS =
      Set.of("cel.dev", "docs.aws.amazon.com", "www.postgresql.org");

  /** Text that refers to files outside the repository. */
  static final List<String> FORBIDDEN_TEXT = List.of("../shared", "DESIGN.md");

  private static final Pattern LINK =
      Pattern.compile("!?\\[[^\\]]*]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
  private static final Pattern CODE_SPAN = Pattern.compile("`+[^`]*`+");

  private final Path root;

  DocLinks(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** Every problem of {@code file}, whose text is {@code text}, as {@code path:line: message}. */
  List<String> problems(Path file, String text) {
    List<String> problems = new ArrayList<>();
    String name = root.relativize(file.toAbsolutePath().normalize()).toString();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      for (String forbidden : FORBIDDEN_TEXT) {
        if (lines[i].contains(forbidden)) {
          problems.add(
              name
                  + ":"
                  + (i + 1)
                  + ": mentions "
                  + forbidden
                  + ", which is not in the repository");
        }
      }
    }
    for (Markdown.Line line : Markdown.lines(text)) {
      Matcher link = LINK.matcher(CODE_SPAN.matcher(line.text()).replaceAll("code"));
      while (link.find()) {
        String problem = problem(file, text, link.group(1));
        if (problem != null) {
          problems.add(name + ":" + line.number() + ": " + link.group(1) + ": " + problem);
        }
      }
    }
    return problems;
  }

  /** What is wrong with {@code target}, a link in {@code file}; null when nothing is. */
  private String problem(Path file, String text, String target) {
    if (target.matches("(?i)[a-z][a-z0-9+.-]*:.*")) {
      return absolute(target);
    }
    int hash = target.indexOf('#');
    String path = hash < 0 ? target : target.substring(0, hash);
    String anchor = hash < 0 ? null : target.substring(hash + 1);
    Path resolved =
        path.isEmpty() ? file : file.getParent().resolve(path).toAbsolutePath().normalize();
    if (!resolved.startsWith(root)) {
      return "points outside the repository";
    }
    if (!path.isEmpty() && !Files.exists(resolved)) {
      return "no such file " + root.relativize(resolved);
    }
    if (anchor == null) {
      return null;
    }
    if (!resolved.toString().endsWith(".md")) {
      return "an anchor into a file that is not Markdown";
    }
    String targetDoc = path.isEmpty() ? text : Markdown.read(resolved);
    return anchors(targetDoc).contains(anchor)
        ? null
        : "no heading with anchor #" + anchor + " in " + root.relativize(resolved);
  }

  private static String absolute(String target) {
    URI uri;
    try {
      uri = URI.create(target);
    } catch (IllegalArgumentException e) {
      return "not a valid URL";
    }
    String scheme = uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      return "only relative links and http(s) links are allowed";
    }
    return ALLOWED_HOSTS.contains(uri.getHost())
        ? null
        : "absolute link to " + uri.getHost() + ", which is not in DocLinks.ALLOWED_HOSTS";
  }

  /** The anchors GitHub gives the headings of {@code text}, repeated ones numbered -1, -2, …. */
  static Set<String> anchors(String text) {
    Set<String> anchors = new HashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    for (String heading : Markdown.headings(text)) {
      String slug = Markdown.slug(heading);
      int count = seen.merge(slug, 1, Integer::sum);
      anchors.add(count == 1 ? slug : slug + "-" + (count - 1));
    }
    return anchors;
  }
}
