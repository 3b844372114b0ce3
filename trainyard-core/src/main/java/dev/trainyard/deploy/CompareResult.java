package dev.trainyard.deploy;

import java.util.List;

/**
 * Two environments side by side.
 *
 * @param from the leading environment, e.g. stage
 * @param to the environment that may lag, e.g. production
 * @param services every service, by name
 * @param lags at least one service of {@code to} lags {@code from}: a deployment request is due
 * @param requests HTTP requests sent
 */
public record CompareResult(String from, String to, List<Row> services, boolean lags, int requests) {
  public CompareResult {
    services = List.copyOf(services);
  }

  /** Services whose version could not be read in one of the environments. */
  public List<Row> unreadable() {
    return services.stream().filter(r -> r.state() == State.UNKNOWN).toList();
  }

  /** How {@code to} stands against {@code from}. */
  public enum State {
    /** The same version (or commit). */
    SAME,
    /** {@code to} runs another version, older (or not comparable). */
    LAGS,
    /** {@code to} runs a newer version than {@code from} (a hotfix went straight out). */
    AHEAD,
    /** A version could not be read. */
    UNKNOWN,
    /** The service has no version URL in one of the two environments. */
    NOT_CONFIGURED;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    @Override
    public String toString() {
      return id();
    }
  }

  /**
   * One environment's answer.
   *
   * @param url the version URL (without credentials), or null
   * @param version the reported version, or null
   * @param commit the reported commit, or null
   * @param error why it could not be read, or null
   */
  public record Side(String url, String version, String commit, String error) {}

  /**
   * One service.
   *
   * @param lags {@code to} lags {@code from}; null when unknown or not configured
   */
  public record Row(String name, Side from, Side to, State state, Boolean lags) {}
}
