package io.runnel.sink.sqs;

/**
 * One HTTP answer of the SQS endpoint. Immutable (the body array is not copied: do not change it).
 *
 * @param queryError the {@code x-amzn-query-error} header ({@code Code;Sender}), or null
 */
record HttpAnswer(int status, String queryError, byte[] body) {}
