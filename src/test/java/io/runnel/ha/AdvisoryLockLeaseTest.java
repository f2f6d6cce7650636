package io.runnel.ha;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AdvisoryLockLeaseTest {
  /** Instances of different versions must agree on the key, so it is pinned here. */
  @Test
  void theKeyIsStableAndDependsOnDatabaseAndSlot() {
    long key = AdvisoryLockLease.key("e2e-database", "cut_slot");
    assertThat(key).isEqualTo(-7972020045585973737L);
    assertThat(AdvisoryLockLease.key("e2e-database", "other_slot")).isNotEqualTo(key);
    assertThat(AdvisoryLockLease.key("other-database", "cut_slot")).isNotEqualTo(key);
    assertThat(AdvisoryLockLease.key("a", "bc")).isNotEqualTo(AdvisoryLockLease.key("ab", "c"));
  }
}
