package dev.trainyard.assets;

import java.util.List;

/**
 * Everything a sync will do, computed before the first change, so that the rails can refuse a
 * dangerous sync while nothing has happened yet and {@code --dry-run} can print exactly this.
 *
 * @param remoteSelected how many remote objects under the synced prefixes the filters select
 * @param prefixes the listing prefixes synced
 * @param manifestStale whether the header manifests should be rewritten after the sync (missing,
 *     or some object needed a HEAD)
 */
public record SyncPlan(AssetTarget target, List<PlannedChange> changes, int remoteSelected, List<String> prefixes,
    boolean manifestStale) {
  public SyncPlan {
    changes = List.copyOf(changes);
    prefixes = List.copyOf(prefixes);
  }

  public List<PlannedChange> uploads() {
    return only(PlannedChange.Action.UPLOAD);
  }

  public List<PlannedChange> headerUpdates() {
    return only(PlannedChange.Action.UPDATE_HEADERS);
  }

  public List<PlannedChange> unchanged() {
    return only(PlannedChange.Action.UNCHANGED);
  }

  public List<PlannedChange> deletes() {
    return only(PlannedChange.Action.DELETE);
  }

  public long uploadBytes() {
    return changes.stream().mapToLong(PlannedChange::bodyBytes).sum();
  }

  private List<PlannedChange> only(PlannedChange.Action action) {
    return changes.stream().filter(c -> c.action() == action).toList();
  }
}
