package dev.trainyard.http;

import java.time.Duration;

/**
 * Waits. Production code sleeps the thread; tests inject one that records the requested delays and
 * advances a fake clock, so retry and polling logic runs in milliseconds.
 */
@FunctionalInterface
public interface Sleeper {

  void sleep(Duration duration) throws InterruptedException;

  Sleeper SYSTEM =
      duration -> {
        if (!duration.isNegative() && !duration.isZero()) {
          Thread.sleep(duration.toMillis());
        }
      };
}
