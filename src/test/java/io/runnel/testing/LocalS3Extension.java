package io.runnel.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link LocalS3} per test class, with its buckets, started before the class and closed after
 * it: {@code @RegisterExtension static final LocalS3Extension S3 = new LocalS3Extension("b");}.
 */
public final class LocalS3Extension implements BeforeAllCallback, AfterAllCallback {
  private final String[] buckets;
  private volatile LocalS3 server;

  public LocalS3Extension(String... buckets) {
    this.buckets = buckets.clone();
  }

  /** The running server; only between the class's start and end. */
  public LocalS3 get() {
    LocalS3 running = server;
    if (running == null) {
      throw new IllegalStateException("LocalS3 is not running (use it from tests only)");
    }
    return running;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    server = LocalS3.start(buckets);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    LocalS3 running = server;
    server = null;
    if (running != null) {
      running.close();
    }
  }
}
