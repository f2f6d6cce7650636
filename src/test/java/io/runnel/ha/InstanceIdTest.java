package io.runnel.ha;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InstanceIdTest {
  @Test
  void theDefaultIsHostAndPidAndValid() {
    String id = InstanceId.defaultId();
    assertThat(id).endsWith("-" + ProcessHandle.current().pid());
    assertThat(id.length()).isLessThanOrEqualTo(InstanceId.MAX_LENGTH);
  }

  @Test
  void aBadIdIsNamedInTheProblem() {
    assertThat(InstanceId.problem("worker 1"))
        .isEqualTo(
            "--instance-id must be 1 to 56 letters, digits or . _ : @ - (was: \"worker 1\")");
    assertThat(InstanceId.problem("x".repeat(57))).startsWith("--instance-id must be 1 to 56");
    assertThat(InstanceId.problem("")).startsWith("--instance-id must be 1 to 56");
    assertThat(InstanceId.problem("eu-west-1a.worker_3:7376")).isNull();
  }
}
