package dev.trainyard.deploy;

import dev.trainyard.deploy.dockerflow.HeartbeatState;

/**
 * Where one service stands.
 *
 * @param name the service
 * @param wave its wave
 * @param url its version URL (without credentials), or null when none is configured
 * @param expected the version that should be live
 * @param actual the version it reported last, or null
 * @param commit the commit it reported last, or null
 * @param live whether it runs the expected version (version or commit match); null when not checked
 * @param heartbeat its heartbeat once the version is live
 * @param detail one line: why it is not live or not healthy, or null
 * @param looks how many times its version endpoint was read
 */
public record ServiceStatus(String name, int wave, String url, String expected, String actual, String commit,
    Boolean live, HeartbeatState heartbeat, String detail, int looks) {

  /** Live and healthy (or without a heartbeat endpoint). */
  public boolean ok() {
    return Boolean.TRUE.equals(live) && heartbeat.settled();
  }
}
