package io.runnel.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.decode.Lsn;
import org.junit.jupiter.api.Test;

class AckWatermarkTest {
  @Test
  void advancesOnlyOverFinishedTransactionsInCommitOrder() {
    AckWatermark watermark = new AckWatermark(new Lsn(100));
    Transaction first = watermark.begin(new Lsn(200));
    first.retain();
    watermark.commit(first, new Lsn(210));
    Transaction second = watermark.begin(new Lsn(300));
    second.retain();
    watermark.commit(second, new Lsn(310));

    second.release();
    assertThat(watermark.advance(null)).as("first still pending").isEqualTo(new Lsn(100));
    first.release();
    assertThat(watermark.advance(null)).isEqualTo(new Lsn(310));
    assertThat(watermark.openTransactions()).isZero();
  }

  @Test
  void unsealedTransactionHoldsTheWatermarkEvenWithNothingPending() {
    AckWatermark watermark = new AckWatermark(new Lsn(100));
    watermark.begin(new Lsn(200));
    assertThat(watermark.advance(new Lsn(500))).isEqualTo(new Lsn(100));
  }

  @Test
  void idlePositionMovesAnIdleSlotButNeverBackwards() {
    AckWatermark watermark = new AckWatermark(new Lsn(100));
    assertThat(watermark.advance(new Lsn(400))).isEqualTo(new Lsn(400));
    assertThat(watermark.advance(new Lsn(300))).isEqualTo(new Lsn(400));
  }

  @Test
  void releasingMoreThanRetainedFailsLoudly() {
    Transaction tx = new AckWatermark(Lsn.ZERO).begin(new Lsn(1));
    org.assertj.core.api.Assertions.assertThatThrownBy(tx::release)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("released more than retained");
  }
}
