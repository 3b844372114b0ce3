package dev.trainyard.rehearse;

/**
 * The raw flag values of {@code trainyard rehearse}.
 *
 * @param example rehearse on a freshly generated example monorepo instead of the current repository
 * @param date {@code --date YYYY-MM-DD}: the release day (default today; with {@code --example} the
 *     example's own day, {@link Rehearsal#EXAMPLE_DATE})
 * @param offline ask no remote, no GitHub and no bucket
 */
public record RehearsalFlags(boolean example, String date, boolean offline) {
  public static final RehearsalFlags NONE = new RehearsalFlags(false, null, false);
}
