package dev.trainyard.bugs;

/**
 * A request's description or comment.
 *
 * @param id the tracker's comment id (0 for a GitHub issue's body, which is not a comment)
 * @param description true for the request's description (Bugzilla comment 0, a GitHub issue's body)
 * @param text the raw text
 */
public record BugComment(long id, boolean description, String text) {}
