package dev.trainyard.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainyard.TrainyardException;
import dev.trainyard.assets.s3.S3ObjectStore;
import dev.trainyard.assets.s3.S3Settings;
import dev.trainyard.assets.testing.S3Fixture;
import dev.trainyard.assets.testing.S3Server;
import dev.trainyard.report.Reporter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * {@code --shard K/N} against a real S3 server: N shards, run at the same time like the jobs of a
 * matrix, leave the bucket exactly as one unsharded run does (same objects, bytes and headers, same
 * deletions), each touching only its own keys; and the delete rails hold per shard.
 */
class AssetSyncShardTest {
  private static final String CACHE = "public,max-age=86400";
  private static final int SHARDS = 4;
  @RegisterExtension static final S3Fixture s3 = new S3Fixture();

  @TempDir Path work;
  private Path source;

  @BeforeEach
  void tree() throws IOException {
    source = Files.createDirectories(work.resolve("assets"));
    // 60 local files in three folders, one of them non-ASCII, one above the multipart threshold.
    for (int i = 0; i < 60; i++) {
      String folder = List.of("product-icons", "legal", "other").get(i % 3);
      String extension = List.of("svg", "pdf", "png").get(i % 3);
      write(folder + "/file-" + i + "." + extension, "content " + i + " " + "x".repeat(i * 37));
    }
    write("other/\u00fcn\u00ef.svg", "<svg>unicode</svg>");
    Files.write(source.resolve("legal/large.pdf"), new byte[(int) S3Settings.DEFAULT_PART_SIZE + 1024]);
  }

  @Test
  void nShardsTogetherEqualOneUnshardedRun() throws Exception {
    String whole = bucketLike();
    String sharded = bucketLike();

    SyncResult unsharded = sync(request(whole, Shard.ALL));
    // One shard after another: s3proxy's store writes an object to "KEY-<uuid>" and then renames it,
    // and a listing made meanwhile shows that name, which a concurrent shard owning it would delete
    // as gone from the tree (seen once in CI). S3 and GCS never list a write in progress.
    List<SyncResult> shards = new ArrayList<>();
    for (int k = 1; k <= SHARDS; k++) {
      shards.add(sync(request(sharded, new Shard(k, SHARDS))));
    }

    // The state each bucket starts from has every kind of change in it.
    assertThat(unsharded.complete()).isTrue();
    assertThat(unsharded.uploaded()).hasSizeGreaterThan(20);
    assertThat(unsharded.updated()).isNotEmpty();
    assertThat(unsharded.unchanged()).isNotEmpty();
    assertThat(unsharded.deleted()).isNotEmpty();

    assertThat(union(shards, SyncResult::uploaded)).isEqualTo(new HashSet<>(unsharded.uploaded()));
    assertThat(union(shards, SyncResult::updated)).isEqualTo(new HashSet<>(unsharded.updated()));
    assertThat(union(shards, SyncResult::unchanged)).isEqualTo(new HashSet<>(unsharded.unchanged()));
    assertThat(union(shards, SyncResult::deleted)).isEqualTo(new HashSet<>(unsharded.deleted()));
    assertThat(shards.stream().mapToLong(SyncResult::bytes).sum()).isEqualTo(unsharded.bytes());
    for (int k = 1; k <= SHARDS; k++) {
      SyncResult shard = shards.get(k - 1);
      assertThat(shard.complete()).isTrue();
      assertThat(shard.shard()).isEqualTo(k + "/" + SHARDS);
      int index = k;
      List<String> touched = new ArrayList<>();
      touched.addAll(shard.uploaded());
      touched.addAll(shard.updated());
      touched.addAll(shard.unchanged());
      touched.addAll(shard.deleted());
      assertThat(touched).as("shard %d touches only its own keys", k).allSatisfy(key -> assertThat(Shard.of(key, SHARDS)).isEqualTo(index));
      assertThat(touched).as("every shard has work with 60 files").isNotEmpty();
    }
    assertThat(unsharded.shard()).isNull();

    assertThat(objects(sharded)).isEqualTo(objects(whole));
    assertThat(manifests(sharded)).containsExactlyInAnyOrder(
        "cdn/.trainyard-assets.shard-1-of-4.json", "cdn/.trainyard-assets.shard-2-of-4.json",
        "cdn/.trainyard-assets.shard-3-of-4.json", "cdn/.trainyard-assets.shard-4-of-4.json");
  }

  @Test
  void aShardRerunReadsItsOwnManifestAndSendsNothing() throws Exception {
    String bucket = bucketLike();
    for (int k = 1; k <= SHARDS; k++) {
      sync(request(bucket, new Shard(k, SHARDS)));
    }
    s3.proxy().reset();

    SyncResult again = sync(request(bucket, new Shard(3, SHARDS)));

    assertThat(again.uploaded()).isEmpty();
    assertThat(again.updated()).isEmpty();
    assertThat(again.deleted()).isEmpty();
    assertThat(again.unchanged()).isNotEmpty().allSatisfy(key -> assertThat(Shard.of(key, SHARDS)).isEqualTo(3));
    assertThat(s3.proxy().count(e -> !e.method().equals("GET"))).as("only the listing and the manifest").isZero();
    assertThat(s3.proxy().count(e -> e.method().equals("GET") && e.path().endsWith(".trainyard-assets.shard-3-of-4.json"))).isEqualTo(1);
  }

