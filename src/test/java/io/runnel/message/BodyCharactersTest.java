package io.runnel.message;

import static io.runnel.message.Fixtures.JSON;
import static io.runnel.message.Fixtures.col;
import static io.runnel.message.Fixtures.key;
import static io.runnel.message.Fixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.runnel.decode.Change;
import io.runnel.decode.Relation;
import io.runnel.decode.TableId;
import io.runnel.decode.Tuple;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 18: a row whose text holds U+FFFE or U+FFFF never reached the queue, because SQS refuses
 * those characters in a body. Every body now escapes what SQS refuses and is otherwise unchanged.
 */
class BodyCharactersTest {
  private static final JsonMapper ESCAPING_MAPPER =
      JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

  @Test
  void aBodyOfAcceptedCharactersIsReturnedAsItIs() {
    String body =
        "{\"a\":\"tab\\t é \uD83D\uDE00 \uD7FF \uE000 \uFFFD \uDBFF\uDFFF \u007F \u0085\",\r\n\t"
            + "\"\uD800\uDC00\":[1,true,null]}";
    assertThat(BodyCharacters.escape(body)).isSameAs(body);
    assertThat(BodyCharacters.escape("")).isSameAs("");
  }

  @Test
  void eachRefusedCharacterBecomesItsJsonEscape() {
    assertThat(BodyCharacters.escape("\"a\uFFFEb\uFFFFc\"")).isEqualTo("\"a\\ufffeb\\uffffc\"");
    assertThat(BodyCharacters.escape("\"\u0000\u0001\u001F\""))
        .isEqualTo("\"\\u0000\\u0001\\u001f\"");
    assertThat(BodyCharacters.escape("\"\uD800\"")).isEqualTo("\"\\ud800\"");
    assertThat(BodyCharacters.escape("\"\uDC00\uD800\"")).isEqualTo("\"\\udc00\\ud800\"");
    assertThat(BodyCharacters.escape("\"\uD800\uD800\uDC00\""))
        .isEqualTo("\"\\ud800\uD800\uDC00\"");
    assertThat(BodyCharacters.escape("\"x\uDBFF")).isEqualTo("\"x\\udbff");
    assertThat(BodyCharacters.escape("{\"\uFFFF\":\"é\uD83D\uDE00\"}"))
        .isEqualTo("{\"\\uffff\":\"é\uD83D\uDE00\"}");
  }

  /**
   * Keys never hold a surrogate without its pair here: Jackson refuses one in a field name (values
   * are fine), and PostgreSQL's names and jsonb keys cannot hold one.
   */
  @Test
  void randomStringsWrittenAsJsonParseBackExactlyAfterEscaping() throws IOException {
    RandomText random = new RandomText(18);
    for (int i = 0; i < 5_000; i++) {
      List<String> values = List.of(random.next(16, false), random.next(16, true));
      String body = BodyCharacters.escape(JSON.writeValueAsString(Map.of(values.get(0), values)));

      assertThat(SqsBodyRule.firstRefused(body)).as(body).isNull();
      JsonNode parsed = JSON.readTree(body);
      assertThat(parsed.fieldNames().next()).isEqualTo(values.get(0));
      assertThat(texts(parsed.get(values.get(0)))).isEqualTo(values);
    }
  }

  /**
   * Random text in every part of an encoded body: table and column names, text, varchar[] and
   * json/jsonb values (raw and as {@code \}{@code u} escapes), primary keys, transaction and
   * consumer annotations, the database name.
   */
  @Test
  void randomTextInEveryPartOfAnEncodedBodyIsAcceptedAndParsesBack() throws IOException {
    RandomText random = new RandomText(1818);
    for (int i = 0; i < 1_000; i++) {
      String table = "t" + random.next(6, true);
      String column = "c" + random.next(6, false);
      String pk = random.next(8, true);
      String text = random.next(12, true);
      List<String> elements = Arrays.asList(random.next(8, true), null, random.next(8, true));
      String json = jsonText(random.next(6, false), random.next(10, true), i % 2 == 0);
      String annotation = random.next(8, false);
      String database = random.next(8, true);
      Relation relation =
          new Relation(
              7000 + i,
              new TableId("public", table),
              'd',
              List.of(
                  key("k", TypeOids.TEXT),
                  col(column, TypeOids.TEXT),
                  col("tags", 1015),
                  col("doc", TypeOids.JSON),
                  col("docb", TypeOids.JSONB)),
              List.of(0));
      Change change =
          Fixtures.withAnnotations(
              Fixtures.insert(relation, Tuple.ofText(pk, text, arrayText(elements), json, json)),
              JSON.writeValueAsString(Map.of("who", annotation)));
      MessageEncoder encoder = new MessageEncoder(context(database, Map.of(annotation, text)));

      String body = encoder.encode(change).body();

      assertThat(SqsBodyRule.firstRefused(body)).as(body).isNull();
      JsonNode message = parse(body);
      JsonNode record = message.get("record");
      assertThat(record.get(column).textValue()).isEqualTo(text);
      assertThat(texts(record.get("tags"))).isEqualTo(elements);
      Fixtures.assertSameJson(record.get("doc"), parse(json));
      Fixtures.assertSameJson(record.get("docb"), parse(json));
      JsonNode metadata = message.get("metadata");
      assertThat(metadata.get("table_name").textValue()).isEqualTo(table);
      assertThat(metadata.get("record_pks").get(0).textValue()).isEqualTo(pk);
      assertThat(metadata.at("/transaction_annotations/who").textValue()).isEqualTo(annotation);
      assertThat(metadata.at("/consumer/annotations").get(annotation).textValue()).isEqualTo(text);
      assertThat(metadata.get("database_name").textValue()).isEqualTo(database);
      assertThat(metadata.at("/database/name").textValue()).isEqualTo(database);
    }
  }

  @Test
  void aStoredBodyIsEscapedWhenItIsSentAgain() {
    // A body parked by an earlier version holds the raw character; it is escaped on redelivery.
    EncodedMessage stored = new EncodedMessage("{\"a\":\"\uFFFE\"}", "key", null, List.of());
    assertThat(stored.body()).isEqualTo("{\"a\":\"\\ufffe\"}");
  }

  private static MessageContext context(String databaseName, Map<String, Object> annotations) {
    return new MessageContext(
        "sink-id",
        "sqs-sink",
        annotations,
        "db-id",
        databaseName,
        "postgres",
        "localhost",
        TimestampFormat.ISO8601,
        true,
        Map.of());
  }

  /** A JSON object with one string and a number, raw or with every non-ASCII unit escaped. */
  private static String jsonText(String key, String value, boolean escaped) {
    StringWriter text = new StringWriter();
    try (JsonGenerator out =
        (escaped ? ESCAPING_MAPPER : JSON).getFactory().createGenerator(text)) {
      out.writeStartObject();
      out.writeFieldName(key);
      out.writeStartArray();
      out.writeString(value);
      out.writeNumber("1.50");
      out.writeEndArray();
      out.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  /** PostgreSQL's text form of a one-dimensional text array: every element quoted. */
  private static String arrayText(List<String> elements) {
    List<String> quoted = new ArrayList<>();
    for (String element : elements) {
      quoted.add(
          element == null
              ? "NULL"
              : "\"" + element.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
    }
    return "{" + String.join(",", quoted) + "}";
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(element -> texts.add(element.isNull() ? null : element.textValue()));
    return texts;
  }
}
