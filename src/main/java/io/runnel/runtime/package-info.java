/**
 * Wiring: one {@code DatabasePipeline} per database (source → fan-out → sink workers, backfills,
 * housekeeping), the instance ({@code Runnel}, started with {@code RunnelOptions}), and what it
 * reports (health, status, history).
 *
 * <p>May import every package below it: {@code ha}, {@code source}, {@code pipeline}, {@code
 * delivery}, {@code sink.sqs}, {@code state}, {@code backfill}, {@code function}, {@code message},
 * {@code decode}, {@code config} and {@code time}. Its one thread is the history sampler ({@code
 * runnel-history-<database>}); {@code Runnel} and {@code DatabasePipeline} are called from the role
 * threads of {@code ha} and from API threads, and are thread-safe.
 */
package io.runnel.runtime;