  @Test
  void theDeleteRailHoldsForEachShardOnItsOwn() throws IOException {
    String bucket = s3.freshBucket("shard-rails");
    sync(request(bucket, Shard.ALL));
    // Take away every local file of shard 1: a quarter of the whole bucket, all of shard 1's objects.
    List<String> removed = new ArrayList<>();
    try (var files = Files.walk(source)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String key = "cdn/" + source.relativize(file).toString().replace('\\', '/');
        if (Shard.of(key, SHARDS) == 1) {
          Files.delete(file);
          removed.add(key);
        }
      }
    }
    assertThat(removed).isNotEmpty();
    SyncRequest shardOne = deleting(request(bucket, new Shard(1, SHARDS)), 0.5);

    assertThatThrownBy(() -> sync(shardOne))
        .isInstanceOf(TrainyardException.class)
        .hasMessageContaining("refusing --delete: it would remove " + removed.size() + " of " + removed.size()
            + " remote objects (shard 1 of 4) (100%)");
    assertThat(objects(bucket).keySet()).containsAll(removed);
    // The other shards delete nothing and pass; one unsharded run would remove about a quarter, within 50 %.
    for (int k = 2; k <= SHARDS; k++) {
      assertThat(sync(deleting(request(bucket, new Shard(k, SHARDS)), 0.5)).deleted()).isEmpty();
    }
    assertThat(sync(deleting(request(bucket, Shard.ALL), 0.5).dryRunCopy()).deleted()).containsExactlyInAnyOrderElementsOf(removed);
  }

  // --- helpers

  /**
   * A new bucket holding what a previous deploy left: some objects as the tree has them, some with
   * other content, some with other headers, and some the tree no longer has.
   */
  private String bucketLike() throws IOException {
    String bucket = s3.freshBucket("shards");
    for (int i = 0; i < 60; i += 2) {
      String folder = List.of("product-icons", "legal", "other").get(i % 3);
      String extension = List.of("svg", "pdf", "png").get(i % 3);
      String relative = folder + "/file-" + i + "." + extension;
      byte[] local = Files.readAllBytes(source.resolve(relative));
      String type = MimeTypes.standard().forPath(relative);
      if (i % 6 == 0) {
        put(bucket, "cdn/" + relative, local, type, CACHE);
      } else if (i % 6 == 2) {
        put(bucket, "cdn/" + relative, "old".getBytes(StandardCharsets.UTF_8), type, CACHE);
      } else {
        put(bucket, "cdn/" + relative, local, type, "no-cache");
      }
    }
    for (int i = 0; i < 12; i++) {
      put(bucket, "cdn/gone/old-" + i + ".svg", ("gone " + i).getBytes(StandardCharsets.UTF_8), "image/svg+xml", CACHE);
    }
    return bucket;
  }

  private static void put(String bucket, String key, byte[] body, String type, String cacheControl) {
    s3.direct().putObject(b -> b.bucket(bucket).key(key).contentType(type).cacheControl(cacheControl), RequestBody.fromBytes(body));
  }

  private SyncResult sync(SyncRequest request) {
    S3Settings settings = S3Settings.defaults(s3.proxy().endpoint(), true, null, S3Server.credentialsEnv(), request.concurrency());
    try (S3ObjectStore store = S3ObjectStore.connect(request.target().bucket(), settings)) {
      return new AssetSync(store, Reporter.silent()).run(request);
    }
  }

  private SyncRequest request(String bucket, Shard shard) {
    return new SyncRequest(source, List.of(), AssetTarget.parse("s3://" + bucket + "/cdn"), Selection.all(),
        new HeaderPolicy(CACHE, List.of(), MimeTypes.standard()), false, true, false, 1.0, 4, true,
        "https://cdn.example.com", true, shard);
  }

  private static SyncRequest deleting(SyncRequest r, double share) {
    return new SyncRequest(r.source(), r.folders(), r.target(), r.selection(), r.headerPolicy(), r.dryRun(), true,
        false, share, r.concurrency(), r.verifyHeaders(), r.cdnUrl(), r.manifest(), r.shard());
  }

  private static Set<String> union(List<SyncResult> results, Function<SyncResult, List<String>> keys) {
    Set<String> all = new HashSet<>();
    for (SyncResult result : results) {
      for (String key : keys.apply(result)) {
        assertThat(all.add(key)).as("%s is in one shard only", key).isTrue();
      }
    }
    return all;
  }

  /** Every object but trainyard's manifests: key -> ETag, size, headers and metadata. */
  private static Map<String, String> objects(String bucket) {
    Map<String, String> objects = new TreeMap<>();
    s3.direct().listObjectsV2Paginator(b -> b.bucket(bucket)).contents().forEach(o -> {
      if (!HeaderManifest.isManifest("cdn/", o.key())) {
        HeadObjectResponse head = s3.direct().headObject(b -> b.bucket(bucket).key(o.key()));
        objects.put(o.key(), String.join(" | ", head.eTag(), String.valueOf(head.contentLength()),
            head.contentType(), String.valueOf(head.cacheControl()), String.valueOf(head.contentDisposition()),
            new TreeMap<>(head.metadata()).toString()));
      }
    });
    return objects;
  }

  private static List<String> manifests(String bucket) {
    List<String> keys = new ArrayList<>();
    s3.direct().listObjectsV2Paginator(b -> b.bucket(bucket)).contents().forEach(o -> {
      if (HeaderManifest.isManifest("cdn/", o.key())) {
        keys.add(o.key());
      }
    });
    return keys;
  }

  private void write(String relative, String content) throws IOException {
    Path file = source.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }
}
