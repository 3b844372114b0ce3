package dev.trainyard.bugs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** What the two stateful tracker fakes ({@link BugzillaServer}, {@link GitHubIssuesServer}) share. */
final class FakeServer {
  static final ObjectMapper JSON = new ObjectMapper();

  private FakeServer() {}

  /** The decoded query parameters of a request URL (the last value of a repeated name). */
  static Map<String, String> query(String url) {
    Map<String, String> params = new LinkedHashMap<>();
    int q = url.indexOf('?');
    if (q < 0) {
      return params;
    }
    for (String pair : url.substring(q + 1).split("&")) {
      int eq = pair.indexOf('=');
      params.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return params;
  }

  /** A response shape from src/test/resources/dev/trainyard/bugs (see the README there). */
  static JsonNode resource(String name) {
    try (InputStream in = FakeServer.class.getResourceAsStream(name)) {
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs {@code run} twice at once (after {@link Rendezvous#hold}, the two meet at the server). */
  static <T> List<T> race(Callable<T> run) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<T> a = pool.submit(run);
      Future<T> b = pool.submit(run);
      return List.of(a.get(180, TimeUnit.SECONDS), b.get(180, TimeUnit.SECONDS));
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Holds the next {@code parties} requests of one kind until all of them have arrived, so that
   * racing runs all see the state before any of them writes.
   */
  static final class Rendezvous {
    private final String what;
    private volatile CyclicBarrier barrier;

    Rendezvous(String what) {
      this.what = what;
    }

    void hold(int parties) {
      barrier = new CyclicBarrier(parties, () -> barrier = null);
    }

    void await() {
      CyclicBarrier current = barrier;
      if (current != null) {
        try {
          current.await(120, TimeUnit.SECONDS);
        } catch (Exception e) {
          throw new IllegalStateException("racing " + what + " did not meet", e);
        }
      }
    }
  }
}
