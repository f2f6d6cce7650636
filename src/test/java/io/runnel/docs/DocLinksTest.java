package io.runnel.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * README.md and docs/*.md link only to files in the repository, to headings that exist, and to
 * absolute URLs on an allow-list; none refers to the design notes outside the repository.
 */
class DocLinksTest {
  private final Path root = Markdown.root();
  private final DocLinks links = new DocLinks(root);

  @Test
  void everyLinkOfTheReadmeAndTheDocsResolves() {
    List<String> problems = new ArrayList<>();
    List<Path> documents = Markdown.documents();
    for (Path document : documents) {
      problems.addAll(links.problems(document, Markdown.read(document)));
    }

    assertThat(documents).hasSizeGreaterThan(5);
    assertThat(problems).isEmpty();
  }

  @Test
  void theReadmeLinksEveryDocument() {
    String readme = Markdown.read(root.resolve("README.md"));
    List<String> unlinked =
        Markdown.documents().stream()
            .map(root::relativize)
            .map(Path::toString)
            .filter(doc -> doc.startsWith("docs/") && !readme.contains("](" + doc + ")"))
            .toList();

    assertThat(unlinked).isEmpty();
  }

  @Test
  void reportsAMissingFile() {
    assertThat(check("docs/x.md", "See [setup](setup.md).\n"))
        .containsExactly("docs/x.md:1: setup.md: no such file docs/setup.md");
  }

  @Test
  void reportsAMissingHeadingInAnotherDocument() {
    assertThat(check("README.md", "[heap](docs/operations.md#heap-sizing)\n"))
        .containsExactly(
            "README.md:1: docs/operations.md#heap-sizing: no heading with anchor #heap-sizing in"
                + " docs/operations.md");
  }

  @Test
  void anchorsFollowGitHubsHeadingSlugs() {
    String text =
        """
        # Title
        ## Checking a setup: `runnel validate --connect`
        ### `sinks[].destination`
        ## Notes
        ## Notes
        [a](#checking-a-setup-runnel-validate---connect) [b](#sinksdestination) [c](#notes-1)
        [d](#Notes)
        """;

    assertThat(check("docs/x.md", text))
        .containsExactly("docs/x.md:7: #Notes: no heading with anchor #Notes in docs/x.md");
  }

  @Test
  void reportsALinkLeavingTheRepository() {
    assertThat(check("docs/x.md", "[notes](../../elsewhere/notes.md)\n"))
        .containsExactly("docs/x.md:1: ../../elsewhere/notes.md: points outside the repository");
  }

  @Test
  void allowsOnlyListedHostsForAbsoluteLinks() {
    assertThat(check("docs/x.md", "[cel](https://cel.dev) [blog](https://example.com/post)\n"))
        .containsExactly(
            "docs/x.md:1: https://example.com/post: absolute link to example.com, which is not in"
                + " DocLinks.ALLOWED_HOSTS");
  }

  @Test
  void reportsTheDesignNotesOutsideTheRepository() {
    assertThat(check("docs/x.md", "As DESIGN.md says.\n"))
        .containsExactly("docs/x.md:1: mentions DESIGN.md, which is not in the repository");
  }

  @Test
  void ignoresLinksInCode() {
    assertThat(check("docs/x.md", "`[a](nowhere.md)`\n```\n[b](nowhere.md)\n```\n")).isEmpty();
  }

  private List<String> check(String file, String text) {
    return links.problems(root.resolve(file), text);
  }
}
