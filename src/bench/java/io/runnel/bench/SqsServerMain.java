package io.runnel.bench;

import io.runnel.demo.EmbeddedSqs;

/**
 * The benchmark's SQS server (ElasticMQ) in its own JVM, so its CPU time is measured apart from
 * Runnel's and the load generator's. Answers its port, then runs until stdin closes.
 */
final class SqsServerMain {
  private SqsServerMain() {}

  public static void main(String[] args) throws Exception {
    EmbeddedSqs sqs = EmbeddedSqs.start(0);
    ChildJvm.reply("PORT", sqs.port());
    while (System.in.read() >= 0) {
      // Nothing to do until stdin closes.
    }
    sqs.close();
    System.exit(0);
  }
}
