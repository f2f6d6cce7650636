/**
 * The SQS destination: {@code SendMessageBatch} over Runnel's own HTTP/1.1 client (signing,
 * connection pool, proxies, clock skew), queue checks and lookups through the AWS SDK, the
 * classification of SQS errors into outcomes, and {@code large_payloads}: bodies too large for the
 * queue written to S3 with the SDK's S3 client and replaced by SQS Extended Client pointers.
 *
 * <p>May import {@code pipeline} ({@code Sink}, {@code OutboundMessage}, {@code Outcome}), {@code
 * config}, {@code aws} (credentials, proxy settings, SDK HTTP clients) and {@code time}. {@code
 * SqsSink} is thread-safe: several batches are in flight, each request on a virtual {@code
 * sqs-http-*} thread.
 */
package io.runnel.sink.sqs;
