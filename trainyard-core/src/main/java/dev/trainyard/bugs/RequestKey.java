package dev.trainyard.bugs;

import dev.trainyard.version.NextVersion;
import dev.trainyard.version.SchemeName;
import dev.trainyard.version.TrainVersion;
import java.util.Objects;

/**
 * The stable key that finds a release's deployment request, and the marker that proves a text was
 * posted.
 *
 * <p>The key names the product and the release line: {@code [trainyard:yard:train-4]} for every
 * tag of train 4 (the train's request gathers its patches, as the accounts release owners do by
 * hand), {@code [trainyard:syncstorage:1.2.3]} and {@code [trainyard:syncstorage:1.2.3-production]}
 * for other schemes (one request per release and environment, as sync-storage files them). On Bugzilla it is a whiteboard tag, which Bugzilla's search finds by
 * substring; on GitHub it is an HTML comment in the body, found through the issue label
 * and, should the label be removed, the search API. The closing bracket keeps train-4 from matching
 * train-40.
 *
 * <p>The marker names one text: {@code [trainyard:yard:v1.4.1:stage]} ends the patch comment, and
 * {@code ...:production} and {@code ...:qa} the other requests for the same tag. Before posting,
 * the request's description and comments are searched for it: found means already posted, so a
 * re-run changes nothing. The marker is added by trainyard, not by the template, so an edited
 * template cannot lose it.
 *
 * @param product the product segment ({@code yard})
 * @param line {@code train-4}, or the tag for schemes without trains
 */
public record RequestKey(String product, String line) {
  public RequestKey {
    Objects.requireNonNull(product, "product");
    Objects.requireNonNull(line, "line");
  }

  /**
   * A train's tags share the train's request whatever the environment (production is a comment on
   * it); other schemes file one request per release and environment, as sync-storage does
   * ("Please deploy ... to STAGE", then "... to PRODUCTION").
   */
  public static RequestKey of(String product, NextVersion next, TargetEnvironment env) {
    String train = trainOf(next);
    if (train != null) {
      return new RequestKey(sanitise(product), "train-" + train);
    }
    return new RequestKey(sanitise(product), sanitise(next.tag()) + (env == TargetEnvironment.PRODUCTION ? "-production" : ""));
  }

  /** The train number of a train-scheme tag, else null. */
  static String trainOf(NextVersion next) {
    if (next.scheme() != SchemeName.TRAIN) {
      return null;
    }
    return TrainVersion.parseTag(next.tag()).map(v -> String.valueOf(v.train())).orElse(null);
  }

  /** The token in the Bugzilla whiteboard or the GitHub issue body. */
  public String token() {
    return "[trainyard:" + product + ":" + line + "]";
  }

  /** The marker of one text: the tag and what it asks ({@code stage}, {@code production}, {@code qa}). */
  public String marker(String tag, String purpose) {
    return "[trainyard:" + product + ":" + sanitise(tag) + ":" + purpose + "]";
  }

  /** True when {@code text} carries a marker of this product (a text trainyard posted). */
  public boolean postedByTrainyard(String text) {
    return text != null && text.contains("[trainyard:" + product + ":");
  }

  private static String sanitise(String value) {
    String clean = value.strip().replaceAll("[\\s\\[\\]:,]+", "-");
    return clean.isEmpty() ? "release" : clean;
  }
}
