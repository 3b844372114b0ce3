package dev.trainyard.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainyard.TrainyardException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobTest {
  @ParameterizedTest(name = "{0} ~ {1} = {2}")
  @CsvSource({
    "*.svg, a.svg, true",
    "*.svg, icons/deep/a.svg, true",
    "*.svg, a.svg.bak, false",
    "icons/*.svg, icons/a.svg, true",
    "icons/*.svg, icons/sub/a.svg, false",
    "icons/**/*.svg, icons/a.svg, true",
    "icons/**/*.svg, icons/sub/deeper/a.svg, true",
    "icons/**, icons/sub/a.png, true",
    "icons/**, iconsx/a.png, false",
    "**/legal/*.pdf, legal/t.pdf, true",
    "**/legal/*.pdf, x/legal/t.pdf, true",
    "/top.txt, top.txt, true",
    "/top.txt, sub/top.txt, false",
    "icon-?.png, icon-1.png, true",
    "icon-?.png, icon-10.png, false",
    "icon-[0-9].png, icon-7.png, true",
    "icon-[!0-9].png, icon-x.png, true",
    "icon-[!0-9].png, icon-7.png, false",
    "'*.{svg,png}', a.png, true",
    "'*.{svg,png}', a.gif, false",
    "a+b (1).txt, a+b (1).txt, true",
    "\\*.txt, *.txt, true",
    "\\*.txt, a.txt, false",
    "*.SVG, a.svg, false",
  })
  void matches(String pattern, String path, boolean expected) {
    assertThat(Glob.path(pattern).matches(path)).isEqualTo(expected);
  }

  @Test
  void namePatternsMatchWholeNamesIgnoringCase() {
    assertThat(Glob.name("*auth*").matches("fxa-Auth-server")).isTrue();
    assertThat(Glob.name("*auth*").matches("content-server")).isFalse();
    assertThat(Glob.name("{sync,profile}-*").matches("profile-server")).isTrue();
    assertThat(Glob.name("svc-?").matches("svc-12")).isFalse();
    assertThat(Glob.path("*auth*").matches("fxa-Auth-server")).as("paths keep their case").isFalse();
    assertThat(Glob.name("*auth*")).isNotEqualTo(Glob.path("*auth*"));
  }

  @ParameterizedTest(name = "{0} ~ {1} = {2}")
  @CsvSource({
    "train-*, train-4, true",
    "train-*, origin/train-4, false",
    "release/*, release/1.2, true",
    "release/*, release/1.2/hotfix, false",
    "release/**, release/1.2/hotfix, true",
    "v[0-9]*, v1.3.0, true",
    "v[0-9]*, vx, false",
    "'v1.{2,3}.*', v1.3.0, true",
    "Train-*, train-4, false",
  })
  void wholeValuePatternsMatchRefNames(String pattern, String name, boolean expected) {
    assertThat(Glob.whole(pattern).matches(name)).isEqualTo(expected);
  }

  @Test
  void brokenPatternsAreInputErrorsNamingThePattern() {
    for (String broken : List.of("[abc", "{a,b", "a}", "x\\")) {
      assertThatThrownBy(() -> Glob.path(broken))
          .isInstanceOf(TrainyardException.class)
          .hasMessageContaining("'" + broken + "'");
      assertThatThrownBy(() -> Glob.name(broken)).isInstanceOf(TrainyardException.class);
    }
    assertThatThrownBy(() -> Glob.path("packages/{a,b")).isInstanceOf(TrainyardException.class)
        .hasMessage("invalid glob pattern 'packages/{a,b': '{' without a closing '}'");
    assertThatThrownBy(() -> Glob.name(" ")).isInstanceOf(TrainyardException.class).hasMessage("empty glob pattern");
  }
}
