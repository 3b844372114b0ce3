package dev.trainyard.assets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SelectionTest {
  @Test
  void lastMatchingFilterWinsLikeAwsCli() {
    // aws s3 sync --exclude "*" --include "*.svg" --include "*.png"
    Selection icons = new Selection(
        List.of(PathFilter.exclude("*"), PathFilter.include("*.svg"), PathFilter.include("*.png")), false);
    assertThat(icons.selects("product-icons/vpn.svg")).isTrue();
    assertThat(icons.selects("product-icons/sub/relay.png")).isTrue();
    assertThat(icons.selects("product-icons/readme.md")).isFalse();

    Selection reversed = new Selection(List.of(PathFilter.include("*.svg"), PathFilter.exclude("*")), false);
    assertThat(reversed.selects("a.svg")).isFalse();
  }

  @Test
  void everythingIsIncludedWithoutFilters() {
    assertThat(Selection.all().selects("a/b/c.bin")).isTrue();
  }

  @Test
  void hiddenPathsAreLeftOutUnlessAsked() {
    assertThat(Selection.all().selects(".DS_Store")).isFalse();
    assertThat(Selection.all().selects("icons/.DS_Store")).isFalse();
    assertThat(Selection.all().selects(".git/config")).isFalse();
    assertThat(Selection.all().selects("icons/.well-known/x")).isFalse();
    assertThat(Selection.all().selects("icons.v2/a.b./c.svg")).as("dots inside names").isTrue();
    assertThat(new Selection(List.of(), true).selects(".well-known/security.txt")).isTrue();
    Selection explicitInclude = new Selection(List.of(PathFilter.include(".DS_Store")), false);
    assertThat(explicitInclude.selects(".DS_Store")).as("hidden files need include-hidden").isFalse();
  }
}
