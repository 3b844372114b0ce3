package dev.trainyard.bugs;

/**
 * A deployment request as a tracker returns it.
 *
 * @param id the bug or issue number; larger is younger on both trackers
 * @param summary its summary (title)
 * @param open false once resolved, verified or closed
 * @param status the tracker's words ({@code NEW}, {@code RESOLVED FIXED}, {@code open}, {@code closed})
 * @param url its web page
 * @param description the description when the tracker returned it with the request (GitHub), else null
 */
public record TrackedBug(long id, String summary, boolean open, String status, String url, String description) {}
