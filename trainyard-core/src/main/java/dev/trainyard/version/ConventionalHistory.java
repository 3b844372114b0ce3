package dev.trainyard.version;

import dev.trainyard.changelog.ConventionalCommit;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;

/** The conventional commits between two points of history, newest first. */
@FunctionalInterface
public interface ConventionalHistory {
  List<ConventionalCommit> between(ObjectId fromExclusive, ObjectId toInclusive);
}
