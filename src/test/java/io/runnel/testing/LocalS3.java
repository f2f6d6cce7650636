package io.runnel.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.options.ListContainerOptions;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An S3-compatible server on a loopback port: S3Proxy over an in-memory (jclouds "transient") blob
 * store, checking SigV4 signatures with the emulator's keys ({@code test}/{@code test}, the keys
 * Runnel signs with under {@code use_emulator}). It can be stopped and started again on the same
 * port with the same objects, to play an S3 outage. Thread-safe.
 */
public final class LocalS3 implements AutoCloseable {
  /** The access key and secret S3Proxy accepts. */
  public static final String KEY = "test";

  private final BlobStoreContext context;
  private final int port;
  private S3Proxy proxy;
  private S3Client client;

  private LocalS3(BlobStoreContext context, S3Proxy proxy) {
    this.context = context;
    this.proxy = proxy;
    this.port = proxy.getPort();
  }

  /** Starts a server on a free port, with {@code buckets}. */
  public static LocalS3 start(String... buckets) throws Exception {
    BlobStoreContext context =
        ContextBuilder.newBuilder("transient")
            .credentials("identity", "credential")
            .overrides(new Properties())
            .build(BlobStoreContext.class);
    LocalS3 s3 = new LocalS3(context, started(context, 0));
    for (String bucket : buckets) {
      s3.createBucket(bucket);
    }
    return s3;
  }

  private static S3Proxy started(BlobStoreContext context, int port) throws Exception {
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(context.getBlobStore())
            .endpoint(URI.create("http://127.0.0.1:" + port))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, KEY, KEY)
            .build();
    proxy.start();
    await().atMost(Duration.ofSeconds(10)).until(() -> proxy.getState().equals("STARTED"));
    return proxy;
  }

  public int port() {
    return port;
  }

  /** The endpoint, for path-style requests ({@code <endpoint>/<bucket>/<key>}). */
  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  public void createBucket(String bucket) {
    context.getBlobStore().createContainerInLocation(null, bucket);
  }

  /** Stops serving (connections are refused) but keeps the objects. */
  public synchronized void stop() throws Exception {
    proxy.stop();
  }

  /** Serves again, on the same port, with the same objects. */
  public synchronized void restart() throws Exception {
    proxy = started(context, port);
  }

  /** The keys in {@code bucket}. */
  public List<String> keys(String bucket) {
    List<String> keys = new ArrayList<>();
    BlobStore store = context.getBlobStore();
    for (StorageMetadata item : store.list(bucket, ListContainerOptions.Builder.recursive())) {
      keys.add(item.getName());
    }
    return keys;
  }

  /** The bytes of one object. */
  public byte[] object(String bucket, String key) {
    Blob blob = context.getBlobStore().getBlob(bucket, key);
    if (blob == null) {
      throw new IllegalArgumentException("no object " + bucket + "/" + key);
    }
    try (InputStream in = blob.getPayload().openStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A client of this server, as a consumer would build one, closed with the server; checksums only
   * where S3 requires them, since S3Proxy refuses the SDK's default checksum mode header.
   */
  public synchronized S3Client client() {
    if (client == null) {
      client = newClient();
    }
    return client;
  }

  private S3Client newClient() {
    return S3Client.builder()
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .endpointOverride(URI.create(endpoint()))
        .forcePathStyle(true)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, KEY)))
        .httpClientBuilder(Apache5HttpClient.builder())
        .build();
  }

  @Override
  public synchronized void close() throws Exception {
    try {
      if (client != null) {
        client.close();
      }
      proxy.stop();
    } finally {
      context.close();
    }
  }
}
