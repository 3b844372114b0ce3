package dev.trainyard.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import dev.trainyard.assets.s3.S3ObjectStore;
import dev.trainyard.assets.s3.S3Settings;
import dev.trainyard.assets.testing.RecordingProxy.Exchange;
import dev.trainyard.assets.testing.RecordingProxy.Fault;
import dev.trainyard.assets.testing.S3Fixture;
import dev.trainyard.assets.testing.S3Server;
import dev.trainyard.match.Glob;
import dev.trainyard.report.Reporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/** End to end against a real S3 API server (s3proxy), every request counted by a recording s3.proxy(). */
class AssetSyncS3Test {
  private static final String CACHE = "public,max-age=86400";
  @RegisterExtension static final S3Fixture s3 = new S3Fixture();

  /** The time the retry strategy reads (for Retry-After dates); nothing here sleeps for real. */
  private static final Instant NOW = Instant.parse("2026-11-22T01:00:00Z");

  @TempDir Path work;
  private Path source;
  private String bucket;
  private final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void freshBucket() throws IOException {
    bucket = s3.freshBucket("assets");
    source = Files.createDirectories(work.resolve("assets"));
  }

  @Test
  void firstUploadSendsEveryFileWithItsHeadersAndSkipsHiddenFiles() throws IOException {
    write("product-icons/mozilla-vpn.svg", "<svg/>");
    write("product-icons/relay.png", "png bytes");
    write("product-icons/.DS_Store", "finder junk");
    write("legal/terms.pdf", "%PDF-1.7");

    SyncResult result = sync(request("cdn"));

    assertThat(result.uploaded()).containsExactly(
        "cdn/legal/terms.pdf", "cdn/product-icons/mozilla-vpn.svg", "cdn/product-icons/relay.png");
    assertThat(result.complete()).isTrue();
    assertThat(result.bytes()).isEqualTo(6 + 9 + 8);
    assertThat(assetPuts()).isEqualTo(3);
    assertThat(s3.direct().headObject(b -> b.bucket(bucket).key("cdn/" + HeaderManifest.NAME)).contentType())
        .isEqualTo("application/json");
    HeadObjectResponse svg = head("cdn/product-icons/mozilla-vpn.svg");
    assertThat(svg.contentType()).isEqualTo("image/svg+xml");
    assertThat(svg.cacheControl()).isEqualTo(CACHE);
    assertThat(head("cdn/legal/terms.pdf").contentType()).isEqualTo("application/pdf");
    assertThat(result.urls()).contains("https://cdn.example.com/cdn/product-icons/mozilla-vpn.svg");
    assertThat(keys()).doesNotContain("cdn/product-icons/.DS_Store");
  }

  @Test
  void rerunAfterEveryMtimeChangedSendsNoBody() throws IOException {
    write("a.svg", "<svg>a</svg>");
    write("sub/b.png", "b");
    write("sub/deeper/c.json", "{}");
    sync(request(""));
    try (Stream<Path> files = Files.walk(source)) {
      FileTime later = FileTime.from(Instant.now().plus(Duration.ofHours(3)));
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Files.setLastModifiedTime(file, later);
      }
    }
    s3.proxy().reset();

    SyncResult again = sync(request(""));

