package io.runnel.it;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** Reads a queue the way a consumer does: receive, collect, delete. */
final class QueueReader {
  private final SqsClient client;
  private final String queueUrl;
  private final List<Message> received = new ArrayList<>();

  QueueReader(SqsClient client, String queueUrl) {
    this.client = client;
    this.queueUrl = queueUrl;
  }

  /** Receives what is available now (short wait) and returns everything received so far. */
  synchronized List<Message> poll() {
    List<Message> batch =
        client
            .receiveMessage(
                r ->
                    r.queueUrl(queueUrl)
                        .maxNumberOfMessages(10)
                        .waitTimeSeconds(1)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
            .messages();
    for (Message message : batch) {
      received.add(message);
      client.deleteMessage(d -> d.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
    }
    return List.copyOf(received);
  }

  synchronized List<Message> received() {
    return List.copyOf(received);
  }
}
