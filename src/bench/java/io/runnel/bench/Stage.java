package io.runnel.bench;

/**
 * Where a share of Runnel's CPU goes, as the profile table names it (see {@link StageRules} for how
 * a sample is put in one). Immutable.
 */
enum Stage {
  DECODE("decode"),
  ENCODE("encode"),
  DISPATCH("ordering/dispatch"),
  ACK("ack"),
  MARSHALLING("request marshalling"),
  SIGNING("signing"),
  HTTP("HTTP"),
  RESPONSE("response handling"),
  METRICS("metrics"),
  SETUP("setup (Runnel.start: config, clients, connections)"),
  JVM("JVM (GC, JIT, other non-Java threads)"),
  HARNESS("bench harness (agent, JFR)"),
  OTHER("other");

  private final String label;

  Stage(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }
}
