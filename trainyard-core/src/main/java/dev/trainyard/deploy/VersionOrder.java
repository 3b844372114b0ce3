package dev.trainyard.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Orders the version strings services report when they are made of numbers: train
 * {@code 1.212.3}, semver {@code 2.3.0}, date {@code 2026.11.26-1}, with or without a leading v.
 */
final class VersionOrder {
  private VersionOrder() {}

  /** Negative, zero or positive like {@link Comparable}; empty when either is not all numbers. */
  static Optional<Integer> compare(String a, String b) {
    Optional<List<Long>> x = numbers(a);
    Optional<List<Long>> y = numbers(b);
    if (x.isEmpty() || y.isEmpty()) {
      return Optional.empty();
    }
    List<Long> p = x.get();
    List<Long> q = y.get();
    for (int i = 0; i < Math.max(p.size(), q.size()); i++) {
      long u = i < p.size() ? p.get(i) : 0;
      long v = i < q.size() ? q.get(i) : 0;
      if (u != v) {
        return Optional.of(Long.compare(u, v));
      }
    }
    return Optional.of(0);
  }

  private static Optional<List<Long>> numbers(String version) {
    if (version == null) {
      return Optional.empty();
    }
    String v = version.trim();
    if (v.startsWith("v") || v.startsWith("V")) {
      v = v.substring(1);
    }
    if (!v.matches("\\d{1,18}([.-]\\d{1,18})*")) {
      return Optional.empty();
    }
    List<Long> parts = new ArrayList<>();
    for (String part : v.split("[.-]")) {
      parts.add(Long.parseLong(part));
    }
    return Optional.of(parts);
  }
}
