package dev.trainyard.owner;

/**
 * The raw flag values of {@code trainyard owner}, as the command received them.
 *
 * @param date {@code --date YYYY-MM-DD}, or null for today
 */
public record OwnerFlags(String date) {}
