package io.runnel.it;

import com.amazon.sqs.javamessaging.AmazonSQSExtendedClient;
import com.amazon.sqs.javamessaging.ExtendedClientConfiguration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
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

  /**
   * A reader through AWS's SQS Extended Client, which fetches offloaded bodies from {@code bucket}
   * with {@code s3} (and leaves the objects there, so tests can count them).
   */
  static QueueReader extended(SqsClient sqs, S3Client s3, String bucket, String queueUrl) {
    return new QueueReader(
        new AmazonSQSExtendedClient(
            sqs, new ExtendedClientConfiguration().withPayloadSupportEnabled(s3, bucket, false)),
        queueUrl);
  }

  /** Receives (and deletes) what is available now and returns everything received so far. */
  synchronized List<Message> poll() {
    for (int round = 0; round < 100; round++) {
      int wait = round == 0 ? 1 : 0;
      List<Message> batch =
          client
              .receiveMessage(
                  r ->
                      r.queueUrl(queueUrl)
                          .maxNumberOfMessages(10)
                          .waitTimeSeconds(wait)
                          .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
              .messages();
      if (batch.isEmpty()) {
        break;
      }
      received.addAll(batch);
      List<DeleteMessageBatchRequestEntry> deletes = new ArrayList<>();
      for (int i = 0; i < batch.size(); i++) {
        deletes.add(
            DeleteMessageBatchRequestEntry.builder()
                .id(Integer.toString(i))
                .receiptHandle(batch.get(i).receiptHandle())
                .build());
      }
      client.deleteMessageBatch(d -> d.queueUrl(queueUrl).entries(deletes));
    }
    return List.copyOf(received);
  }

  synchronized List<Message> received() {
    return List.copyOf(received);
  }
}
