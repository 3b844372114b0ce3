package dev.trainyard.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import dev.trainyard.config.ConfigLoader;
import dev.trainyard.config.TrainyardConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class AssetsConfigTest {
  private static final String ACCOUNTS = """
      assets:
        target: s3://cdn-bucket
        cdn-url: https://accounts-static.cdn.example.net
        folders: [product-icons, other, legal]
        cache-control: public,max-age=86400
        filters:
          - exclude: "*"
          - include: "product-icons/**/*.{svg,png}"
          - include: "other/**/*.{svg,png}"
          - include: "legal/**/*.pdf"
        rules:
          - match: "legal/**"
            content-disposition: attachment
        delete: true
        max-delete-share: 0.1
      """;

  @Test
  void accountsWorkflowReadsIntoOneRequest() {
    TrainyardConfig config = new ConfigLoader().parse(ACCOUNTS, ".trainyard.yml");
    SyncRequest request = UploadRequest.resolve(config.assetsOrDefaults(), AssetsFlags.NONE, Path.of("/repo")).sync();

    assertThat(request.source()).isEqualTo(Path.of("/repo/assets"));
    assertThat(request.folders()).containsExactly("product-icons", "other", "legal");
    assertThat(request.target()).isEqualTo(new AssetTarget(AssetTarget.Scheme.S3, "cdn-bucket", ""));
    assertThat(request.selection().selects("product-icons/sub/vpn.svg")).isTrue();
    assertThat(request.selection().selects("legal/terms.svg")).isFalse();
    assertThat(request.selection().selects("legal/terms.pdf")).isTrue();
    assertThat(request.headerPolicy().headersFor("legal/terms.pdf"))
        .isEqualTo(new ObjectHeaders("application/pdf", "public,max-age=86400", "attachment", null, null));
    assertThat(request.headerPolicy().headersFor("other/a.png").contentDisposition()).isNull();
    assertThat(request.delete()).isTrue();
    assertThat(request.maxDeleteShare()).isEqualTo(0.1);
    assertThat(request.concurrency()).isEqualTo(SyncRequest.DEFAULT_CONCURRENCY);
  }

  @Test
  void flagsOverrideValuesAndAppendRules() {
    AssetsConfig file = new ConfigLoader().parse(ACCOUNTS, "f").assetsOrDefaults();
    AssetsFlags flags = new AssetsFlags(null, "s3://other/p", null, null, true, null, null, "no-cache",
        null, "inline", null, null, List.of(new AssetsConfig.Filter("*.svg", null)), null, false, null, false, null, 4, "2/3");

    SyncRequest effective = UploadRequest.resolve(file, flags, Path.of("/repo")).sync();

    assertThat(effective.target()).isEqualTo(AssetTarget.parse("s3://other/p"));
    assertThat(effective.headerPolicy().defaultCacheControl()).isEqualTo("no-cache");
    assertThat(effective.folders()).containsExactly("product-icons", "other", "legal");
    assertThat(effective.selection().filters()).containsExactly(new AssetsConfig.Filter("*.svg", null).toPathFilter());
    assertThat(effective.headerPolicy().rules()).hasSize(2);
    assertThat(effective.concurrency()).isEqualTo(4);
    assertThat(effective.delete()).isTrue();
    assertThat(effective.shard()).isEqualTo(new Shard(2, 3));
  }

  @Test
  void outOfRangeFlagsNameTheFlagAndConfigKeysNameTheKey() {
    AssetsFlags zeroConcurrency = new AssetsFlags(null, "s3://b", null, null, null, null, null, null,
        null, null, null, null, null, null, false, null, false, null, 0, null);
    assertThatThrownBy(() -> UploadRequest.resolve(AssetsConfig.DEFAULTS, zeroConcurrency, Path.of("/repo")))
        .isInstanceOfSatisfying(TrainyardException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.INVALID_INPUT))
        .hasMessage("--concurrency must be between 1 and 256, got 0");
    AssetsFlags share = new AssetsFlags(null, "s3://b", null, null, null, null, null, null,
        null, null, null, null, null, null, false, null, false, 2.0, null, null);
    assertThatThrownBy(() -> UploadRequest.resolve(AssetsConfig.DEFAULTS, share, Path.of("/repo")))
        .isInstanceOf(TrainyardException.class)
        .hasMessage("--max-delete-share must be between 0 and 1, got 2.0");
    for (String bad : List.of("0/4", "5/4", "4", "1/0", "a/b", "1/2000", " ")) {
      AssetsFlags shard = new AssetsFlags(null, "s3://b", null, null, null, null, null, null,
          null, null, null, null, null, null, false, null, false, null, null, bad);
      assertThatThrownBy(() -> UploadRequest.resolve(AssetsConfig.DEFAULTS, shard, Path.of("/repo")))
          .isInstanceOfSatisfying(TrainyardException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.INVALID_INPUT))
          .hasMessage("--shard must be K/N with 1 <= K <= N <= 1024, got '" + bad + "'");
    }
    assertThatThrownBy(() -> new ConfigLoader().parse("assets:\n  concurrency: 0\n", "y.yml"))
        .isInstanceOf(TrainyardException.class)
        .hasMessageStartingWith("y.yml:1:1: invalid value for 'assets': assets.concurrency must be between 1 and 256");
  }

  @Test
  void mistakesPointAtTheLine() {
    assertThatThrownBy(() -> new ConfigLoader().parse("assets:\n  filters:\n    - include: '*.svg'\n      exclude: '*'\n", "y.yml"))
        .hasMessageContaining("assets.filters[0]")
        .hasMessageContaining("exactly one of 'include' or 'exclude'");
    assertThatThrownBy(() -> new ConfigLoader().parse("assets:\n  cache-contrl: x\n", "y.yml"))
        .hasMessageContaining("y.yml:2:3")
        .hasMessageContaining("unknown key 'cache-contrl'");
    assertThatThrownBy(() -> new ConfigLoader().parse("assets:\n  rules:\n    - match: 'legal/[abc'\n", "y.yml"))
        .hasMessageContaining("invalid glob pattern 'legal/[abc'");
    assertThatThrownBy(() -> new ConfigLoader().parse("assets:\n  max-delete-share: 2\n", "y.yml"))
        .hasMessageContaining("max-delete-share must be between 0 and 1");
  }
}
