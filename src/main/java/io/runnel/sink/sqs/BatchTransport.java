package io.runnel.sink.sqs;

import java.io.IOException;
import java.time.Clock;

/**
 * Signs one SendMessageBatch POST with the time of {@code clock} and sends it to the sink's
 * endpoint. Blocking (call it from a virtual thread); thread-safe.
 */
interface BatchTransport extends AutoCloseable {
  /**
   * @throws IOException when no complete answer arrived (connection failed, deadline passed)
   */
  HttpAnswer post(BatchRequestWriter.Body body, Clock clock) throws IOException;

  /**
   * How requests travel, for error messages: {@code " through proxy http://u:****@p:3128 (…)"} or
   * "".
   */
  default String via() {
    return "";
  }

  @Override
  void close();
}
