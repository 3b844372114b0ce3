package dev.trainyard.assets;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MimeTypesTest {
  @ParameterizedTest
  @CsvSource({
    "icons/a.svg, image/svg+xml",
    "a.png, image/png",
    "a.webp, image/webp",
    "a.avif, image/avif",
    "favicon.ico, image/vnd.microsoft.icon",
    "legal/terms.pdf, application/pdf",
    "fonts/x.woff2, font/woff2",
    "data.json, application/json",
    "app.js, text/javascript",
    "app.mjs, text/javascript",
    "site.css, text/css",
    "robots.txt, text/plain",
    "index.html, text/html",
    "A.PNG, image/png",
    "clip.mp4, video/mp4",
    "module.wasm, application/wasm",
    "noextension, application/octet-stream",
    ".hidden, application/octet-stream",
    "dir.d/file, application/octet-stream",
    "weird.unknownext, application/octet-stream",
  })
  void contentTypeByExtension(String path, String expected) {
    assertThat(MimeTypes.standard().forPath(path)).isEqualTo(expected);
  }
}
