/**
 * AWS credentials shared by the SQS sinks and RDS IAM database authentication: static keys or a
 * base chain, with a role assumed on top through STS.
 *
 * <p>A leaf: imports no other Runnel package. Stateless; the providers it builds are thread-safe.
 */
package io.runnel.aws;
