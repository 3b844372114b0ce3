package dev.trainyard.changelog;

import dev.trainyard.TrainyardException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The CHANGELOG.md layouts trainyard writes. */
public enum ChangelogFormat {
  /** Firefox Accounts' per-package layout: {@code ## X.Y.Z}, {@code ### New features}, ... */
  FXA("fxa"),
  /** clog-cli's layout as used by syncstorage-rs: anchor, dated heading, {@code #### Features}, ... */
  CLOG("clog"),
  /** Keep a Changelog 1.1.0: {@code ## [X.Y.Z] - date}, Added/Changed/.../Security, compare links. */
  KEEPACHANGELOG("keepachangelog");

  private final String id;

  ChangelogFormat(String id) {
    this.id = id;
  }

  /** The name users write in flags and configuration. */
  public String id() {
    return id;
  }

  /**
   * Reads a format name the way people type it: any case, surrounding blanks, and with or without
   * separators ({@code keep-a-changelog}, {@code Keep_A_Changelog}).
   */
  public static ChangelogFormat parse(String name) {
    return parse(name, null);
  }

  /** As {@link #parse(String)}; an unknown name is reported with {@code source}, the flag or key it came from. */
  public static ChangelogFormat parse(String name, String source) {
    String wanted = name == null ? "" : name.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    for (ChangelogFormat format : values()) {
      if (format.id.equals(wanted)) {
        return format;
      }
    }
    String valid = Arrays.stream(values()).map(ChangelogFormat::id).collect(Collectors.joining(", "));
    throw TrainyardException.invalidInput(
        (source == null ? "" : source + ": ") + "unknown changelog format '" + (name == null ? "" : name)
            + "' (valid: " + valid + ")",
        "use one of: " + valid);
  }

  @Override
  public String toString() {
    return id;
  }
}
