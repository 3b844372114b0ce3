package dev.trainyard.assets;

import dev.trainyard.TrainyardException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Shard {@code index} of {@code count} ({@code --shard K/N}, 1-based): the object keys one runner of a
 * matrix syncs. A key belongs to exactly one shard, chosen by a stable hash of the whole key (64-bit
 * FNV-1a of its UTF-8 bytes, unsigned, modulo N), so every runner, every run and every platform
 * agrees; a local file and the remote object it becomes always fall in the same shard. Each shard
 * lists, compares, uploads and deletes only its own keys.
 */
public record Shard(int index, int count) {
  /** Every key: no sharding. */
  public static final Shard ALL = new Shard(1, 1);
  /** A matrix wider than this is a typo, not a fleet. */
  public static final int MAX_COUNT = 1024;

  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  public Shard {
    if (count < 1 || count > MAX_COUNT || index < 1 || index > count) {
      throw TrainyardException.invalidInput(
          "shard " + index + "/" + count + " does not exist: K/N needs 1 <= K <= N <= " + MAX_COUNT,
          "write --shard 1/4 ... --shard 4/4, one per matrix job");
    }
  }

  /** Parses {@code K/N}; {@code name} is how the user wrote the setting (flag or key), for the error. */
  public static Shard parse(String value, String name) {
    String trimmed = value == null ? "" : value.strip();
    int slash = trimmed.indexOf('/');
    try {
      if (slash > 0) {
        int index = Integer.parseInt(trimmed.substring(0, slash).strip());
        int count = Integer.parseInt(trimmed.substring(slash + 1).strip());
        if (count >= 1 && count <= MAX_COUNT && index >= 1 && index <= count) {
          return new Shard(index, count);
        }
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw TrainyardException.invalidInput(
        name + " must be K/N with 1 <= K <= N <= " + MAX_COUNT + ", got '" + value + "'",
        "e.g. " + name + " 2/4 syncs the second quarter of the keys");
  }

  public boolean isAll() {
    return count == 1;
  }

  /** The 1-based shard a key belongs to among {@code count}. */
  public static int of(String key, int count) {
    long hash = FNV_OFFSET;
    for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= FNV_PRIME;
    }
    return (int) Long.remainderUnsigned(hash, count) + 1;
  }

  public boolean owns(String key) {
    return count == 1 || of(key, count) == index;
  }

  /** The items whose key this shard owns, in their order. */
  public <T> List<T> filter(List<T> items, Function<T, String> key) {
    if (count == 1) {
      return items;
    }
    List<T> owned = new ArrayList<>();
    for (T item : items) {
      if (owns(key.apply(item))) {
        owned.add(item);
      }
    }
    return owned;
  }

  /** " (shard K of N)" for messages, "" without sharding. */
  public String describe() {
    return count == 1 ? "" : " (shard " + index + " of " + count + ")";
  }

  @Override
  public String toString() {
    return index + "/" + count;
  }
}
