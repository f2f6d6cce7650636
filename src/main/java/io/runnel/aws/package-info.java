/**
 * How Runnel reaches AWS outside the SQS request path, shared by the SQS sinks and RDS IAM database
 * authentication: the credentials ({@code AwsCredentialChain}: static keys or the default chain, a
 * role assumed on top), the process's proxy settings ({@code AwsProxy}, {@code NoProxy}, {@code
 * ProxyEndpoint}) and the SDK HTTP clients built on them ({@code SdkHttp}, {@code
 * ProxiedDefaultCredentials}).
 *
 * <p>A leaf: imports no other Runnel package. Immutable values and thread-safe providers.
 */
package io.runnel.aws;
