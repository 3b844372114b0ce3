package dev.trainyard.owner;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The release-owner rotation: regular turns of a fixed cadence from the start date, cycling through
 * the people in order, with swaps laid over them. Dates before the start continue the cycle
 * backwards, so a look at last month works too. Pure date arithmetic: the same answer on every
 * machine and in every time zone.
 */
public final class OwnerRotation {
  private final OwnersConfig config;
  private final LocalDate start;

  private OwnerRotation(OwnersConfig config) {
    this.config = config;
    this.start = config.startDate();
  }

  /** The entry point of {@code trainyard owner}: who is on duty on the request's date, and who is next. */
  public static OwnerResult lookup(OwnerRequest request) {
    OwnerRotation rotation = new OwnerRotation(request.config());
    Duty owner = rotation.onDuty(request.date());
    return new OwnerResult(request.date(), request.config().cadenceOrDefault(), owner, rotation.after(owner));
  }

  /** Who is on duty on {@code date}: a swap covering the day, else the regular turn (cut by swaps). */
  Duty onDuty(LocalDate date) {
    for (OwnersConfig.Swap swap : config.overrides()) {
      LocalDate from = swap.fromDate();
      LocalDate until = swapEnd(swap);
      if (!date.isBefore(from) && !date.isAfter(until)) {
        return Duty.of(person(swap.owner()), from, until, true);
      }
    }
    Turn turn = turn(date);
    LocalDate from = turn.first();
    LocalDate until = turn.last();
    for (OwnersConfig.Swap swap : config.overrides()) {
      LocalDate swapFrom = swap.fromDate();
      LocalDate swapUntil = swapEnd(swap);
      if (swapUntil.isBefore(date) && !swapUntil.isBefore(from)) {
        from = swapUntil.plusDays(1);
      }
      if (swapFrom.isAfter(date) && !swapFrom.isAfter(until)) {
        until = swapFrom.minusDays(1);
      }
    }
    return Duty.of(config.people().get(turn.index()), from, until, false);
  }

  /** The first stretch after {@code duty} held by someone else (looking at most a few cycles ahead). */
  Duty after(Duty duty) {
    int limit = 2 * (config.people().size() + config.overrides().size()) + 2;
    Duty candidate = onDuty(duty.until().plusDays(1));
    for (int i = 0; i < limit && candidate.samePerson(duty); i++) {
      candidate = onDuty(candidate.until().plusDays(1));
    }
    return candidate.samePerson(duty) ? onDuty(duty.until().plusDays(1)) : candidate;
  }

  private LocalDate swapEnd(OwnersConfig.Swap swap) {
    return swap.untilDate() != null ? swap.untilDate() : turn(swap.fromDate()).last();
  }

  private Person person(String who) {
    return config.people().stream().filter(p -> p.answersTo(who)).findFirst().orElseThrow();
  }

  private record Turn(int index, LocalDate first, LocalDate last) {}

  private Turn turn(LocalDate date) {
    List<Person> people = config.people();
    return switch (config.cadenceOrDefault()) {
      case WEEKLY -> fixedLength(date, 7, people.size());
      case SPRINT -> fixedLength(date, config.sprintDaysOrDefault(), people.size());
      case MONTHLY -> {
        YearMonth month = YearMonth.from(date);
        long months = ChronoUnit.MONTHS.between(YearMonth.from(start), month);
        yield new Turn((int) Math.floorMod(months, (long) people.size()), month.atDay(1), month.atEndOfMonth());
      }
    };
  }

  private Turn fixedLength(LocalDate date, int days, int people) {
    long turns = Math.floorDiv(ChronoUnit.DAYS.between(start, date), days);
    LocalDate first = start.plusDays(turns * days);
    return new Turn((int) Math.floorMod(turns, (long) people), first, first.plusDays(days - 1L));
  }
}
