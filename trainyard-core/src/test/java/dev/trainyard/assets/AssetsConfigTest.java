package dev.trainyard.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    SyncRequest request = AssetUpload.request(config.assetsOrDefaults(), Path.of("/repo"), false, false);

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
    AssetsConfig flags = new AssetsConfig(null, "s3://other/p", null, null, true, null, null, "no-cache",
        List.of(new AssetsConfig.Filter("*.svg", null)), List.of(new AssetsConfig.Rule("**", null, null, "inline", null, null)),
        null, null, null, 4, null, null);

    AssetsConfig effective = file.overriddenBy(flags);

    assertThat(effective.target()).isEqualTo("s3://other/p");
    assertThat(effective.cacheControl()).isEqualTo("no-cache");
    assertThat(effective.folders()).containsExactly("product-icons", "other", "legal");
    assertThat(effective.filters()).containsExactly(new AssetsConfig.Filter("*.svg", null));
    assertThat(effective.rules()).hasSize(2);
    assertThat(effective.concurrency()).isEqualTo(4);
    assertThat(effective.delete()).isTrue();
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
