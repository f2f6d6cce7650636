package io.runnel.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The demo's queue consumer: long-polls the queue, prints each message body as received, and
 * deletes it. The heading names the action, the table and the group key the way the console does
 * (the primary-key values joined with {@code :}; SQS's MessageGroupId is that key's MD5).
 */
public final class DemoConsumer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DemoConsumer.class);
  private static final ObjectMapper JSON = new ObjectMapper();

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
                    r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
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
    synchronized (out) {
      out.printf("#%d %s%n  %s%n", n, heading(message.body()), message.body());
      out.flush();
    }
  }

  /** {@code insert public.orders group=42}, read from the message's own metadata. */
  static String heading(String body) {
    try {
      JsonNode root = JSON.readTree(body);
      JsonNode metadata = root.path("metadata");
      List<String> pks = new ArrayList<>();
      metadata.path("record_pks").forEach(pk -> pks.add(pk.asText()));
      return root.path("action").asText("?")
          + " "
          + metadata.path("table_schema").asText("?")
          + "."
          + metadata.path("table_name").asText("?")
          + " group="
          + String.join(":", pks);
    } catch (JsonProcessingException e) {
      return "(body is not JSON: " + e.getOriginalMessage() + ")";
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
