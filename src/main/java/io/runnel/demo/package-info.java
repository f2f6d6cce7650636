/**
 * The embedded PostgreSQL and SQS (ElasticMQ) servers, workload and consumer of {@code runnel
 * demo}; the tests use the same servers.
 *
 * <p>Imports only {@code time}. The workload and the consumer each own one thread.
 */
package io.runnel.demo;
