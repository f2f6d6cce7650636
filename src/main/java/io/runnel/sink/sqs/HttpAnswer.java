package io.runnel.sink.sqs;

/**
 * One HTTP answer of the SQS endpoint. Immutable (the body array is not copied: do not change it).
 *
 * @param queryError the {@code x-amzn-query-error} header ({@code Code;Sender}), or null
 * @param date the {@code Date} header (RFC 1123), or null; used to correct clock skew
 */
record HttpAnswer(int status, String queryError, String date, byte[] body) {
  HttpAnswer(int status, String queryError, byte[] body) {
    this(status, queryError, null, body);
  }
}
