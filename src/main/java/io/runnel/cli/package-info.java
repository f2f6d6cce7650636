/**
 * The {@code runnel} command line: {@code run}, {@code validate}, {@code demo} and {@code
 * backfill}, their options, exit codes and log setup.
 *
 * <p>May import {@code runtime}, {@code api}, {@code config}, {@code ha} (instance ids), {@code
 * source} and {@code sink.sqs} (the checks of {@code validate --connect}), {@code function} and
 * {@code demo}. Each command runs on the main thread; {@code run} waits there for SIGTERM/SIGINT.
 */
package io.runnel.cli;
