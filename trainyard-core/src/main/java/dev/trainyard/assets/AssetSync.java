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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Syncs an assets folder to a bucket: survey first (local paths against the remote listing) and check
 * the delete rails, then hash, compare and carry out each file in parallel. Content is compared by
 * MD5, never by mtime, because a fresh CI checkout gives every file a new mtime.
 */
public final class AssetSync {
  /** The most keys S3's DeleteObjects accepts in one request. */
  private static final int DELETE_BATCH = 1000;

  private final ObjectStore store;
  private final Reporter reporter;

  public AssetSync(ObjectStore store, Reporter reporter) {
    this.store = store;
    this.reporter = reporter;
  }

  public SyncResult run(SyncRequest request) {
    ExecutorService pool = Executors.newFixedThreadPool(request.concurrency(), daemonThreads());
    try {
      if (request.dryRun()) {
        return planned(request, plan(request, pool));
      }
      return execute(request, survey(request, pool), pool);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Computes the plan and enforces the delete rails; changes nothing. */
  public SyncPlan plan(SyncRequest request, ExecutorService pool) {
    Survey survey = survey(request, pool);
    AtomicInteger heads = new AtomicInteger();
    List<Future<PlannedChange>> decided = new ArrayList<>(survey.files().size());
    for (SourceTree.SourceFile file : survey.files()) {
      decided.add(pool.submit(() -> decide(request, survey, survey.tree().hash(file), heads)));
    }
    List<PlannedChange> changes = new ArrayList<>(survey.files().size() + survey.deletes().size());
    for (Future<PlannedChange> future : decided) {
      changes.add(await(future));
    }
    changes.addAll(survey.deletes());
    return new SyncPlan(request.target(), changes, survey.remote().size(), survey.prefixes(), manifestStale(survey, heads.get()));
  }

  /**
   * What can be known without reading a file: the local paths, the remote listing (and header
   * manifests), the deletions. The delete rails are checked here, so a refused sync has changed nothing.
   */
  private Survey survey(SyncRequest request, ExecutorService pool) {
    boolean useManifest = request.manifest() && request.verifyHeaders() && !store.headersInListing();
    // The listing runs while the source is walked; on a full bucket it is the slowest part of a no-op sync.
    List<Future<PrefixListing>> listings = new ArrayList<>();
    for (String folder : request.foldersOrRoot()) {
      String prefix = request.target().listPrefix(folder);
      listings.add(pool.submit(() -> listPrefix(request, prefix, useManifest)));
    }
    SourceTree tree = new SourceTree(request.source(), request.selection(), request.headerPolicy(), reporter);
    List<SourceTree.SourceFile> files;
    try {
      files = tree.files(request.foldersOrRoot());
    } catch (RuntimeException e) {
      listings.forEach(listing -> listing.cancel(true));
      throw e;
    }
    reporter.info("found " + files.size() + " local files under " + request.source());
    if (request.delete() && files.isEmpty()) {
      listings.forEach(listing -> listing.cancel(true));
      throw TrainyardException.invalidInput(
          "refusing --delete: the source '" + request.source() + "' selects no files, so every remote object would go",
          "check --source, the folders and the include/exclude patterns");
    }

    Map<String, RemoteObject> remote = new LinkedHashMap<>();
    Map<String, HeaderManifest.Entry> manifest = new HashMap<>();
    List<String> prefixes = new ArrayList<>();
    boolean manifestMissing = false;
    for (Future<PrefixListing> future : listings) {
      PrefixListing listing = await(future);
      prefixes.add(listing.prefix());
      remote.putAll(listing.objects());
      manifest.putAll(listing.manifest());
      manifestMissing |= useManifest && !listing.hasManifest();
    }
    reporter.info("listed " + remote.size() + " remote objects under " + request.target());

    List<PlannedChange> deletes = new ArrayList<>();
    if (request.delete()) {
      Map<String, Boolean> localKeys = new HashMap<>();
      for (SourceTree.SourceFile file : files) {
        localKeys.put(request.target().keyFor(file.relativePath()), Boolean.TRUE);
      }
      for (RemoteObject object : remote.values()) {
        if (!localKeys.containsKey(object.key())) {
          deletes.add(new PlannedChange(object.key(), PlannedChange.Action.DELETE, null, object, "no local file"));
        }
      }
    }
    checkDeleteRails(request, deletes, remote.size(), prefixes);
    return new Survey(tree, files, remote, manifest, useManifest, manifestMissing, prefixes, deletes);
  }

  private record Survey(SourceTree tree, List<SourceTree.SourceFile> files, Map<String, RemoteObject> remote,
      Map<String, HeaderManifest.Entry> manifest, boolean useManifest, boolean manifestMissing, List<String> prefixes,
      List<PlannedChange> deletes) {}

  private record PrefixListing(String prefix, Map<String, RemoteObject> objects, boolean hasManifest,
      Map<String, HeaderManifest.Entry> manifest) {}

  private PrefixListing listPrefix(SyncRequest request, String prefix, boolean useManifest) {
    String manifestKey = HeaderManifest.keyFor(prefix);
    boolean hasManifest = false;
    Map<String, RemoteObject> objects = new LinkedHashMap<>();
    for (RemoteObject object : store.list(prefix)) {
      if (object.key().equals(manifestKey)) {
        hasManifest = true;
        continue;
      }
      String relative = request.target().relativePathOf(object.key());
      if (object.key().startsWith(prefix) && relative != null && request.selection().selects(relative)) {
        objects.put(object.key(), object);
      }
    }
    Map<String, HeaderManifest.Entry> manifest = Map.of();
    if (useManifest && hasManifest) {
      String text = store.readText(manifestKey);
      if (text != null) {
        manifest = HeaderManifest.parse(text);
      }
    }
    return new PrefixListing(prefix, objects, hasManifest, manifest);
  }

  /**
   * A few stale entries cost a HEAD each; rewriting the manifest for them would add a PUT to every
   * small sync (one changed icon must stay one PUT), so it is rewritten only past a threshold.
   */
  private static boolean manifestStale(Survey survey, int heads) {
    int staleThreshold = Math.max(20, survey.files().size() / 100);
    return survey.useManifest() && (survey.manifestMissing() || heads >= staleThreshold);
  }

  private PlannedChange decide(SyncRequest request, Survey survey, LocalAsset asset, AtomicInteger heads) {
    String key = request.target().keyFor(asset.relativePath());
    HeaderManifest.Entry hint = survey.useManifest() ? survey.manifest().get(key) : null;
    return decide(key, asset, survey.remote().get(key), hint, request.verifyHeaders(), heads);
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
      remote = store.describe(listed);
    }
    if (!remote.contentMatches(asset.md5Hex())) {
      return new PlannedChange(key, PlannedChange.Action.UPLOAD, asset, remote, "content changed");
    }
    if (remote.described() && asset.headers().differsFrom(remote.headers())) {
      if (fromManifest) {
        // The copy must carry the object's real metadata, which only a HEAD returns.
        heads.incrementAndGet();
        return decide(key, asset, store.describe(listed), null, verifyHeaders, heads);
      }
      return new PlannedChange(key, PlannedChange.Action.UPDATE_HEADERS, asset, remote, "headers changed");
    }
    return new PlannedChange(key, PlannedChange.Action.UNCHANGED, asset, remote, "same content and headers");
  }

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
              "refusing --delete: it would remove %d of %d remote objects (%.0f%%), more than the allowed %.0f%%",
              deletes.size(), remoteSelected, share * 100, request.maxDeleteShare() * 100),
          "check --source; if the deletions are intended, pass --force or raise assets.max-delete-share");
    }
  }

  /**
   * Carries the sync out file by file: each task reads and hashes one file, decides, and uploads or
   * rewrites headers at once, so the store is busy from the first file on instead of waiting for the
   * whole tree to be hashed. The largest files go first, so none of them is left running alone at the end.
   */
  private SyncResult execute(SyncRequest request, Survey survey, ExecutorService pool) {
    List<SourceTree.SourceFile> order = new ArrayList<>(survey.files());
    order.sort(Comparator.comparingLong(SourceTree.SourceFile::size).reversed());
    int total = order.size() + survey.deletes().size();
    AtomicInteger done = new AtomicInteger();
    AtomicInteger heads = new AtomicInteger();
    AtomicLong bytes = new AtomicLong();
    List<SyncResult.FailedKey> failed = Collections.synchronizedList(new ArrayList<>());
    List<String> uploaded = Collections.synchronizedList(new ArrayList<>());
    List<String> updated = Collections.synchronizedList(new ArrayList<>());
    List<PlannedChange> synced = Collections.synchronizedList(new ArrayList<>());
    reporter.progress("upload-assets", 0, total);

    List<Future<?>> running = new ArrayList<>(order.size());
    for (SourceTree.SourceFile file : order) {
      running.add(pool.submit(() -> {
        // An unreadable file is bad input and fails the sync; a remote failure fails only its key.
        LocalAsset asset = survey.tree().hash(file);
        String key = request.target().keyFor(asset.relativePath());
        PlannedChange.Action action = PlannedChange.Action.UPLOAD;
        try {
          PlannedChange change = decide(request, survey, asset, heads);
          action = change.action();
          if (action == PlannedChange.Action.UPLOAD) {
            bytes.addAndGet(store.upload(change.local(), change.key(), change.remote()));
            uploaded.add(change.key());
          } else if (action == PlannedChange.Action.UPDATE_HEADERS) {
            store.replaceHeaders(change.remote(), change.local().headers());
            updated.add(change.key());
          }
          synced.add(change);
        } catch (RuntimeException e) {
          failed.add(new SyncResult.FailedKey(key, action, oneLine(e)));
          reporter.warn("failed " + key + ": " + oneLine(e));
        }
        reporter.progress("upload-assets", done.incrementAndGet(), total);
      }));
    }
    awaitAll(running);

    // Deletes go last, so a page that moved to a new asset never points at one removed first.
    List<String> deleted = new ArrayList<>();
    List<String> deleteKeys = survey.deletes().stream().map(PlannedChange::key).toList();
    for (int from = 0; from < deleteKeys.size(); from += DELETE_BATCH) {
      List<String> batch = deleteKeys.subList(from, Math.min(deleteKeys.size(), from + DELETE_BATCH));
      Map<String, String> errors;
      try {
        errors = store.delete(batch);
      } catch (RuntimeException e) {
        errors = new HashMap<>();
        for (String key : batch) {
          errors.put(key, oneLine(e));
        }
      }
      for (String key : batch) {
        if (errors.containsKey(key)) {
          failed.add(new SyncResult.FailedKey(key, PlannedChange.Action.DELETE, errors.get(key)));
        } else {
          deleted.add(key);
        }
      }
      reporter.progress("upload-assets", done.addAndGet(batch.size()), total);
    }
    if (heads.get() > 0) {
      reporter.debug("read the headers of " + heads.get() + " objects with HEAD");
    }

    List<String> uploadedSorted = sorted(uploaded);
    List<String> updatedSorted = sorted(updated);
    int staleThreshold = Math.max(20, total / 100);
    boolean manyChanged = uploaded.size() + updated.size() >= staleThreshold;
    if (request.manifest() && request.verifyHeaders() && !store.headersInListing()
        && (manyChanged || manifestStale(survey, heads.get()))) {
      Map<String, PlannedChange> byKey = new HashMap<>();
      for (PlannedChange change : synced) {
        byKey.put(change.key(), change);
      }
      writeManifests(survey.prefixes(), byKey);
    }
    List<SyncResult.FailedKey> failedSorted = new ArrayList<>(failed);
    failedSorted.sort((a, b) -> a.key().compareTo(b.key()));
    List<String> unchanged = new ArrayList<>();
    for (PlannedChange change : synced) {
      if (change.action() == PlannedChange.Action.UNCHANGED) {
        unchanged.add(change.key());
      }
    }
    return new SyncResult(
        false,
        request.target().toString(),
        uploadedSorted,
        updatedSorted,
        sorted(unchanged),
        deleted,
        bytes.get(),
        failedSorted,
        urls(request.cdnUrl(), uploadedSorted, updatedSorted));
  }

  /**
   * Waits for every task. A file that cannot be read is bad input and fails the sync, but only after
   * the tasks already started have finished, so nothing is cut off halfway.
   */
  private static void awaitAll(List<Future<?>> running) {
    RuntimeException first = null;
    for (Future<?> future : running) {
      try {
        await(future);
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

  /**
   * Records what each prefix now holds. The ETags come from a fresh listing, so an entry always
   * describes the object as stored; a failure only costs HEADs on the next run.
   */
  private void writeManifests(List<String> prefixes, Map<String, PlannedChange> synced) {
    for (String prefix : prefixes) {
      try {
        Map<String, HeaderManifest.Entry> entries = new HashMap<>();
        for (RemoteObject object : store.list(prefix)) {
          PlannedChange change = synced.get(object.key());
          if (change != null && object.etag() != null) {
            ObjectHeaders headers = change.local().headers();
            entries.put(object.key(), new HeaderManifest.Entry(object.etag(),
                object.lastModified() == null ? null : object.lastModified().toString(), change.local().md5Hex(),
                headers.contentType(), headers.cacheControl(), headers.contentDisposition(), headers.storageClass()));
          }
        }
        store.writeText(HeaderManifest.keyFor(prefix), HeaderManifest.render(entries), "application/json", "no-cache");
      } catch (RuntimeException e) {
        reporter.warn("could not update " + HeaderManifest.keyFor(prefix) + " (the next run reads headers with HEAD): " + oneLine(e));
      }
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
        urls(request.cdnUrl(), uploads, updates));
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
    List<String> copy = new ArrayList<>(keys);
    Collections.sort(copy);
    return copy;
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

  private static ThreadFactory daemonThreads() {
    AtomicInteger counter = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "trainyard-assets-" + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
