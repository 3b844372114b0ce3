import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP proxy that emulates a network path between a client and a server on loopback: a round-trip
 * delay and a bandwidth cap, nothing else. It parses nothing; it only delays and paces bytes. The
 * benchmark's stand-in for {@code tc netem}, which this machine's kernel lacks.
 *
 * <pre>
 *   java bench/lib/DelayProxy.java LISTEN_PORT TARGET_HOST:PORT RTT_MS MBIT_PER_S
 * </pre>
 *
 * <p>RTT_MS 0 and MBIT_PER_S 0 forward at once (the zero-delay run that measures the proxy's own
 * cost). Otherwise:
 * <ul>
 *   <li>every chunk read in one direction leaves the proxy no sooner than RTT/2 after it arrived
 *       (each direction carries half the round trip);
 *   <li>a new connection sends nothing upstream before one RTT has passed since it was accepted:
 *       the TCP handshake a real client waits for (the proxy accepts at once on loopback);
 *   <li>each direction has its own link of MBIT_PER_S shared by all connections (full duplex, like
 *       a real path): a chunk occupies the link for its size divided by the rate, in turn;
 *   <li>each connection buffers at most 4 MiB per direction, so a sender cannot run far ahead of the
 *       link (no unbounded "bufferbloat" that would make uploads look finished early).
 * </ul>
 * Two threads per connection and direction (reader, writer); TCP_NODELAY on both sides.
 */
public final class DelayProxy {
  private static final int CHUNK = 64 * 1024;
  private static final int QUEUE_CHUNKS = 64;
  private static final byte[] EOF = new byte[0];

  /** A link in one direction, shared by all connections: hands out transmission slots in turn. */
  static final class Link {
    private final double nanosPerByte;
    private long freeAt;

    Link(double mbitPerSecond) {
      this.nanosPerByte = mbitPerSecond <= 0 ? 0 : 8_000.0 / mbitPerSecond;
    }

    /** Reserves the link for {@code bytes} starting no sooner than {@code earliest}; returns when they are through. */
    synchronized long reserve(long earliest, int bytes) {
      if (nanosPerByte == 0) {
        return earliest;
      }
      long start = Math.max(earliest, freeAt);
      freeAt = start + (long) (bytes * nanosPerByte);
      return freeAt;
    }
  }

  private record Chunk(byte[] bytes, int length, long readyAt) {}

  public static void main(String[] args) throws IOException {
    if (args.length != 4) {
      System.err.println("usage: java DelayProxy.java LISTEN_PORT TARGET_HOST:PORT RTT_MS MBIT_PER_S");
      System.exit(2);
    }
    int listenPort = Integer.parseInt(args[0]);
    String host = args[1].substring(0, args[1].lastIndexOf(':'));
    int port = Integer.parseInt(args[1].substring(args[1].lastIndexOf(':') + 1));
    long rttNanos = TimeUnit.MICROSECONDS.toNanos((long) (Double.parseDouble(args[2]) * 1000));
    double mbit = Double.parseDouble(args[3]);
    Link up = new Link(mbit);
    Link down = new Link(mbit);
    try (ServerSocket server = new ServerSocket()) {
      server.setReuseAddress(true);
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), listenPort), 256);
      System.out.println("delay proxy on 127.0.0.1:" + listenPort + " -> " + args[1] + ", RTT " + args[2] + " ms, "
          + (mbit <= 0 ? "no rate cap" : args[3] + " Mbit/s per direction"));
      System.out.flush();
      while (true) {
        Socket client = server.accept();
        long acceptedAt = System.nanoTime();
        start(() -> connect(client, host, port, acceptedAt, rttNanos, up, down));
      }
    }
  }

  private static void connect(Socket client, String host, int port, long acceptedAt, long rttNanos, Link up, Link down) {
    Socket upstream;
    try {
      upstream = new Socket(host, port);
      client.setTcpNoDelay(true);
      upstream.setTcpNoDelay(true);
    } catch (IOException e) {
      closeQuietly(client);
      return;
    }
    Pair pair = new Pair(client, upstream);
    // Upstream: nothing leaves before the handshake's round trip, then each chunk half a round trip late.
    pipe(pair, client, upstream, acceptedAt + rttNanos, rttNanos / 2, up);
    pipe(pair, upstream, client, 0, rttNanos / 2, down);
  }

  /** Closes both sockets once both directions are done (or one failed). */
  static final class Pair {
    private final Socket a;
    private final Socket b;
    private int open = 2;

    Pair(Socket a, Socket b) {
      this.a = a;
      this.b = b;
    }

    synchronized void done(boolean failed) {
      if (failed || --open == 0) {
        closeQuietly(a);
        closeQuietly(b);
      }
    }
  }

  private static void pipe(Pair pair, Socket from, Socket to, long notBefore, long delayNanos, Link link) {
    BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(QUEUE_CHUNKS);
    start(() -> {
      try (InputStream in = from.getInputStream()) {
        while (true) {
          byte[] buffer = new byte[CHUNK];
          int n = in.read(buffer);
          long now = System.nanoTime();
          if (n < 0) {
            queue.put(new Chunk(EOF, 0, Math.max(now, notBefore) + delayNanos)); // the FIN travels too
            return;
          }
          queue.put(new Chunk(buffer, n, Math.max(now, notBefore) + delayNanos));
        }
      } catch (IOException e) {
        queue.offer(new Chunk(null, -1, 0));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    start(() -> {
      boolean failed = false;
      try {
        OutputStream out = to.getOutputStream();
        while (true) {
          Chunk chunk = queue.take();
          if (chunk.bytes() == null) {
            failed = true;
            return;
          }
          if (chunk.bytes() == EOF) {
            sleepUntil(chunk.readyAt());
            to.shutdownOutput();
            return;
          }
          sleepUntil(link.reserve(chunk.readyAt(), chunk.length()));
          out.write(chunk.bytes(), 0, chunk.length());
          out.flush();
        }
      } catch (IOException e) {
        failed = true;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failed = true;
      } finally {
        pair.done(failed);
      }
    });
  }

  private static void sleepUntil(long deadline) {
    for (long left; (left = deadline - System.nanoTime()) > 0; ) {
      LockSupport.parkNanos(left);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
  }

  private static void start(Runnable body) {
    Thread thread = new Thread(body, "delay-proxy");
    thread.setDaemon(true);
    thread.start();
  }
}
