package dev.trainyard.git;

import java.util.Objects;
import org.eclipse.jgit.lib.ObjectId;

/**
 * A tag peeled to the commit it names. Annotated and lightweight tags look the same here because
 * release rules care about the commit, not about how the tag was made.
 *
 * @param name short name, e.g. {@code v1.212.0}
 * @param commit the commit the tag points at after peeling
 * @param annotated true for a tag object, false for a lightweight tag
 */
public record TagRef(String name, ObjectId commit, boolean annotated) {
  public TagRef {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(commit, "commit");
    commit = commit.copy();
  }
}
