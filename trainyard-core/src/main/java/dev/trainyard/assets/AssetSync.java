package dev.trainyard.assets;

import dev.trainyard.FailureKind;
import dev.trainyard.TrainyardException;
import dev.trainyard.report.Reporter;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Syncs an assets folder to a bucket. Content is compared by MD5, never by mtime, because a fresh CI
 * checkout gives every file a new mtime. A sync runs in four steps, each in its own method:
 *
 * <ol>
 *   <li>{@link #start}: the bucket listing starts, the source is walked, and every file starts
 *       being hashed (largest first, on as many threads as there are cores) while the listing is
 *       still arriving;
 *   <li>{@link #survey}: the listing is in; the deletions are known and the delete rails checked,
 *       so a refused sync has changed nothing;
 *   <li>{@link #carryOut}: as each file's hash is ready, it is compared and uploaded or its headers
 *       rewritten, on {@code concurrency} threads;
 *   <li>{@link #deleteStale} and {@link #writeManifestsIfStale}: deletions last, so a page that moved
 *       to a new asset never points at one removed first; then the header manifests.
 * </ol>
 */
public final class AssetSync {
  /** The most keys S3's DeleteObjects accepts in one request. */
  private static final int DELETE_BATCH = 1000;

  private final CompletableFuture<ObjectStore> store;
  private final Reporter reporter;

  public AssetSync(ObjectStore store, Reporter reporter) {
    this(CompletableFuture.completedFuture(store), reporter);
  }

  /**
   * A sync with a store still connecting (building an SDK client loads and initialises a few
   * thousand classes): the source is walked and hashed meanwhile, and only the listing waits for it.
   */
  public AssetSync(CompletableFuture<ObjectStore> store, Reporter reporter) {
    this.store = store;
    this.reporter = reporter;
  }

  private ObjectStore store() {
    return await(store);
  }

  public SyncResult run(SyncRequest request) {
    ExecutorService io = Executors.newFixedThreadPool(request.concurrency(), daemonThreads("trainyard-assets-"));
    ExecutorService hashing = Executors.newFixedThreadPool(hashThreads(), daemonThreads("trainyard-hash-"));
    // Manifests are read beside the listings that run on io, so not on io itself (that could wait on itself).
    ExecutorService manifests = Executors.newCachedThreadPool(daemonThreads("trainyard-manifest-"));
    try {
      Started started = start(request, io, hashing, manifests);
      Survey survey = survey(request, started);
      if (request.dryRun()) {
        return planned(request, plan(request, started, survey));
      }
      Tally tally = carryOut(request, started, survey, io);
      deleteStale(survey.deletes(), tally);
      writeManifestsIfStale(request, survey, tally);
      started.phases().report(reporter, tally);
      return tally.result(request);
    } finally {
      io.shutdownNow();
      hashing.shutdownNow();
      manifests.shutdownNow();
    }
  }

  /** Hashing is CPU work: one thread per core (at least two, so one file's read can overlap another's digest). */
  private static int hashThreads() {
    return Math.max(2, Runtime.getRuntime().availableProcessors());
  }

  // ---- 1. start: listing, walk, hashing --------------------------------------------------------

  /**
   * What runs once the sync has started: the listings in flight, the local files and their reads,
   * and the survey, which the reads consult once it is there.
   */
  private record Started(SourceTree tree, List<SourceTree.SourceFile> files, List<Future<PrefixListing>> listings,
      Map<SourceTree.SourceFile, CompletableFuture<Read>> reads, CompletableFuture<Survey> surveyed, Phases phases) {}

  /**
   * A file as first read: its headers always; its fingerprint, and the whole hash when the survey
   * already showed that no manifest entry could spare it (a new key, a changed size, no manifest).
   * Neither for a small file the survey showed must be hashed for an upload: the upload thread reads
   * it once, whole, to hash and send it.
   * The headers are worked out here, on the hashing threads while the listing is still arriving, so
   * that the MIME table's first load and 5,000 lookups do not wait for the listing.
   */
  private record Read(SourceTree.SourceFile file, String fingerprint, ObjectHeaders headers, LocalAsset hashed) {}

  private Started start(SyncRequest request, ExecutorService io, ExecutorService hashing, ExecutorService manifests) {
    Phases phases = new Phases();
    // On a full bucket the listing is the slowest part of a no-op sync: it starts first (as soon as
    // the store has connected).
    List<Future<PrefixListing>> listings = new ArrayList<>();
    for (String folder : request.foldersOrRoot()) {
      String prefix = request.target().listPrefix(folder);
      listings.add(io.submit(() -> timed(phases, "listing", () -> listPrefix(request, prefix, manifests))));
    }
    SourceTree tree = new SourceTree(request.source(), request.selection(), request.headerPolicy(), reporter);
    List<SourceTree.SourceFile> files;
    try {
      files = tree.files(request.foldersOrRoot());
      if (request.delete() && files.isEmpty()) {
        throw TrainyardException.invalidInput(
            "refusing --delete: the source '" + request.source() + "' selects no files, so every remote object would go",
            "check --source, the folders and the include/exclude patterns");
      }
    } catch (RuntimeException e) {
      listings.forEach(listing -> listing.cancel(true));
      throw e;
    }
    phases.mark("walk");
    files = request.shard().filter(files, file -> request.target().keyFor(file.relativePath()));
    reporter.info("found " + files.size() + " local files under " + request.source() + request.shard().describe());
    CompletableFuture<Survey> surveyed = new CompletableFuture<>();
    Map<SourceTree.SourceFile, CompletableFuture<Read>> reads = new LinkedHashMap<>();
    for (SourceTree.SourceFile file : largestFirst(files)) {
      reads.put(file, CompletableFuture.supplyAsync(
          () -> timed(phases, "reading", () -> read(request, tree, file, surveyed.getNow(null))), hashing));
    }
    return new Started(tree, files, listings, reads, surveyed, phases);
  }

  private static Read read(SyncRequest request, SourceTree tree, SourceTree.SourceFile file, Survey survey) {
    if (survey != null && survey.spareable(request.target().keyFor(file.relativePath()), file.size()) == null) {
      if (readWholeToUpload(request, file)) {
        return new Read(file, null, tree.headersFor(file), null); // read once, by the upload thread
      }
      LocalAsset hashed = tree.hash(file);
      return new Read(file, hashed.fingerprint(), hashed.headers(), hashed);
    }
    return new Read(file, tree.fingerprint(file), tree.headersFor(file), null);
  }

  /**
   * Whether a file that has to be hashed is read whole by the upload thread, which hashes it and
   * sends the bytes in hand (a dry run sends nothing, so it streams the file through the hash).
   */
  private static boolean readWholeToUpload(SyncRequest request, SourceTree.SourceFile file) {
    return !request.dryRun() && file.size() <= SourceTree.IN_MEMORY_LIMIT;
  }

  private static List<SourceTree.SourceFile> largestFirst(List<SourceTree.SourceFile> files) {
    List<SourceTree.SourceFile> order = new ArrayList<>(files);
    order.sort(Comparator.comparingLong(SourceTree.SourceFile::size).reversed());
    return order;
  }

  private record PrefixListing(String prefix, Map<String, RemoteObject> objects, boolean useManifest, boolean hasManifest,
      Map<String, HeaderManifest.Entry> manifest) {}

  /** S3 lists no headers, so a manifest holds them; a store that lists them needs none. */
  private boolean usesManifest(SyncRequest request) {
    return request.manifest() && request.verifyHeaders() && !store().headersInListing();
  }

  /**
   * Lists one prefix, with its header manifest fetched and parsed beside the listing instead of after
   * it (a missing manifest costs one request that answers "no such key").
   */
  private PrefixListing listPrefix(SyncRequest request, String prefix, ExecutorService manifests) {
    ObjectStore store = store();
    boolean useManifest = usesManifest(request);
    String manifestKey = HeaderManifest.keyFor(prefix, request.shard());
    Future<Map<String, HeaderManifest.Entry>> manifestRead = useManifest
        ? manifests.submit(() -> {
            String text = store.readText(manifestKey);
            return text == null ? null : HeaderManifest.parse(text);
          })
        : CompletableFuture.completedFuture(null);
    Map<String, RemoteObject> objects = new LinkedHashMap<>();
    for (RemoteObject object : store.list(prefix)) {
      String relative = request.target().relativePathOf(object.key());
      if (!HeaderManifest.isManifest(prefix, object.key()) && object.key().startsWith(prefix) && relative != null
          && request.selection().selects(relative) && request.shard().owns(object.key())) {
        objects.put(object.key(), object);
      }
    }
    Map<String, HeaderManifest.Entry> manifest = await(manifestRead);
    return new PrefixListing(prefix, objects, useManifest, manifest != null, manifest == null ? Map.of() : manifest);
  }

  // ---- 2. survey: deletions and rails ----------------------------------------------------------

  /**
   * The remote side (listing and header manifests) and the deletions. The delete rails are checked
   * here, before any change, so a refused sync has changed nothing.
   */
  private record Survey(Map<String, RemoteObject> remote, Map<String, HeaderManifest.Entry> manifest,
      boolean useManifest, boolean manifestMissing, List<String> prefixes, List<PlannedChange> deletes) {

    /**
     * The manifest entry that can vouch for a local file of this size, or null: it must still describe
     * the listed object (same ETag and time) of the same size, and carry a fingerprint.
     */
    HeaderManifest.Entry spareable(String key, long size) {
      RemoteObject listed = remote.get(key);
      HeaderManifest.Entry entry = useManifest ? manifest.get(key) : null;
      boolean vouches = listed != null && entry != null && entry.fingerprint() != null && entry.md5() != null
          && listed.size() == size && entry.describes(listed);
      return vouches ? entry : null;
    }
  }

  private Survey survey(SyncRequest request, Started started) {
    Map<String, RemoteObject> remote = new LinkedHashMap<>();
    Map<String, HeaderManifest.Entry> manifest = new HashMap<>();
    List<String> prefixes = new ArrayList<>();
    boolean manifestMissing = false;
    boolean useManifest = false;
    try {
      for (Future<PrefixListing> future : started.listings()) {
        PrefixListing listing = await(future);
        prefixes.add(listing.prefix());
        remote.putAll(listing.objects());
        manifest.putAll(listing.manifest());
        useManifest = listing.useManifest();
        manifestMissing |= useManifest && !listing.hasManifest();
      }
      reporter.info("listed " + remote.size() + " remote objects under " + request.target() + request.shard().describe());
      List<PlannedChange> deletes = request.delete() ? deletions(request, started.files(), remote) : List.of();
      checkDeleteRails(request, deletes, remote.size(), prefixes);
      Survey survey = new Survey(remote, manifest, useManifest, manifestMissing, prefixes, deletes);
      started.surveyed().complete(survey);
      return survey;
    } catch (RuntimeException e) {
      started.listings().forEach(listing -> listing.cancel(true));
      started.reads().values().forEach(read -> read.cancel(false));
      started.surveyed().completeExceptionally(e);
      throw e;
    }
  }

  private static List<PlannedChange> deletions(SyncRequest request, List<SourceTree.SourceFile> files,
      Map<String, RemoteObject> remote) {
    Set<String> localKeys = new HashSet<>();
    for (SourceTree.SourceFile file : files) {
      localKeys.add(request.target().keyFor(file.relativePath()));
    }
    List<PlannedChange> deletes = new ArrayList<>();
    for (RemoteObject object : remote.values()) {
      if (!localKeys.contains(object.key())) {
        deletes.add(new PlannedChange(object.key(), PlannedChange.Action.DELETE, null, object, "no local file"));
      }
    }
    return deletes;
  }

  /** The share rail counts this shard's objects only, so it holds for every shard on its own. */
  private void checkDeleteRails(SyncRequest request, List<PlannedChange> deletes, int remoteSelected, List<String> prefixes) {
    for (PlannedChange delete : deletes) {
      if (prefixes.stream().noneMatch(p -> delete.key().startsWith(p))) {
        throw new TrainyardException(
            FailureKind.INTERNAL, "planned to delete '" + delete.key() + "' outside the synced prefixes " + prefixes);
      }
    }
    if (deletes.isEmpty() || request.force()) {
      return;
    }
    double share = (double) deletes.size() / remoteSelected;
    if (share > request.maxDeleteShare()) {
      throw TrainyardException.invalidInput(
          String.format(
              "refusing --delete: it would remove %d of %d remote objects%s (%.0f%%), more than the allowed %.0f%%",
              deletes.size(), remoteSelected, request.shard().describe(), share * 100, request.maxDeleteShare() * 100),
          "check --source; if the deletions are intended, pass --force or raise assets.max-delete-share");
    }
  }

  // ---- decisions -------------------------------------------------------------------------------

  /**
   * The decision for a file as read: when the manifest vouches for a file of this size and
   * fingerprint, its MD5 is the entry's and the file is not hashed; otherwise it is hashed now (a
   * small file to upload read whole, its bytes kept for the upload).
   */
  private Decision decide(SyncRequest request, SourceTree tree, Survey survey, Read read, Counts counts) {
    String key = request.target().keyFor(read.file().relativePath());
    LocalAsset asset = read.hashed();
    byte[] content = null;
    if (asset == null) {
      HeaderManifest.Entry entry = survey.spareable(key, read.file().size());
      if (entry != null && entry.fingerprint().equals(read.fingerprint())) {
        counts.spared.incrementAndGet();
        asset = tree.known(read.file(), entry.md5(), read.fingerprint(), read.headers());
      } else if (readWholeToUpload(request, read.file())) {
        SourceTree.HashedContent whole = tree.hashInMemory(read.file());
        asset = whole.asset();
        content = whole.content();
      } else {
        asset = tree.hash(read.file());
      }
    }
    if (survey.useManifest() && survey.remote().containsKey(key)) {
      HeaderManifest.Entry entry = survey.manifest().get(key);
      if (entry == null || entry.fingerprint() == null) {
        counts.unfingerprinted.incrementAndGet();
      }
    }
    HeaderManifest.Entry hint = survey.useManifest() ? survey.manifest().get(key) : null;
    return new Decision(decide(key, asset, survey.remote().get(key), hint, request.verifyHeaders(), counts.heads), content);
  }

  /**
   * A file's change, with its content when it was read whole to be hashed (a small file, outside a
   * dry run), which its upload then sends instead of reading the file again.
   */
  private record Decision(PlannedChange change, byte[] content) {}

  /** What the decisions cost, for the manifest's staleness and --verbose. */
  private static final class Counts {
    final AtomicInteger heads = new AtomicInteger();
    /** Files whose MD5 came from the manifest (not hashed). */
    final AtomicInteger spared = new AtomicInteger();
    /** Listed objects the manifest has no fingerprint for (absent, or written by an earlier version). */
    final AtomicInteger unfingerprinted = new AtomicInteger();
  }

  private PlannedChange decide(String key, LocalAsset asset, RemoteObject listed, HeaderManifest.Entry hint,
      boolean verifyHeaders, AtomicInteger heads) {
    if (listed == null) {
      return new PlannedChange(key, PlannedChange.Action.UPLOAD, asset, null, "new");
    }
    if (listed.size() != asset.size()) {
      return new PlannedChange(key, PlannedChange.Action.UPLOAD, asset, listed, "size changed");
    }
    boolean etagSaysSame = listed.etagIsContentMd5() && asset.md5Hex().equalsIgnoreCase(listed.etag());
    boolean etagSaysDifferent = listed.etagIsContentMd5() && !etagSaysSame && listed.md5Hex() == null;
    if (etagSaysDifferent) {
      // A plain-MD5 ETag can still belong to an encrypted object whose metadata holds the real hash;
      // reading it costs one HEAD for a file that is about to be uploaded anyway, so skip that.
      return new PlannedChange(key, PlannedChange.Action.UPLOAD, asset, listed, "content changed");
    }
    RemoteObject remote = listed;
    boolean fromManifest = false;
    if (!remote.described() && hint != null && hint.describes(listed)) {
      remote = listed.withManifest(hint);
      fromManifest = true;
    } else if (!remote.described() && (!etagSaysSame || verifyHeaders)) {
      heads.incrementAndGet();
      remote = store().describe(listed);
    }
    if (!remote.contentMatches(asset.md5Hex())) {
      return new PlannedChange(key, PlannedChange.Action.UPLOAD, asset, remote, "content changed");
    }
    if (remote.described() && asset.headers().differsFrom(remote.headers())) {
      if (fromManifest) {
        // The copy must carry the object's real metadata, which only a HEAD returns.
        heads.incrementAndGet();
        return decide(key, asset, store().describe(listed), null, verifyHeaders, heads);
      }
      return new PlannedChange(key, PlannedChange.Action.UPDATE_HEADERS, asset, remote, "headers changed");
    }
    return new PlannedChange(key, PlannedChange.Action.UNCHANGED, asset, remote, "same content and headers");
  }

  /** Every file's decision, nothing changed: what {@code --dry-run} prints. */
  private SyncPlan plan(SyncRequest request, Started started, Survey survey) {
    Counts counts = new Counts();
    List<PlannedChange> changes = new ArrayList<>(started.files().size() + survey.deletes().size());
    for (SourceTree.SourceFile file : started.files()) {
      changes.add(decide(request, started.tree(), survey, await(started.reads().get(file)), counts).change());
    }
    changes.addAll(survey.deletes());
    return new SyncPlan(request.target(), changes, survey.remote().size(), survey.prefixes(),
        manifestStale(survey, started.files().size(), counts));
  }

  // ---- 3. carry out: compare and upload as each hash is ready ------------------------------------

  /**
   * Each file is compared and uploaded (or its headers rewritten) as soon as its hash is ready, on
   * the I/O threads, so the store is busy from the first file on. An unreadable file is bad input
   * and fails the sync, but only after the changes already started have finished; a remote failure
   * fails only its key.
   */
  private Tally carryOut(SyncRequest request, Started started, Survey survey, ExecutorService io) {
    Tally tally = new Tally(started.files().size() + survey.deletes().size());
    reporter.progress("upload-assets", 0, tally.total);
    List<CompletableFuture<Void>> running = new ArrayList<>(started.reads().size());
    for (CompletableFuture<Read> read : started.reads().values()) {
      running.add(read.thenAcceptAsync(r -> apply(request, started.tree(), survey, r, tally), io));
    }
    awaitAll(running);
    started.phases().mark("changes");
    return tally;
  }

  private void apply(SyncRequest request, SourceTree tree, Survey survey, Read read, Tally tally) {
    String key = request.target().keyFor(read.file().relativePath());
    PlannedChange.Action action = PlannedChange.Action.UPLOAD;
    try {
      Decision decision = decide(request, tree, survey, read, tally.counts);
      PlannedChange change = decision.change();
      action = change.action();
      if (action == PlannedChange.Action.UPLOAD) {
        tally.bytes.addAndGet(store().upload(change.local(), decision.content(), change.key(), change.remote()));
      } else if (action == PlannedChange.Action.UPDATE_HEADERS) {
        store().replaceHeaders(change.remote(), change.local().headers());
      }
      tally.synced(change);
    } catch (TrainyardException e) {
      if (e.kind() == FailureKind.INVALID_INPUT) {
        throw e; // an unreadable source file fails the sync, not just its key
      }
      tally.failed(key, action, oneLine(e));
      reporter.warn("failed " + key + ": " + oneLine(e));
    } catch (RuntimeException e) {
      tally.failed(key, action, oneLine(e));
      reporter.warn("failed " + key + ": " + oneLine(e));
    }
    reporter.progress("upload-assets", tally.done.incrementAndGet(), tally.total);
  }


  /**
   * Waits for every change. On the first failure (an unreadable file) the ones not started yet are
   * cancelled; the ones running finish, so nothing is cut off halfway.
   */
  private static void awaitAll(List<CompletableFuture<Void>> running) {
    RuntimeException first = null;
    for (CompletableFuture<Void> future : running) {
      try {
        await(future);
      } catch (CancellationException e) {
        // cancelled after the first failure
      } catch (RuntimeException e) {
        if (first == null) {
          first = e;
          running.forEach(f -> f.cancel(false));
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  // ---- 4. deletions and manifests ----------------------------------------------------------------

  /** Deletes in batches of {@value #DELETE_BATCH}; a failed batch fails its keys, not the sync. */
  private void deleteStale(List<PlannedChange> deletes, Tally tally) {
    List<String> keys = deletes.stream().map(PlannedChange::key).toList();
    for (int from = 0; from < keys.size(); from += DELETE_BATCH) {
      List<String> batch = keys.subList(from, Math.min(keys.size(), from + DELETE_BATCH));
      Map<String, String> errors;
      try {
        errors = store().delete(batch);
      } catch (RuntimeException e) {
        errors = new HashMap<>();
        for (String key : batch) {
          errors.put(key, oneLine(e));
        }
      }
      for (String key : batch) {
        if (errors.containsKey(key)) {
          tally.failed(key, PlannedChange.Action.DELETE, errors.get(key));
        } else {
          tally.deleted.add(key);
        }
      }
      reporter.progress("upload-assets", tally.done.addAndGet(batch.size()), tally.total);
    }
  }

  /**
   * A few stale entries cost a HEAD each; rewriting the manifest for them would add a PUT to every
   * small sync (one changed icon must stay one PUT), so it is rewritten only past a threshold.
   */
  private static boolean manifestStale(Survey survey, int files, Counts counts) {
    int staleThreshold = Math.max(20, files / 100);
    return survey.useManifest() && (survey.manifestMissing() || counts.heads.get() >= staleThreshold
        || counts.unfingerprinted.get() >= staleThreshold);
  }

  private void writeManifestsIfStale(SyncRequest request, Survey survey, Tally tally) {
    int staleThreshold = Math.max(20, tally.total / 100);
    boolean manyChanged = tally.uploaded.size() + tally.updated.size() >= staleThreshold;
    if (survey.useManifest() && (manyChanged || manifestStale(survey, tally.total, tally.counts))) {
      writeManifests(request, survey.prefixes(), tally.syncedByKey());
    }
  }

  /**
   * Records what each prefix now holds. The ETags come from a fresh listing, so an entry always
   * describes the object as stored; a failure only costs HEADs on the next run.
   */
  private void writeManifests(SyncRequest request, List<String> prefixes, Map<String, PlannedChange> synced) {
    for (String prefix : prefixes) {
      String key = HeaderManifest.keyFor(prefix, request.shard());
      try {
        Map<String, HeaderManifest.Entry> entries = new HashMap<>();
        for (RemoteObject object : store().list(prefix)) {
          PlannedChange change = synced.get(object.key());
          if (change != null && object.etag() != null) {
            ObjectHeaders headers = change.local().headers();
            entries.put(object.key(), new HeaderManifest.Entry(object.etag(),
                object.lastModified() == null ? null : object.lastModified().toString(), change.local().md5Hex(),
                headers.contentType(), headers.cacheControl(), headers.contentDisposition(), headers.storageClass(),
                change.local().fingerprint()));
          }
        }
        store().writeText(key, HeaderManifest.render(entries), "application/json", "no-cache");
      } catch (RuntimeException e) {
        reporter.warn("could not update " + key + " (the next run reads headers with HEAD): " + oneLine(e));
      }
    }
  }

  // ---- results -----------------------------------------------------------------------------------

  /** What the changes did so far; the I/O threads add to it concurrently. */
  private static final class Tally {
    final int total;
    final AtomicInteger done = new AtomicInteger();
    final Counts counts = new Counts();
    final AtomicLong bytes = new AtomicLong();
    final List<String> uploaded = Collections.synchronizedList(new ArrayList<>());
    final List<String> updated = Collections.synchronizedList(new ArrayList<>());
    final List<String> unchanged = Collections.synchronizedList(new ArrayList<>());
    final List<String> deleted = new ArrayList<>();
    final List<SyncResult.FailedKey> failed = Collections.synchronizedList(new ArrayList<>());
    private final List<PlannedChange> synced = Collections.synchronizedList(new ArrayList<>());

    Tally(int total) {
      this.total = total;
    }

    void synced(PlannedChange change) {
      synced.add(change);
      switch (change.action()) {
        case UPLOAD -> uploaded.add(change.key());
        case UPDATE_HEADERS -> updated.add(change.key());
        case UNCHANGED -> unchanged.add(change.key());
        case DELETE -> throw new IllegalStateException("deletions are not synced changes");
      }
    }

    void failed(String key, PlannedChange.Action action, String error) {
      failed.add(new SyncResult.FailedKey(key, action, error));
    }

    Map<String, PlannedChange> syncedByKey() {
      Map<String, PlannedChange> byKey = new HashMap<>();
      synchronized (synced) {
        for (PlannedChange change : synced) {
          byKey.put(change.key(), change);
        }
      }
      return byKey;
    }

    SyncResult result(SyncRequest request) {
      List<String> uploadedSorted = sorted(uploaded);
      List<String> updatedSorted = sorted(updated);
      List<SyncResult.FailedKey> failedSorted = new ArrayList<>(failed);
      failedSorted.sort(Comparator.comparing(SyncResult.FailedKey::key));
      return new SyncResult(false, request.target().toString(), uploadedSorted, updatedSorted, sorted(unchanged),
          deleted, bytes.get(), failedSorted, urls(request.cdnUrl(), uploadedSorted, updatedSorted), shardOf(request));
    }
  }

  private static SyncResult planned(SyncRequest request, SyncPlan plan) {
    List<String> uploads = keys(plan.uploads());
    List<String> updates = keys(plan.headerUpdates());
    return new SyncResult(
        true,
        plan.target().toString(),
        uploads,
        updates,
        keys(plan.unchanged()),
        keys(plan.deletes()),
        plan.uploadBytes(),
        List.of(),
        urls(request.cdnUrl(), uploads, updates),
        shardOf(request));
  }

  private static String shardOf(SyncRequest request) {
    return request.shard().isAll() ? null : request.shard().toString();
  }

  /** CDN URL of an object: the base URL plus the key, each segment percent-encoded. */
  public static String cdnUrl(String base, String key) {
    String trimmed = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    try {
      String path = new URI(null, null, "/" + key, null).getRawPath();
      return trimmed + path;
    } catch (URISyntaxException e) {
      throw TrainyardException.invalidInput("key '" + key + "' cannot form a URL: " + e.getMessage(), null);
    }
  }

  private static List<String> urls(String base, List<String> uploaded, List<String> updated) {
    if (base == null) {
      return List.of();
    }
    List<String> urls = new ArrayList<>();
    for (String key : uploaded) {
      urls.add(cdnUrl(base, key));
    }
    for (String key : updated) {
      urls.add(cdnUrl(base, key));
    }
    return urls;
  }

  private static List<String> keys(List<PlannedChange> changes) {
    return changes.stream().map(PlannedChange::key).toList();
  }

  private static List<String> sorted(List<String> keys) {
    List<String> copy;
    synchronized (keys) {
      copy = new ArrayList<>(keys);
    }
    Collections.sort(copy);
    return copy;
  }

  // ---- plumbing ----------------------------------------------------------------------------------

  /**
   * When each step of a sync ended, for {@code --verbose}: where a sync's time goes (walk, listing,
   * hashing, changes), measured on the sync's own clock.
   */
  private static final class Phases {
    private final long started = System.nanoTime();
    private final Map<String, AtomicLong> lastEnd = new java.util.concurrent.ConcurrentHashMap<>();

    void mark(String phase) {
      long now = System.nanoTime() - started;
      lastEnd.computeIfAbsent(phase, p -> new AtomicLong()).accumulateAndGet(now, Math::max);
    }

    void report(Reporter reporter, Tally tally) {
      StringBuilder line = new StringBuilder("upload-assets phases (ms after the sync started):");
      lastEnd.entrySet().stream().sorted(Map.Entry.comparingByValue(Comparator.comparingLong(AtomicLong::get)))
          .forEach(e -> line.append(' ').append(e.getKey()).append(" done at ").append(e.getValue().get() / 1_000_000).append(','));
      line.append(" HEAD requests ").append(tally.counts.heads.get())
          .append(", files the manifest vouched for (not hashed) ").append(tally.counts.spared.get());
      reporter.debug(line.toString());
    }
  }

  private static <T> T timed(Phases phases, String phase, java.util.function.Supplier<T> work) {
    T result = work.get();
    phases.mark(phase);
    return result;
  }

  static String oneLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TrainyardException(FailureKind.INTERNAL, "interrupted during the sync", null, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TrainyardException te) {
        throw te;
      }
      throw new TrainyardException(FailureKind.REMOTE, "sync step failed: " + oneLine(e.getCause()),
          "re-run; unchanged files are skipped", e.getCause());
    }
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger counter = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
