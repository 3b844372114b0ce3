package dev.trainyard.release;

/**
 * The flags that choose the next version, shared by {@code cut} and {@code next-version}, as given.
 * {@link ReleaseSettings#resolve} puts them over the {@code release:} configuration.
 *
 * @param scheme {@code --scheme}, or null for {@code release.scheme} (default train)
 * @param date {@code --date} as {@code YYYY-MM-DD}, or null
 */
public record VersionFlags(String scheme, boolean patch, String date, boolean firstRelease) {
  public static final VersionFlags NONE = new VersionFlags(null, false, null, false);
}
