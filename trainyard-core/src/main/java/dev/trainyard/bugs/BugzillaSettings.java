package dev.trainyard.bugs;

import java.util.List;
import java.util.Objects;

/**
 * How to reach a Bugzilla and what a new request looks like there.
 *
 * @param baseUrl the server's base URL, without {@code /rest}
 * @param product the product of new requests
 * @param component the component of new requests
 * @param version the version field of new requests
 * @param type the bug type of new requests, or null to send none
 * @param severity the severity of new requests, or null for the server's default
 * @param cc logins copied on new requests
 * @param markdown ask for Markdown comments ({@code is_markdown}) where the server supports it
 * @param apiKey the API key, or null for anonymous reads; sent only in the X-BUGZILLA-API-KEY header
 *     and never shown by {@link #toString()}
 */
public record BugzillaSettings(String baseUrl, String product, String component, String version, String type,
    String severity, List<String> cc, boolean markdown, String apiKey) {
  public BugzillaSettings {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(product, "product");
    Objects.requireNonNull(component, "component");
    Objects.requireNonNull(version, "version");
    cc = cc == null ? List.of() : List.copyOf(cc);
    apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
  }

  /** The same settings with {@code login} copied on new requests too (once). */
  public BugzillaSettings withCc(String login) {
    if (login == null || cc.contains(login)) {
      return this;
    }
    List<String> more = new java.util.ArrayList<>(cc);
    more.add(login);
    return new BugzillaSettings(baseUrl, product, component, version, type, severity, more, markdown, apiKey);
  }

  public boolean hasKey() {
    return apiKey != null;
  }

  @Override
  public String toString() {
    return "BugzillaSettings[baseUrl=" + baseUrl + ", product=" + product + ", component=" + component + ", version="
        + version + ", type=" + type + ", severity=" + severity + ", cc=" + cc + ", markdown=" + markdown
        + ", apiKey=" + (apiKey == null ? "none" : "***") + "]";
  }
}
