package dev.trainyard.owner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import dev.trainyard.config.ConfigLoader;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class OwnerRotationTest {
  private static final String PEOPLE = """
        people:
          - {name: Ada, github: ada, bugzilla: ada@example.com}
          - {name: Grace, github: grace}
          - {name: Linus}
      """;

  private static OwnersConfig owners(String yaml) {
    return new ConfigLoader().parse("owners:\n" + yaml, ".trainyard.yml").ownersOrDefaults();
  }

  private static OwnerResult on(OwnersConfig config, String date) {
    return OwnerRotation.lookup(new OwnerRequest(config, LocalDate.parse(date)));
  }

  @Test
  void weeklyTurnsCrossTheYearBoundary() {
    // Weeks start on Mondays from 2026-12-14; Linus's week runs over New Year.
    OwnersConfig weekly = owners("  cadence: weekly\n  start: 2026-12-14\n" + PEOPLE);
    assertThat(on(weekly, "2026-12-14").owner().name()).isEqualTo("Ada");
    assertThat(on(weekly, "2026-12-21").owner().name()).isEqualTo("Grace");
    OwnerResult linus = on(weekly, "2027-01-01");
    assertThat(linus.owner().name()).isEqualTo("Linus");
    assertThat(linus.owner().from()).isEqualTo(LocalDate.parse("2026-12-28"));
    assertThat(linus.owner().until()).isEqualTo(LocalDate.parse("2027-01-03"));
    assertThat(linus.next().name()).isEqualTo("Ada");
    assertThat(linus.next().from()).isEqualTo(LocalDate.parse("2027-01-04"));
    assertThat(linus.next().bugzilla()).isEqualTo("ada@example.com");
  }

  @Test
  void monthlyTurnsCrossTheYearBoundaryAndCycle() {
    OwnersConfig monthly = owners("  cadence: monthly\n  start: 2026-11-15\n" + PEOPLE);
    assertThat(on(monthly, "2026-11-01").owner().name()).isEqualTo("Ada");
    OwnerResult december = on(monthly, "2026-12-31");
    assertThat(december.owner().name()).isEqualTo("Grace");
    assertThat(december.owner().from()).isEqualTo(LocalDate.parse("2026-12-01"));
    assertThat(december.owner().until()).isEqualTo(LocalDate.parse("2026-12-31"));
    assertThat(december.next().name()).isEqualTo("Linus");
    assertThat(december.next().from()).isEqualTo(LocalDate.parse("2027-01-01"));
    assertThat(december.next().until()).isEqualTo(LocalDate.parse("2027-01-31"));
    assertThat(on(monthly, "2027-02-10").owner().name()).isEqualTo("Ada");
    // Before the start the cycle runs backwards.
    assertThat(on(monthly, "2026-10-03").owner().name()).isEqualTo("Linus");
  }

  @Test
  void sprintsHaveTheirConfiguredLength() {
    OwnersConfig sprints = owners("  cadence: sprint\n  start: 2026-01-06\n  sprint-days: 14\n" + PEOPLE);
    OwnerResult third = on(sprints, "2026-02-03");
    assertThat(third.owner().name()).isEqualTo("Linus");
    assertThat(third.owner().from()).isEqualTo(LocalDate.parse("2026-02-03"));
    assertThat(third.owner().until()).isEqualTo(LocalDate.parse("2026-02-16"));
    assertThat(on(sprints, "2026-02-02").owner().name()).isEqualTo("Grace");
  }

  @Test
  void aSwapTakesOverPartOfATurnAndTheRestStaysWithTheRotation() {
    OwnersConfig swapped = owners("  cadence: weekly\n  start: 2026-12-14\n" + PEOPLE
        + "  overrides:\n    - {from: 2026-12-24, until: 2026-12-27, owner: '@ada'}\n");
    OwnerResult grace = on(swapped, "2026-12-22");
    assertThat(grace.owner().name()).isEqualTo("Grace");
    assertThat(grace.owner().until()).isEqualTo(LocalDate.parse("2026-12-23"));
    assertThat(grace.next().name()).isEqualTo("Ada");
    assertThat(grace.next().swapped()).isTrue();
    OwnerResult ada = on(swapped, "2026-12-25");
    assertThat(ada.owner()).isEqualTo(new Duty("Ada", "ada", "ada@example.com", LocalDate.parse("2026-12-24"),
        LocalDate.parse("2026-12-27"), true));
    assertThat(ada.next().name()).isEqualTo("Linus");
  }

  @Test
  void aSwapWithoutUntilCoversTheRestOfTheTurnAndNextSkipsTheSamePerson() {
    // Linus takes Grace's week; Linus's own week follows, so after him comes Ada.
    OwnersConfig swapped = owners("  cadence: weekly\n  start: 2026-12-14\n" + PEOPLE
        + "  overrides:\n    - {from: 2026-12-21, owner: linus}\n");
    OwnerResult week = on(swapped, "2026-12-23");
    assertThat(week.owner().name()).isEqualTo("Linus");
    assertThat(week.owner().until()).isEqualTo(LocalDate.parse("2026-12-27"));
    assertThat(week.next().name()).isEqualTo("Ada");
    assertThat(week.next().from()).isEqualTo(LocalDate.parse("2027-01-04"));
  }

  @Test
  void aSinglePersonRotationNamesThemNextToo() {
    OwnerResult solo = on(owners("  start: 2026-01-05\n  people: [{name: Ada}]\n"), "2026-01-07");
    assertThat(solo.cadence()).isEqualTo(Cadence.WEEKLY);
    assertThat(solo.next().name()).isEqualTo("Ada");
    assertThat(solo.next().from()).isEqualTo(LocalDate.parse("2026-01-12"));
  }

  @Test
  void theDateFlagDefaultsToTodayAndMustBeADate() {
    OwnersConfig weekly = owners("  start: 2026-12-14\n" + PEOPLE);
    Clock clock = Clock.fixed(java.time.Instant.parse("2026-12-22T10:00:00Z"), ZoneOffset.UTC);
    assertThat(OwnerRequest.resolve(weekly, new OwnerFlags(null), clock).date()).isEqualTo(LocalDate.parse("2026-12-22"));
    assertThatThrownBy(() -> OwnerRequest.resolve(weekly, new OwnerFlags("22.12.2026"), clock))
        .isInstanceOf(TrainyardException.class).hasMessageContaining("--date: '22.12.2026' is not a date YYYY-MM-DD");
  }

  @Test
  void withoutARotationTheRequestSaysWhatToAdd() {
    assertThatThrownBy(() -> new OwnerRequest(OwnersConfig.NONE, LocalDate.parse("2026-01-01")))
        .isInstanceOfSatisfying(TrainyardException.class, e -> {
          assertThat(e.kind()).isEqualTo(FailureKind.INVALID_INPUT);
          assertThat(e.getMessage()).contains("no owners: section");
        });
  }

  @Test
  void mistakesInTheSectionAreOneLineWithTheKey() {
    assertThatThrownBy(() -> owners("  cadence: weekly\n" + PEOPLE))
        .hasMessageContaining("owners.start is required");
    assertThatThrownBy(() -> owners("  start: 2026-02-30\n" + PEOPLE))
        .hasMessageContaining("owners.start: '2026-02-30' is not a date");
    assertThatThrownBy(() -> owners("  start: 2026-01-05\n  overrides: [{from: 2026-01-05, owner: bob}]\n" + PEOPLE))
        .hasMessageContaining("'bob' is not in owners.people");
    assertThatThrownBy(() -> owners("  start: 2026-01-05\n  sprint-days: 10\n" + PEOPLE))
        .hasMessageContaining("sprint-days only applies to 'cadence: sprint'");
    assertThatThrownBy(() -> owners("  cadence: fortnightly\n  start: 2026-01-05\n" + PEOPLE))
        .hasMessageContaining("must be one of weekly, sprint, monthly");
    assertThatThrownBy(() -> owners("  start: 2026-01-05\n  people: [{name: Ada}, {name: ada}]\n"))
        .hasMessageContaining("names 'ada' twice");
    assertThatThrownBy(() -> owners("  start: 2026-01-05\n  people: [{name: Ada, github: 'not a login'}]\n"))
        .hasMessageContaining("is not a GitHub login");
  }
}
