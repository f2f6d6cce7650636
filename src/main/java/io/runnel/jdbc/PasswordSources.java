package io.runnel.jdbc;

import io.runnel.aws.AwsCredentialChain;
import io.runnel.config.DatabaseAuth;
import io.runnel.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rds.RdsUtilities;

/**
 * The one place that decides how a connection gets its password: a {@link DatabaseAuth} becomes a
 * {@link DatabaseAuth.PasswordSource}. IAM sources are kept per settings for the life of the
 * process, so their credential providers (default chain, STS role sessions) refresh once for every
 * connection instead of once per connection. Thread-safe.
 */
public final class PasswordSources {
  private static final Map<DatabaseAuth.Iam, DatabaseAuth.PasswordSource> IAM =
      new ConcurrentHashMap<>();

  private PasswordSources() {}

  /** The source for {@code auth}. */
  public static DatabaseAuth.PasswordSource of(DatabaseAuth auth) {
    return switch (auth) {
      case DatabaseAuth.Password p -> db -> p.secret();
      case DatabaseAuth.PasswordFile f -> new FilePassword(f.path());
      case DatabaseAuth.Iam iam -> IAM.computeIfAbsent(iam, PasswordSources::iam);
      case DatabaseAuth.Provided p -> p.source();
    };
  }

  private static DatabaseAuth.PasswordSource iam(DatabaseAuth.Iam iam) {
    Region region = Region.of(iam.region());
    AwsCredentialsProvider credentials =
        AwsCredentialChain.defaultChain(iam.roleArn(), iam.externalId(), region);
    return new IamTokens(rdsTokens(region, credentials), Clock.system());
  }

  /** Tokens signed by the AWS SDK's {@code RdsUtilities} with {@code credentials}. */
  public static IamTokens.TokenGenerator rdsTokens(
      Region region, AwsCredentialsProvider credentials) {
    RdsUtilities rds =
        RdsUtilities.builder().region(region).credentialsProvider(credentials).build();
    return (host, port, user) ->
        rds.generateAuthenticationToken(r -> r.hostname(host).port(port).username(user));
  }
}
