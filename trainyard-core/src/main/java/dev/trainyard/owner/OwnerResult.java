package dev.trainyard.owner;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Who is release owner on {@code date}, and who takes over after them.
 *
 * @param next the next person on duty after {@code owner}'s stretch (the same person only when the
 *     rotation has one person)
 */
public record OwnerResult(LocalDate date, Cadence cadence, Duty owner, Duty next) {
  public OwnerResult {
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(cadence, "cadence");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(next, "next");
  }
}
