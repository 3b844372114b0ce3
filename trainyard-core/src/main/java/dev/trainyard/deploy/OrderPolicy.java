package dev.trainyard.deploy;

/** How an environment orders its services. */
public enum OrderPolicy {
  /**
   * The accounts production rule: services matching {@code first} rules, then those that touch the
   * database, then the rest, then those matching {@code last} rules. {@code after:} edges win.
   */
  PRODUCTION,
  /** Alphabetical; {@code after:} edges win. */
  STAGE,
  /** The environment's own {@code ranks}: one list of name globs per rank, unmatched services last. */
  CUSTOM;

  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** As written in YAML and JSON. */
  @Override
  public String toString() {
    return id();
  }
}
