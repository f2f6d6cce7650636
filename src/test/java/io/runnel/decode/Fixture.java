package io.runnel.decode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Captured pgoutput messages from {@code src/test/resources/pgoutput/NAME.hex} (written by {@link
 * PgOutputFixtureCapture}): one {@code <lsn> <xid> <hex>} line per message, plus {@code # commit
 * <xid> <timestamp>} lines from {@code pg_xact_commit_timestamp}.
 */
record Fixture(List<Fixture.Message> messages, Map<Long, Instant> commitTimestamps) {

  record Message(Lsn lsn, long xid, byte[] data) {}

  static Fixture load(String name) {
    String resource = "/pgoutput/" + name + ".hex";
    try (InputStream stream = Fixture.class.getResourceAsStream(resource)) {
      if (stream == null) {
        throw new IllegalArgumentException("no fixture " + resource);
      }
      return parse(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Fixture parse(String text) {
    List<Message> messages = new ArrayList<>();
    Map<Long, Instant> commits = new HashMap<>();
    for (String line : text.split("\n")) {
      String[] parts = line.split(" ");
      if (line.startsWith("# commit ")) {
        commits.put(Long.parseLong(parts[2]), Instant.parse(parts[3]));
      } else if (!line.isBlank() && !line.startsWith("#")) {
        messages.add(
            new Message(
                Lsn.parse(parts[0]), Long.parseLong(parts[1]), HexFormat.of().parseHex(parts[2])));
      }
    }
    return new Fixture(List.copyOf(messages), Map.copyOf(commits));
  }

  /** Decodes every message in order with {@code decoder}. */
  List<WalEvent> decodeAll(PgOutputDecoder decoder) {
    List<WalEvent> events = new ArrayList<>();
    for (Message message : messages) {
      events.add(decoder.decode(ByteBuffer.wrap(message.data()), message.lsn()));
    }
    return events;
  }

  /** The only message of the given type byte. */
  Message only(char type) {
    List<Message> found = messages.stream().filter(m -> m.data()[0] == type).toList();
    if (found.size() != 1) {
      throw new IllegalStateException(found.size() + " messages of type " + type);
    }
    return found.get(0);
  }
}
