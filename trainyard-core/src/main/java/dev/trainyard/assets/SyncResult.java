package dev.trainyard.assets;

import java.util.List;

/**
 * What a sync did (or, with {@code dryRun}, would do). Key lists are object keys; {@code bytes} is
 * the body bytes sent (planned, in a dry run); {@code urls} are the CDN URLs of uploaded and
 * updated objects. A non-empty {@code failed} list means the sync is incomplete: everything else was
 * still done, and a re-run finishes the job. {@code shard} is {@code K/N} when the run synced one
 * shard of the keys ({@code --shard}), null otherwise.
 */
public record SyncResult(
    boolean dryRun,
    String target,
    List<String> uploaded,
    List<String> updated,
    List<String> unchanged,
    List<String> deleted,
    long bytes,
    List<FailedKey> failed,
    List<String> urls,
    String shard) {

  public SyncResult {
    uploaded = List.copyOf(uploaded);
    updated = List.copyOf(updated);
    unchanged = List.copyOf(unchanged);
    deleted = List.copyOf(deleted);
    failed = List.copyOf(failed);
    urls = List.copyOf(urls);
  }

  /** A result of an unsharded run. */
  public SyncResult(boolean dryRun, String target, List<String> uploaded, List<String> updated, List<String> unchanged,
      List<String> deleted, long bytes, List<FailedKey> failed, List<String> urls) {
    this(dryRun, target, uploaded, updated, unchanged, deleted, bytes, failed, urls, null);
  }

  public boolean complete() {
    return failed.isEmpty();
  }

  /** A key the sync could not bring up to date, what it tried, and the last error in one line. */
  public record FailedKey(String key, PlannedChange.Action action, String error) {}
}
