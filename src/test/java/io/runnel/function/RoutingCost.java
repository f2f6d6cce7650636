package io.runnel.function;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.runnel.config.FunctionConfig;
import io.runnel.config.FunctionConfig.FunctionType;
import io.runnel.decode.Change;
import io.runnel.message.EncodedMessage;
import java.util.List;

/**
 * A rough timing loop (not a test, not a benchmark suite): the cost per message of encoding, and of
 * the seed's routing function (variables plus evaluation) on an encoded message. Run with {@code
 * java -cp target/classes:target/test-classes:<deps> io.runnel.function.RoutingCost}.
 */
final class RoutingCost {
  private RoutingCost() {}

  public static void main(String[] args) {
    String routing =
        "{\"queue_url\": \"https://sqs.us-east-1.amazonaws.com/123456789012/\""
            + " + metadata.table_name}";
    SinkFunctions functions =
        FunctionCompiler.compile(
                List.of(new FunctionConfig("route", FunctionType.ROUTING, "sqs", routing)))
            .forSink(Messages.sink(null, null, "route"), new SimpleMeterRegistry());
    Change change = Messages.insert(Messages.row("7", "shipped", "12.5", "t"));
    int n = 2_000_000;
    for (int round = 0; round < 8; round++) {
      long start = System.nanoTime();
      long bytes = 0;
      for (int i = 0; i < n; i++) {
        bytes += Messages.ENCODER.encode(change).body().length();
      }
      long encodeOnly = (System.nanoTime() - start) / n;
      EncodedMessage encoded = Messages.ENCODER.encode(change);
      start = System.nanoTime();
      int routed = 0;
      for (int i = 0; i < n; i++) {
        Verdict verdict =
            functions.apply(Messages.ENCODER.variables(change, encoded, Variables.NULL));
        routed += verdict instanceof Verdict.Send ? 1 : 0;
      }
      long routingOnly = (System.nanoTime() - start) / n;
      System.out.printf(
          "round %d: encode %d ns/msg, routing function %d ns/msg (%d%% of encoding) [%d %d]%n",
          round, encodeOnly, routingOnly, 100 * routingOnly / encodeOnly, bytes, routed);
    }
  }
}
