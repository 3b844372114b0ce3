package dev.trainyard.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * A clock that only moves when code sleeps on it. Inject it as both the {@link Sleeper} and the
 * {@link Clock} so retry and polling code "waits" minutes in microseconds; {@link #sleeps()} shows
 * exactly which waits were asked for, and {@link #at(Duration, Runnable)} lets a test change the
 * world (e.g. a WireMock stub) when simulated time passes a point.
 */
public final class FakeTime implements Sleeper {
  public static final Instant START = Instant.parse("2026-11-21T12:00:00Z");

  private final Instant start;
  private Instant now;
  private final List<Duration> sleeps = new ArrayList<>();
  private final TreeMap<Instant, List<Runnable>> scheduled = new TreeMap<>();

  public FakeTime() {
    this(START);
  }

  public FakeTime(Instant start) {
    this.start = start;
    this.now = start;
  }

  @Override
  public synchronized void sleep(Duration duration) {
    sleeps.add(duration);
    now = now.plus(duration);
    while (!scheduled.isEmpty() && !scheduled.firstKey().isAfter(now)) {
      scheduled.pollFirstEntry().getValue().forEach(Runnable::run);
    }
  }

  /** Runs {@code action} once simulated time reaches {@code start + offset}. */
  public synchronized void at(Duration offset, Runnable action) {
    scheduled.computeIfAbsent(start.plus(offset), k -> new ArrayList<>()).add(action);
  }

  public synchronized Instant now() {
    return now;
  }

  public synchronized Duration elapsed() {
    return Duration.between(start, now);
  }

  public synchronized List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }

  public Clock clock() {
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now();
      }
    };
  }
}
