package dev.trainyard.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NearestNameTest {
  @Test
  void aTypoFindsTheClosestNameAndTiesGoToTheFirstAlphabetically() {
    assertThat(NearestName.typo("repositry", List.of("api-url", "repository", "server-url"))).contains("repository");
    assertThat(NearestName.typo("bc", List.of("bd", "ac"))).contains("ac");
    assertThat(NearestName.typo("bc", Set.of("ac", "bd"))).as("the same whatever the set's order").contains("ac");
    assertThat(NearestName.typo("zzzzzz", List.of("production", "stage"))).isEmpty();
  }

  @Test
  void aTypoMayBeAThirdOfALongName() {
    assertThat(NearestName.typo("profile-srv", List.of("profile-server"))).as("3 edits in 11 characters").contains("profile-server");
    assertThat(NearestName.typo("prfl", List.of("profile"))).as("3 edits in 4 characters").isEmpty();
  }

  @Test
  void anAbbreviationOfThreeCharactersOrMoreNamesWhatItAbbreviates() {
    assertThat(NearestName.abbreviationOrTypo("prod", List.of("stage", "production"))).contains("production");
    assertThat(NearestName.typo("prod", List.of("stage", "production"))).as("typo alone does not expand").isEmpty();
    assertThat(NearestName.abbreviationOrTypo("pr", List.of("production"))).as("too short to abbreviate").isEmpty();
  }

  @Test
  void theHintListsTheKnownNamesSorted() {
    assertThat(NearestName.hint("prod", Set.of("stage", "production")))
        .isEqualTo("did you mean 'production'? (known: production, stage)");
    assertThat(NearestName.hint("qa", List.of("stage", "production"))).isEqualTo("known: production, stage");
    assertThat(NearestName.hint("qa", List.of())).isEqualTo("known: (none)");
  }

  @Test
  void distanceCountsInsertionsDeletionsAndSubstitutions() {
    assertThat(NearestName.distance("kitten", "sitting")).isEqualTo(3);
    assertThat(NearestName.distance("", "abc")).isEqualTo(3);
    assertThat(NearestName.distance("same", "same")).isZero();
  }
}
