package dev.trainyard.bugs;

import java.util.List;
import java.util.Objects;

/**
 * What {@code deploy-bug} did or would do.
 *
 * @param action filed, commented, unchanged, would-file or would-comment
 * @param id the request's bug or issue number; 0 when none exists yet
 * @param url the request's page, or null when none exists yet
 * @param body the text filed or posted (or that would be, or that is already there)
 * @param summary the new request's summary (set for filed and would-file)
 * @param tracker Bugzilla or GitHub
 * @param destination where a new request goes (product and component, or repository and labels)
 * @param key the request's stable key
 * @param marker the marker that makes this text exactly-once
 * @param notes what else happened: a request filed for a patch, a repaired race, a closed request
 */
public record DeployBugResult(DeployBugAction action, long id, String url, String body, String summary,
    String tracker, String destination, String key, String marker, List<String> notes) {
  public DeployBugResult {
    Objects.requireNonNull(action, "action");
    notes = List.copyOf(notes);
  }
}
