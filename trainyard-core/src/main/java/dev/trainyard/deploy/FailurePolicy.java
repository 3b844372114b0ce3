package dev.trainyard.deploy;

/** What one failed service means for the services after it. */
public enum FailurePolicy {
  /** Everything after a failed service waits (production: deployed by hand, SRE stops the rest). */
  STOP,
  /** The others deploy anyway (stage: a single service does not stop the rest). */
  CONTINUE;

  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** As written in YAML and JSON. */
  @Override
  public String toString() {
    return id();
  }
}
