package io.runnel.api;

/** An HTTP error answer: status, message, and the offending field when there is one. */
final class ApiException extends RuntimeException {
  final int status;
  final String field;

  ApiException(int status, String message, String field) {
    super(message);
    this.status = status;
    this.field = field;
  }

  static ApiException badRequest(String field, String message) {
    return new ApiException(400, message, field);
  }

  static ApiException notFound(String message) {
    return new ApiException(404, message, null);
  }
}
