package io.runnel.demo;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The demo's queue consumer: long-polls the queue, prints each message body as received (with its
 * FIFO group id), and deletes it.
 */
public final class DemoConsumer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DemoConsumer.class);

  private final SqsClient client;
  private final String queueUrl;
  private final PrintWriter out;
  private final AtomicLong received = new AtomicLong();
  private final Thread thread;
  private volatile boolean running = true;

  private DemoConsumer(SqsClient client, String queueUrl, PrintWriter out) {
    this.client = client;
    this.queueUrl = queueUrl;
    this.out = out;
    this.thread = Thread.ofPlatform().name("runnel-demo-consumer").daemon().unstarted(this::run);
  }

  public static DemoConsumer start(SqsClient client, String queueUrl, PrintWriter out) {
    DemoConsumer consumer = new DemoConsumer(client, queueUrl, out);
    consumer.thread.start();
    return consumer;
  }

  public long received() {
    return received.get();
  }

  private void run() {
    while (running) {
      try {
        for (Message message :
            client
                .receiveMessage(
                    r ->
                        r.queueUrl(queueUrl)
                            .maxNumberOfMessages(10)
                            .waitTimeSeconds(1)
                            .messageSystemAttributeNames(
                                MessageSystemAttributeName.MESSAGE_GROUP_ID))
                .messages()) {
          print(message);
          client.deleteMessage(d -> d.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
        }
      } catch (RuntimeException e) {
        if (running) {
          log.warn("demo consumer failed to receive: {}", e.getMessage());
        }
      }
    }
  }

  private void print(Message message) {
    long n = received.incrementAndGet();
    String group = message.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID);
    synchronized (out) {
      out.printf(
          "#%d group=%s%n  %s%n", n, group == null ? "-" : group.substring(0, 8), message.body());
      out.flush();
    }
  }

  @Override
  public void close() {
    running = false;
    try {
      thread.join(3000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
