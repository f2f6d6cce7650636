package io.runnel.message;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * Writes one non-null column value, given in pgoutput text form, as exactly one JSON value.
 * Implementations are stateless and shared between threads. Text that does not parse as its type is
 * written as a JSON string rather than failing the message: only I/O errors escape.
 */
@FunctionalInterface
interface ValueWriter {
  void write(JsonGenerator out, String text) throws IOException;
}
