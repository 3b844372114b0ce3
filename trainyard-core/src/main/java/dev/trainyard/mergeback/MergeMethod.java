package dev.trainyard.mergeback;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a ref's work reached main, in the order the analysis tries them (cheapest first). */
public enum MergeMethod {
  /** The ref's tip is an ancestor of main: merge commit or fast-forward. */
  ANCESTRY("ancestry"),
  /** Every commit of the ref has an equal patch on main. */
  CHERRY_PICK("cherry-pick"),
  /**
   * The ref's whole change since the merge base arrived as one commit on main: equal combined
   * patch-id, or (conflicts resolved while squashing) one commit carrying all of the ref's content,
   * or a merged GitHub pull request whose head is the tip.
   */
  SQUASH("squash");

  private final String label;

  MergeMethod(String label) {
    this.label = label;
  }

  @JsonValue
  public String label() {
    return label;
  }
}
