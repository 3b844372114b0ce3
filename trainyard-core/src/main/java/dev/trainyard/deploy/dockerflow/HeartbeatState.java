package dev.trainyard.deploy.dockerflow;

/** The Dockerflow {@code /__heartbeat__} verdict of a service. */
public enum HeartbeatState {
  /** 2xx: every check passed (or only warned). */
  OK,
  /** 2xx with {@code "status": "warning"}. */
  WARNING,
  /** 5xx: a check failed (the body names which), or the service is still starting. */
  FAILING,
  /** 404: the service has no heartbeat endpoint; not counted against it. */
  ABSENT,
  /** Not reachable, or an answer that is neither of the above. */
  ERROR,
  /** Not looked at, because the expected version is not live yet. */
  UNCHECKED;

  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  public String toString() {
    return id();
  }

  /** Settled: looking again will not change the verdict. */
  public boolean settled() {
    return this == OK || this == WARNING || this == ABSENT;
  }
}
