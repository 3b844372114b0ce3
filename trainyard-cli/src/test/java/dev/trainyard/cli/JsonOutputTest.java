package dev.trainyard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.trainyard.mergeback.RefStatus;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The streaming writer must print byte for byte what Jackson's full mapper prints. */
class JsonOutputTest {
  enum Colour { RED, DARK_BLUE }

  enum Labelled {
    @JsonProperty("first-one") FIRST,
    SECOND
  }

  record Entry(String type, String scope, String subject, String hash, Integer pr, boolean breaking) {}

  private record Hidden(String name, List<Entry> entries, Map<String, Object> extra) {}

  record WithGetterLikeComponent(boolean isDraft, String getUrl, String issue) {}

  record WithDerivedGetter(int count) {
    public boolean isEmpty() {
      return count == 0;
    }
  }

  record Renamed(@JsonProperty("tag_name") String tag) {}

  record Times(Instant at, Instant preciseAt, LocalDate day, Duration staleAfter) {}

  record Everything(
      String text, long big, int small, double ratio, BigDecimal money, Colour colour, Labelled labelled,
      RefStatus status, Path path, List<Object> mixed, List<String> empty, Map<String, Object> emptyMap,
      LinkedHashSet<String> set, Times times, Hidden hidden) {}

  static Stream<Object> values() {
    Map<String, Object> withNull = new LinkedHashMap<>();
    withNull.put("z", null);
    withNull.put("a", List.of(1, 2));
    withNull.put("nested", Map.of("k", "v"));
    List<Object> mixed = new ArrayList<>(Arrays.asList(1, "two", null, true, 2.5, Colour.DARK_BLUE));
    Entry entry = new Entry("feat", null, "naïve \"quotes\" \\ tab\t nl\n ctrl\u0001 emoji \uD83D\uDE80 / <b>",
        "0123456789abcdef0123456789abcdef01234567", 42, false);
    Hidden hidden = new Hidden("h", List.of(entry, entry), withNull);
    Times times = new Times(Instant.parse("2026-11-21T10:15:30Z"), Instant.parse("2026-11-21T10:15:30.120Z"),
        LocalDate.of(2026, 11, 21), Duration.ofDays(7).plusMinutes(3));
    return Stream.of(
        null, "plain", 12, -7L, 1.0e10, 0.1, new BigDecimal("12.50"), true,
        List.of(), Map.of(), withNull, mixed, entry, hidden,
        new WithGetterLikeComponent(true, "u", "i"), new WithDerivedGetter(0), new Renamed("v1.2.0"),
        times, Colour.RED, Labelled.FIRST, RefStatus.PARTIAL, Path.of("/tmp/x y"),
        new Everything("t", Long.MAX_VALUE, Integer.MIN_VALUE, 3.25, new BigDecimal("1E+3"), Colour.RED,
            Labelled.SECOND, RefStatus.MERGED, Path.of("rel"), mixed, List.of(), Map.of(),
            new LinkedHashSet<>(List.of("b", "a")), times, hidden),
        Map.of("error", Map.of("kind", "INVALID_INPUT", "exitCode", 2)));
  }

  @ParameterizedTest
  @MethodSource("values")
  void printsWhatJacksonPrints(Object value) throws Exception {
    String expected = JsonOutput.Mapper.INSTANCE.writeValueAsString(value);

    assertThat(JsonOutput.render(value)).isEqualTo(expected);
  }
}
