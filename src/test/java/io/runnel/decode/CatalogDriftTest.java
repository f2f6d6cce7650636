package io.runnel.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The catalog describes the table as it is now, the Relation message as it was when the change was
 * written. Replaying WAL from before a key column was renamed must not stop the stream.
 */
class CatalogDriftTest {
  private static final Lsn AT = Lsn.parse("0/16B3748");

  private final FakeCatalog catalog = FakeCatalog.fixtures();
  private final PgOutputDecoder decoder = new PgOutputDecoder(catalog);
  private final Fixture crud = Fixture.load("crud");

  @Test
  void keyColumnRenamedSinceTheChangeFallsBackToTheIdentityColumns() {
    catalog.keys.put(new TableId("public", "orders"), List.of("order_id"));
    assertThat(relation(crud.messages().get(1).data()).primaryKey()).containsExactly(0);
  }

  @Test
  void keyColumnAddedSinceTheChangeFallsBackToTheIdentityColumns() {
    catalog.keys.put(new TableId("public", "orders"), List.of("id", "tenant"));
    assertThat(relation(crud.messages().get(1).data()).primaryKey()).containsExactly(0);
  }

  private Relation relation(byte[] message) {
    decoder.decode(ByteBuffer.wrap(message), AT);
    decoder.decode(ByteBuffer.wrap(crud.messages().get(0).data()), AT);
    WalEvent event = decoder.decode(ByteBuffer.wrap(crud.messages().get(2).data()), AT);
    return ((WalEvent.RowChange) event).change().relation();
  }
}
