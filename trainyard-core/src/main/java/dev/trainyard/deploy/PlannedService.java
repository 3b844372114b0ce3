package dev.trainyard.deploy;

import java.util.List;

/**
 * One service of the plan.
 *
 * @param name the service
 * @param position 1-based place in the deploy order
 * @param wave 1-based wave; services of one wave may deploy together
 * @param rank the rank it is deployed in: first, database, rest, last (production), alphabetical
 *     (stage), rank-N or unranked (custom)
 * @param reason why it is there, e.g. {@code first: matches '*auth*'; after profile-server}
 * @param changed whether its paths (or migrations) changed in the range; null when unknown
 * @param touchesDatabase whether it counts as touching the database
 * @param after the planned services it runs after (edges through services left out included)
 */
public record PlannedService(String name, int position, int wave, String rank, String reason, Boolean changed,
    boolean touchesDatabase, List<String> after) {
  public PlannedService {
    after = List.copyOf(after);
  }
}
