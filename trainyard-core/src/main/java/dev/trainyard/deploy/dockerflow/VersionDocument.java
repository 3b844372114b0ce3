package dev.trainyard.deploy.dockerflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * A Dockerflow version object ({@code /__version__}, from the image's {@code version.json}).
 *
 * @param version release tag or string for humans, e.g. {@code v1.212.0} or {@code 1.212.0}
 * @param commit the git hash the image was built from
 * @param source the repository URL
 * @param build the CI build URL
 */
public record VersionDocument(String version, String commit, String source, String build) {

  /**
   * Reads both shapes services publish: the flat object of the Dockerflow spec, and one where the
   * version object is nested one level down ({@code {"version": {"version": ..., "commit": ...}}}
   * or under another key such as {@code "build"}). Empty when neither has a version or a commit.
   */
  public static Optional<VersionDocument> from(JsonNode json) {
    if (json == null || !json.isObject()) {
      return Optional.empty();
    }
    Optional<VersionDocument> flat = flat(json);
    if (flat.isPresent()) {
      return flat;
    }
    JsonNode version = json.get("version");
    if (version != null && version.isObject()) {
      Optional<VersionDocument> nested = flat(version);
      if (nested.isPresent()) {
        return nested;
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> fields = json.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (field.getValue().isObject()) {
        Optional<VersionDocument> nested = flat(field.getValue());
        if (nested.isPresent()) {
          return nested;
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<VersionDocument> flat(JsonNode json) {
    String version = scalar(json.get("version"));
    String commit = scalar(json.get("commit"));
    if (version == null && commit == null) {
      return Optional.empty();
    }
    return Optional.of(new VersionDocument(version, commit, scalar(json.get("source")), scalar(json.get("build"))));
  }

  private static String scalar(JsonNode node) {
    if (node == null || node.isNull() || node.isContainerNode()) {
      return null;
    }
    String text = node.asText().trim();
    return text.isEmpty() ? null : text;
  }
}