    assertThat(again.uploaded()).isEmpty();
    assertThat(again.updated()).isEmpty();
    assertThat(again.unchanged()).containsExactly("a.svg", "sub/b.png", "sub/deeper/c.json");
    assertThat(s3.proxy().count(e -> e.method().equals("PUT") || e.method().equals("POST"))).isZero();
    assertThat(s3.proxy().bodyBytesSent()).isZero();
    assertThat(s3.proxy().count(e -> e.method().equals("HEAD"))).as("headers come from the manifest").isZero();
    assertThat(s3.proxy().count(e -> e.method().equals("GET") && e.path().endsWith(HeaderManifest.NAME))).isEqualTo(1);
  }

  @Test
  void aNoOpAfterAFreshCheckoutHashesNothingTheManifestVouchesFor() throws IOException {
    for (int i = 0; i < 25; i++) {
      write("icons/icon-" + i + ".svg", "<svg>" + i + "</svg>");
    }
    sync(request(""));
    touchEverything();
    List<String> debug = new ArrayList<>();

    SyncResult again = sync(request(""), debug);

    assertThat(again.unchanged()).hasSize(25);
    assertThat(debug).anySatisfy(line -> assertThat(line).endsWith("files the manifest vouched for (not hashed) 25"));
  }

  @Test
  @Timeout(120)
  void withOneConnectionTheManifestIsStillReadBesideTheListing() throws IOException {
    write("a.svg", "<svg>a</svg>");
    write("sub/b.png", "b");
    SyncRequest oneAtATime = withConcurrency(request("cdn"), 1);
    sync(oneAtATime);
    touchEverything();
    s3.proxy().reset();
    List<String> debug = new ArrayList<>();

    SyncResult again = sync(oneAtATime, debug);

    assertThat(again.unchanged()).containsExactly("cdn/a.svg", "cdn/sub/b.png");
    assertThat(debug).anySatisfy(line -> assertThat(line).endsWith("files the manifest vouched for (not hashed) 2"));
    assertThat(s3.proxy().count(e -> e.method().equals("GET") && e.path().endsWith(HeaderManifest.NAME))).isEqualTo(1);
  }

  @Test
  void aChangedByteOfTheSameSizeIsStillSeen() throws IOException {
    write("a.svg", "<svg>aaaa</svg>");
    write("b.svg", "<svg>bbbb</svg>");
    sync(request(""));
    write("a.svg", "<svg>aaab</svg>");
    touchEverything();
    s3.proxy().reset();

    SyncResult again = sync(request(""));

    assertThat(again.uploaded()).containsExactly("a.svg");
    assertThat(again.unchanged()).containsExactly("b.svg");
    assertThat(content("a.svg")).isEqualTo("<svg>aaab</svg>");
  }

  @Test
  void aManifestWithoutFingerprintsIsHashedThroughAndRewritten() throws IOException {
    for (int i = 0; i < 25; i++) {
      write("icons/icon-" + i + ".svg", "<svg>" + i + "</svg>");
    }
    sync(request(""));
    // What an earlier version wrote: the same entries without fingerprints.
    String manifest = content(HeaderManifest.NAME).replaceAll(",?\"fingerprint\":\"[0-9a-f]{16}\"", "");
    assertThat(manifest).doesNotContain("fingerprint");
    s3.direct().putObject(b -> b.bucket(bucket).key(HeaderManifest.NAME).contentType("application/json"),
        RequestBody.fromString(manifest));
    List<String> debug = new ArrayList<>();

    SyncResult hashed = sync(request(""), debug);
    assertThat(hashed.unchanged()).hasSize(25);
    assertThat(debug).anySatisfy(line -> assertThat(line).endsWith("files the manifest vouched for (not hashed) 0"));
    assertThat(content(HeaderManifest.NAME)).contains("fingerprint");

    debug.clear();
    sync(request(""), debug);
    assertThat(debug).anySatisfy(line -> assertThat(line).endsWith("files the manifest vouched for (not hashed) 25"));
  }

  @Test
  void withoutTheManifestEveryUnchangedObjectIsReadWithAHead() throws IOException {
    write("a.svg", "<svg>a</svg>");
    write("b.png", "b");
    SyncRequest noManifest = request("").withManifest(false);
    sync(noManifest);
    s3.proxy().reset();

    SyncResult again = sync(noManifest);

    assertThat(again.unchanged()).hasSize(2);
    assertThat(s3.proxy().count(e -> e.method().equals("HEAD"))).isEqualTo(2);
    assertThat(s3.proxy().count(e -> e.path().endsWith(HeaderManifest.NAME))).isZero();
  }

  @Test
  void manifestEntriesAreTrustedOnlyWhileEtagAndTimeMatch() throws IOException {
    write("a.svg", "<svg>aaaa</svg>");
    write("b.svg", "<svg>bbbb</svg>");
    sync(request(""));
    // S3 times have one-second resolution: let the clock leave the second of our own writes.
    long second = Instant.now().getEpochSecond();
    while (Instant.now().getEpochSecond() <= second) {
      Thread.onSpinWait();
    }
    // Another tool rewrites b.svg with the right bytes (same ETag) but a different Cache-Control.
    s3.direct().putObject(r -> r.bucket(bucket).key("b.svg").contentType("image/svg+xml").cacheControl("no-store")
        .metadata(java.util.Map.of("x", "y")), RequestBody.fromString("<svg>bbbb</svg>"));
    s3.proxy().reset();

    SyncResult result = sync(request(""));

    assertThat(result.updated()).containsExactly("b.svg");
    assertThat(head("b.svg").cacheControl()).isEqualTo(CACHE);
    assertThat(s3.proxy().count(e -> e.method().equals("HEAD"))).isEqualTo(1);
  }

  @Test
  void oneChangedFileIsTheOnlyPut() throws IOException {
    for (int i = 0; i < 20; i++) {
      write("icons/icon-" + i + ".svg", "<svg>" + i + "</svg>");
    }
    sync(request("static"));
    write("icons/icon-7.svg", "<svg>seven, redrawn</svg>");
    s3.proxy().reset();

    SyncResult result = sync(request("static"));

    assertThat(result.uploaded()).containsExactly("static/icons/icon-7.svg");
    assertThat(result.unchanged()).hasSize(19);
    assertThat(s3.proxy().bodyPuts()).as("the manifest is not rewritten for one change").isEqualTo(1);
    assertThat(s3.proxy().exchanges()).filteredOn(Exchange::isBodyPut).extracting(Exchange::path)
        .containsExactly("/" + bucket + "/static/icons/icon-7.svg");
    assertThat(content("static/icons/icon-7.svg")).isEqualTo("<svg>seven, redrawn</svg>");
  }

  @Test
  void headersOnlyChangeCopiesInPlaceWithoutBody() throws IOException {
    write("legal/terms.pdf", "%PDF terms");
    write("legal/privacy.pdf", "%PDF privacy");
    write("icons/a.svg", "<svg/>");
    sync(request(""));
    s3.proxy().reset();

    HeaderRule attachment = new HeaderRule(Glob.path("legal/**"), null, null, "attachment", null, null);
    SyncRequest withRule = withPolicy(request(""), new HeaderPolicy(CACHE, List.of(attachment), MimeTypes.standard()));
    SyncResult result = sync(withRule);

    assertThat(result.updated()).containsExactly("legal/privacy.pdf", "legal/terms.pdf");
    assertThat(result.uploaded()).isEmpty();
    assertThat(result.bytes()).isZero();
    assertThat(s3.proxy().bodyPuts()).isZero();
    assertThat(s3.proxy().count(Exchange::isCopy)).isEqualTo(2);
    assertThat(s3.proxy().exchanges()).filteredOn(Exchange::isCopy).allSatisfy(e -> assertThat(e.bodyBytes()).isZero());
    HeadObjectResponse terms = head("legal/terms.pdf");
    assertThat(terms.contentDisposition()).isEqualTo("attachment");
    assertThat(terms.cacheControl()).isEqualTo(CACHE);
    assertThat(terms.contentType()).isEqualTo("application/pdf");
    assertThat(content("legal/terms.pdf")).isEqualTo("%PDF terms");

    s3.proxy().reset();
    SyncResult third = sync(withRule);
    assertThat(third.updated()).isEmpty();
    assertThat(s3.proxy().count(e -> e.method().equals("PUT"))).isZero();
  }

  @Test
  void dryRunPlansButChangesNothing() throws IOException {
    write("new.svg", "<svg/>");
    s3.direct().putObject(b -> b.bucket(bucket).key("old.svg"), RequestBody.fromString("old"));
    s3.proxy().reset();

    SyncResult plan = sync(deleting(request(""), false, 1.0).dryRunCopy());

    assertThat(plan.dryRun()).isTrue();
    assertThat(plan.uploaded()).containsExactly("new.svg");
    assertThat(plan.deleted()).containsExactly("old.svg");
    assertThat(s3.proxy().count(e -> !e.method().equals("GET") && !e.method().equals("HEAD"))).isZero();
    assertThat(keys()).containsExactly("old.svg");
  }

  @Test
  void deleteRemovesOnlySelectedKeysUnderThePrefix() throws IOException {
    write("icons/keep.svg", "<svg/>");
    for (String key : List.of("site/icons/gone.svg", "site/icons/notes.txt", "site/icons-old/x.svg", "other/y.svg", "site/keep-me.svg")) {
      s3.direct().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("x"));
    }
    SyncRequest request = new SyncRequest(source, List.of("icons"), AssetTarget.parse("s3://" + bucket + "/site"),
        new Selection(List.of(PathFilter.exclude("*"), PathFilter.include("*.svg")), false),
        new HeaderPolicy(CACHE, List.of(), MimeTypes.standard()), false, true, true, 0.25, 4, true, null);

    SyncResult result = sync(request);

    assertThat(result.deleted()).containsExactly("site/icons/gone.svg");
    assertThat(keys()).containsExactlyInAnyOrder(
        "site/icons/keep.svg", "site/icons/notes.txt", "site/icons-old/x.svg", "other/y.svg", "site/keep-me.svg");
  }

  @Test
  void deleteRefusesAnEmptySourceAndChangesNothing() throws IOException {
    s3.direct().putObject(b -> b.bucket(bucket).key("a.svg"), RequestBody.fromString("x"));
    Files.createDirectories(source.resolve("empty"));
    write("empty/.DS_Store", "hidden only");
    s3.proxy().reset();

    SyncRequest request = new SyncRequest(source, List.of("empty"), AssetTarget.parse("s3://" + bucket),
        Selection.all(), new HeaderPolicy(null, List.of(), MimeTypes.standard()), false, true, true, 1.0, 4, true, null);

    assertThatThrownBy(() -> sync(request))
        .isInstanceOf(TrainyardException.class)
        .hasMessageContaining("refusing --delete")
        .extracting(e -> ((TrainyardException) e).kind()).isEqualTo(FailureKind.INVALID_INPUT);
    assertThat(keys()).containsExactly("a.svg");
    assertThat(s3.proxy().count(e -> !e.method().equals("GET"))).isZero();
  }

  @Test
  void deleteRefusesAMissingSource() {
    SyncRequest request = new SyncRequest(work.resolve("nope"), List.of(), AssetTarget.parse("s3://" + bucket),
        Selection.all(), new HeaderPolicy(null, List.of(), MimeTypes.standard()), false, true, true, 1.0, 4, true, null);
    assertThatThrownBy(() -> sync(request)).hasMessageContaining("is not a folder");
  }

  @Test
  void deleteRefusesMoreThanTheShareUnlessForced() throws IOException {
    write("one.svg", "1");
    sync(request(""));
    for (int i = 0; i < 3; i++) {
      int n = i;
      s3.direct().putObject(b -> b.bucket(bucket).key("stale-" + n + ".svg"), RequestBody.fromString("s"));
    }
    s3.proxy().reset();

    assertThatThrownBy(() -> sync(deleting(request(""), false, 0.25)))
        .hasMessageContaining("would remove 3 of 4 remote objects (75%), more than the allowed 25%");
    assertThat(keys()).hasSize(4);
    assertThat(s3.proxy().count(e -> e.method().equals("POST") || e.method().equals("DELETE"))).isZero();

    SyncResult forced = sync(deleting(request(""), true, 0.25));
    assertThat(forced.deleted()).containsExactly("stale-0.svg", "stale-1.svg", "stale-2.svg");
    assertThat(keys()).containsExactly("one.svg");
  }

  @Test
  void largeFileGoesUpInPartsAndIsRecognisedNextTime() throws IOException {
    byte[] big = new byte[17 * 1024 * 1024 + 123];
    new Random(7).nextBytes(big);
    Files.write(source.resolve("video.mp4"), big);
    write("small.txt", "small");

    SyncResult first = sync(request(""));

    assertThat(first.uploaded()).containsExactly("small.txt", "video.mp4");
    assertThat(s3.proxy().count(e -> RecordingProxyOps.is(e, "CreateMultipartUpload"))).isEqualTo(1);
    assertThat(s3.proxy().count(e -> RecordingProxyOps.is(e, "UploadPart"))).isEqualTo(2);
    assertThat(s3.proxy().exchanges()).filteredOn(e -> RecordingProxyOps.is(e, "UploadPart"))
        .extracting(e -> e.bodyBytes() + " " + e.headers().get("expect"))
        .as("the 16 MiB part waits for the server's go-ahead, the 1 MiB rest does not")
        .containsExactlyInAnyOrder(16 * 1024 * 1024 + " 100-continue", (big.length - 16 * 1024 * 1024) + " null");
    assertThat(s3.proxy().exchanges()).filteredOn(e -> e.isBodyPut() && e.path().endsWith("/small.txt"))
        .as("a small body is sent straight away").singleElement().matches(e -> !e.headers().containsKey("expect"));
    HeadObjectResponse head = head("video.mp4");
    assertThat(head.eTag()).contains("-2");
    assertThat(head.metadata()).containsEntry("trainyard-md5", md5(big));
    assertThat(head.contentType()).isEqualTo("video/mp4");
    assertThat(md5(s3.direct().getObjectAsBytes(b -> b.bucket(bucket).key("video.mp4")).asByteArray())).isEqualTo(md5(big));

    s3.proxy().reset();
    SyncResult second = sync(request(""));
    assertThat(second.unchanged()).containsExactly("small.txt", "video.mp4");
    assertThat(s3.proxy().bodyPuts()).isZero();
  }

  @Test
  void filesEitherSideOfTheInMemoryLimitArriveWholeWithTheirMd5() throws IOException {
    // Up to the limit a file is read whole and its bytes sent from memory; above it, streamed from disk.
    Random random = new Random(11);
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (long size : List.of(0L, 1L, SourceTree.IN_MEMORY_LIMIT, SourceTree.IN_MEMORY_LIMIT + 1)) {
      byte[] content = new byte[(int) size];
      random.nextBytes(content);
      files.put("blob-" + size + ".bin", content);
      Files.write(source.resolve("blob-" + size + ".bin"), content);
    }
    write("logo.svg", "<svg/>");

    SyncResult first = sync(request(""));

    assertThat(first.uploaded()).hasSize(5);
    for (var file : files.entrySet()) {
      assertThat(s3.direct().getObjectAsBytes(b -> b.bucket(bucket).key(file.getKey())).asByteArray())
          .as(file.getKey()).isEqualTo(file.getValue());
      assertThat(head(file.getKey()).eTag()).as(file.getKey()).isEqualTo('"' + md5(file.getValue()) + '"');
      assertThat(head(file.getKey()).contentType()).isEqualTo("application/octet-stream");
    }
    assertThat(head("logo.svg").contentType()).isEqualTo("image/svg+xml");
    assertThat(s3.proxy().exchanges()).filteredOn(Exchange::isBodyPut)
        .filteredOn(e -> !e.path().endsWith(HeaderManifest.NAME))
        .allSatisfy(e -> assertThat(e.headers().get("content-md5")).isNotBlank());

    s3.proxy().reset();
    touchEverything();
    assertThat(sync(request("")).unchanged()).hasSize(5);
    assertThat(s3.proxy().bodyPuts()).isZero();
  }

  @Test
  void persistentServerErrorsFailOnlyThoseKeysAndARerunCompletes() throws IOException {
    for (int i = 0; i < 10; i++) {
      write("img/" + i + ".png", "png-" + i);
    }
    s3.proxy().faults((method, target) -> method.equals("PUT") && target.contains("/img/3.png") ? Fault.INTERNAL_ERROR
        : method.equals("PUT") && target.contains("/img/6.png") ? Fault.RESET
        : Fault.NONE);

    SyncResult broken = sync(request(""));

    assertThat(broken.complete()).isFalse();
    assertThat(broken.failed()).extracting(SyncResult.FailedKey::key).containsExactly("img/3.png", "img/6.png");
    assertThat(broken.failed().get(0).error()).contains("500");
    assertThat(broken.uploaded()).hasSize(8);
    assertThat(s3.proxy().count(e -> e.path().endsWith("/img/3.png") && e.method().equals("PUT"))).isEqualTo(3);
    assertThat(keys()).doesNotContain("img/3.png", "img/6.png");

    s3.proxy().faults((m, t) -> Fault.NONE);
    s3.proxy().reset();
    SyncResult rerun = sync(request(""));

    assertThat(rerun.complete()).isTrue();
    assertThat(rerun.uploaded()).containsExactly("img/3.png", "img/6.png");
    assertThat(rerun.unchanged()).hasSize(8);
    for (int i = 0; i < 10; i++) {
      assertThat(content("img/" + i + ".png")).isEqualTo("png-" + i);
    }
  }

  @Test
  void aFailedPartAbortsTheMultipartUploadAndLeavesNoObject() throws IOException {
    byte[] big = new byte[17 * 1024 * 1024];
    new Random(11).nextBytes(big);
    Files.write(source.resolve("video.mp4"), big);
    s3.proxy().faults((method, target) -> method.equals("PUT") && target.contains("partNumber=2") ? Fault.RESET : Fault.NONE);

    SyncResult broken = sync(request(""));

    assertThat(broken.failed()).extracting(SyncResult.FailedKey::key).containsExactly("video.mp4");
    assertThat(keys()).doesNotContain("video.mp4");
    assertThat(s3.direct().listMultipartUploads(b -> b.bucket(bucket)).uploads()).as("aborted, no parts linger").isEmpty();
    assertThat(s3.proxy().count(e -> e.method().equals("DELETE") && e.query() != null && e.query().contains("uploadId="))).isEqualTo(1);

    s3.proxy().faults((m, t) -> Fault.NONE);
    SyncResult rerun = sync(request(""));
    assertThat(rerun.uploaded()).containsExactly("video.mp4");
    assertThat(md5(s3.direct().getObjectAsBytes(b -> b.bucket(bucket).key("video.mp4")).asByteArray())).isEqualTo(md5(big));
  }

  @Test
  void transientThrottlingIsRetriedWithinTheBound() throws IOException {
    write("a.svg", "<svg/>");
    AtomicInteger puts = new AtomicInteger();
    s3.proxy().faults((method, target) -> method.equals("PUT") && puts.incrementAndGet() <= 2 ? Fault.SLOW_DOWN : Fault.NONE);

    SyncResult result = sync(request(""));

    assertThat(result.uploaded()).containsExactly("a.svg");
    assertThat(s3.proxy().count(e -> e.method().equals("PUT") && e.path().endsWith("/a.svg"))).isEqualTo(3);
    assertThat(s3.proxy().count(e -> e.status() == 503)).isEqualTo(2);
    // Half jitter on the 500 ms throttling base: never less than half of it, so never an instant retry.
    assertThat(waits).as("backoff without a server hint").hasSize(2)
        .allSatisfy(w -> assertThat(w).isGreaterThanOrEqualTo(Duration.ofMillis(250)));
  }

  @Test
  void retryAfterSecondsSetTheWaitAndTheRetrySucceeds() throws IOException {
    write("a.svg", "<svg/>");
    AtomicInteger puts = new AtomicInteger();
    s3.proxy().faults((method, target) -> method.equals("PUT") && puts.incrementAndGet() <= 2 ? Fault.SLOW_DOWN : Fault.NONE);
    s3.proxy().retryAfter("7");

    SyncResult result = sync(request(""));

    assertThat(result.uploaded()).containsExactly("a.svg");
    assertThat(result.failed()).isEmpty();
    assertThat(waits).as("the SDK's own backoff would be under a second").containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(7));
    assertThat(content("a.svg")).isEqualTo("<svg/>");
  }

  @Test
  void retryAfterAsAnHttpDateOnA429IsHonoured() throws IOException {
    write("a.svg", "<svg/>");
    AtomicInteger puts = new AtomicInteger();
    s3.proxy().faults((method, target) -> method.equals("PUT") && puts.incrementAndGet() == 1 ? Fault.TOO_MANY_REQUESTS : Fault.NONE);
    s3.proxy().retryAfter(DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(12).atOffset(ZoneOffset.UTC)));

    SyncResult result = sync(request(""));

    assertThat(result.uploaded()).containsExactly("a.svg");
    assertThat(s3.proxy().count(e -> e.status() == 429)).isEqualTo(1);
    assertThat(waits).containsExactly(Duration.ofSeconds(12));
  }

  @Test
  void aRetryAfterBeyondTheBoundFailsThatKeyAtOnceAndReportsIt() throws IOException {
    write("a.svg", "<svg/>");
    write("b.png", "png");
    s3.proxy().faults((method, target) -> method.equals("PUT") && target.endsWith("/b.png") ? Fault.SLOW_DOWN : Fault.NONE);
    s3.proxy().retryAfter("3600");

    SyncResult result = sync(request(""));

    assertThat(result.uploaded()).containsExactly("a.svg");
    assertThat(result.failed()).extracting(SyncResult.FailedKey::key).containsExactly("b.png");
    assertThat(result.failed().get(0).error()).contains("503", "SlowDown", "Retry-After: 3600");
    assertThat(s3.proxy().count(e -> e.method().equals("PUT") && e.path().endsWith("/b.png"))).as("no retry").isEqualTo(1);
    assertThat(waits).isEmpty();
  }

  @Test
  void throttlingThatNeverEndsGivesUpAfterTheAttemptBound() throws IOException {
    write("a.svg", "<svg/>");
    s3.proxy().faults((method, target) -> method.equals("PUT") && target.endsWith("/a.svg") ? Fault.TOO_MANY_REQUESTS : Fault.NONE);
    s3.proxy().retryAfter("2");

    SyncResult result = sync(request(""));

    assertThat(result.complete()).isFalse();
    assertThat(result.failed()).extracting(SyncResult.FailedKey::key).containsExactly("a.svg");
    assertThat(result.failed().get(0).error()).contains("429");
    assertThat(s3.proxy().count(e -> e.method().equals("PUT") && e.path().endsWith("/a.svg"))).as("3 attempts").isEqualTo(3);
    assertThat(waits).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
    assertThat(keys()).doesNotContain("a.svg");
  }

  // --- helpers

  private static long assetPuts() {
    return s3.proxy().count(e -> e.isBodyPut() && !e.path().endsWith(HeaderManifest.NAME));
  }

  private SyncResult sync(SyncRequest request) {
    return sync(request, new ArrayList<>());
  }

  /** A sync whose --verbose lines go to {@code debug}. */
  private SyncResult sync(SyncRequest request, List<String> debug) {
    Reporter reporter = new Reporter() {
      @Override
      public void info(String message) {}

      @Override
      public void warn(String message) {}

      @Override
      public void debug(String message) {
        debug.add(message);
      }
    };
    S3Settings settings = S3Settings.defaults(s3.proxy().endpoint(), true, null, S3Server.credentialsEnv(), request.concurrency())
        .withMaxAttempts(3)
        .withAttemptTimeout(Duration.ofSeconds(20))
        .withMaxRetryWait(Duration.ofSeconds(30));
    try (S3ObjectStore store = S3ObjectStore.connect(request.target().bucket(), settings, waits::add, Clock.fixed(NOW, ZoneOffset.UTC))) {
      return new AssetSync(store, reporter).run(request);
    }
  }

  /** What a fresh checkout does: every file gets a new mtime. */
  private void touchEverything() throws IOException {
    FileTime later = FileTime.from(Instant.now().plus(Duration.ofHours(3)));
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Files.setLastModifiedTime(file, later);
      }
    }
  }

  private SyncRequest request(String prefix) {
    return new SyncRequest(source, List.of(), AssetTarget.parse("s3://" + bucket + "/" + prefix), Selection.all(),
        new HeaderPolicy(CACHE, List.of(), MimeTypes.standard()), false, false, false, 0.25, 4, true,
        "https://cdn.example.com");
  }

  private static SyncRequest withPolicy(SyncRequest r, HeaderPolicy policy) {
    return new SyncRequest(r.source(), r.folders(), r.target(), r.selection(), policy, r.dryRun(), r.delete(),
        r.force(), r.maxDeleteShare(), r.concurrency(), r.verifyHeaders(), r.cdnUrl());
  }

  private static SyncRequest withConcurrency(SyncRequest r, int concurrency) {
    return new SyncRequest(r.source(), r.folders(), r.target(), r.selection(), r.headerPolicy(), r.dryRun(), r.delete(),
        r.force(), r.maxDeleteShare(), concurrency, r.verifyHeaders(), r.cdnUrl());
  }

  private static SyncRequest deleting(SyncRequest r, boolean force, double share) {
    return new SyncRequest(r.source(), r.folders(), r.target(), r.selection(), r.headerPolicy(), r.dryRun(), true,
        force, share, r.concurrency(), r.verifyHeaders(), r.cdnUrl());
  }

  private void write(String relative, String content) throws IOException {
    Path file = source.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  private HeadObjectResponse head(String key) {
    return s3.direct().headObject(b -> b.bucket(bucket).key(key));
  }

  private String content(String key) {
    return s3.direct().getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String();
  }

  /** The bucket's keys, leaving out trainyard's header manifests. */
  private List<String> keys() {
    List<String> keys = new ArrayList<>();
    s3.direct().listObjectsV2Paginator(b -> b.bucket(bucket)).contents().forEach(o -> keys.add(o.key()));
    keys.removeIf(k -> k.endsWith(HeaderManifest.NAME));
    return keys;
  }

  private static String md5(byte[] bytes) {
    return HexFormat.of().formatHex(SourceTree.md5().digest(bytes));
  }

  /** Names S3 operations the way the recording proxy's summary does. */
  static final class RecordingProxyOps {
    static boolean is(Exchange e, String operation) {
      String q = e.query() == null ? "" : e.query();
      return switch (operation) {
        case "CreateMultipartUpload" -> e.method().equals("POST") && q.contains("uploads");
        case "UploadPart" -> e.method().equals("PUT") && q.contains("partNumber=");
        default -> false;
      };
    }
  }
}
