package io.runnel.message;

import java.util.List;

/**
 * A change rendered as the message body, with the keys delivery needs. Immutable.
 *
 * <p>The body holds only characters SQS accepts: any other character is turned into a JSON {@code
 * \}{@code uXXXX} escape here, whoever made the body (the encoder, a transform, the state store).
 *
 * @param body the Sequin-shaped JSON (DESIGN.md §4), or a transform's JSON
 * @param idempotencyKey Base64 of {@code "<commit_lsn>:<commit_idx>"}
 * @param groupKey primary-key (or group-column) values joined with {@code :}; null when grouping is
 *     off or the table has no primary key
 * @param recordPks primary-key values as strings, in key order
 */
public record EncodedMessage(
    String body, String idempotencyKey, String groupKey, List<String> recordPks) {
  public EncodedMessage {
    body = BodyCharacters.escape(body);
    recordPks = List.copyOf(recordPks);
  }
}
