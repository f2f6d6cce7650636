package io.runnel.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Helpers for the integration tests that compare streamed messages with golden JSON under {@code
 * src/test/resources/}: SQL scripts split into statements, messages in commit order, and a
 * comparison that writes the actual JSON to {@code target/golden-actual/} when it differs.
 */
final class Goldens {
  /** Exact BigDecimals, so that {@code 1.50} and {@code 1.5} differ: digits are compared. */
  static final ObjectMapper JSON =
      new ObjectMapper()
          .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true))
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(SerializationFeature.INDENT_OUTPUT);

  private Goldens() {}

  /** The statements of a classpath SQL script; statements end with a semicolon at a line end. */
  static String[] statements(String resource) {
    try (InputStream in = Goldens.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no resource " + resource);
      }
      String script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return Arrays.stream(script.split(";\\s*\\n"))
          .map(String::strip)
          .filter(s -> !s.isEmpty())
          .toArray(String[]::new);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ObjectNode body(Message message) {
    try {
      return (ObjectNode) JSON.readTree(message.body());
    } catch (IOException e) {
      throw new AssertionError("message body is not JSON: " + message.body(), e);
    }
  }

  /** Bodies ordered by commit LSN, then index in the transaction. */
  static List<ObjectNode> inCommitOrder(List<Message> messages) {
    return messages.stream()
        .map(Goldens::body)
        .sorted(
            Comparator.comparingLong((ObjectNode b) -> b.at("/metadata/commit_lsn").asLong())
                .thenComparingInt(b -> b.at("/metadata/commit_idx").asInt()))
        .toList();
  }

  /** {@code action}, {@code record}, {@code changes} and the table and keys from the metadata. */
  static ObjectNode essentials(ObjectNode body) {
    ObjectNode out = JSON.createObjectNode();
    out.set("action", body.get("action"));
    out.set(
        "table",
        JSON.getNodeFactory()
            .textNode(
                body.at("/metadata/table_schema").asText()
                    + "."
                    + body.at("/metadata/table_name").asText()));
    out.set("record_pks", body.at("/metadata/record_pks"));
    out.set("record", body.get("record"));
    out.set("changes", body.get("changes"));
    return out;
  }

  /** Compares {@code actual} with the golden resource, saving the actual JSON when they differ. */
  static void assertMatches(List<ObjectNode> actual, String resource) throws IOException {
    ArrayNode array = JSON.createArrayNode().addAll(actual);
    JsonNode expected;
    try (InputStream in = Goldens.class.getResourceAsStream(resource)) {
      expected = in == null ? null : JSON.readTree(in);
    }
    if (!array.equals(expected)) {
      Path saved = Path.of("target", "golden-actual", resource);
      Files.createDirectories(saved.getParent());
      Files.writeString(saved, JSON.writeValueAsString(array) + "\n");
      for (int i = 0; expected != null && i < Math.min(array.size(), expected.size()); i++) {
        assertThat(array.get(i)).as(resource + " message " + i).isEqualTo(expected.get(i));
      }
      assertThat(array).as(resource + " (actual saved to " + saved + ")").isEqualTo(expected);
    }
  }
}
