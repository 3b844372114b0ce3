package dev.trainyard.assets.testing;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * A transparent HTTP/1.1 proxy in front of a real server that records every request and can
 * inject faults: an S3 error status, or a connection reset halfway through the request body. It
 * forwards bytes unchanged (Host header included), so SigV4 signatures stay valid.
 *
 * <p>It also runs standalone for the benchmark: {@code java ... RecordingProxy UPSTREAM_PORT
 * LISTEN_PORT}; {@code GET /__recording/summary} prints counts, {@code POST /__recording/reset}
 * clears them.
 */
public final class RecordingProxy implements AutoCloseable {

  /** One request as the client sent it and what it got back (status -1: connection reset). */
  public record Exchange(String method, String path, String query, Map<String, String> headers, long bodyBytes, int status) {
    public boolean isCopy() {
      return headers.containsKey("x-amz-copy-source");
    }

    /** A PUT that carries object content: PutObject or UploadPart, not CopyObject. */
    public boolean isBodyPut() {
      return method.equals("PUT") && !isCopy() && !path.equals("/") && path.indexOf('/', 1) > 0;
    }
  }

  public enum Fault {
    NONE,
    /** 503 SlowDown, which the SDK treats as throttling. */
    SLOW_DOWN,
    /** 500 InternalError. */
    INTERNAL_ERROR,
    /** 429 TooManyRequests, as S3-compatible stores throttle. */
    TOO_MANY_REQUESTS,
    /** Read half the request body, then reset the connection. */
    RESET
  }

  public interface FaultRule {
    Fault faultFor(String method, String target);
  }

  private final int upstreamPort;
  private final ServerSocket server;
  private final ExecutorService connections = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "recording-proxy");
    t.setDaemon(true);
    return t;
  });
  private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
  private volatile FaultRule faults = (method, target) -> Fault.NONE;
  private volatile String retryAfter;

  public RecordingProxy(int upstreamPort) throws IOException {
    this(upstreamPort, 0);
  }

  public RecordingProxy(int upstreamPort, int listenPort) throws IOException {
    this.upstreamPort = upstreamPort;
    this.server = new ServerSocket(listenPort, 200, InetAddress.getLoopbackAddress());
    connections.submit(this::acceptLoop);
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  public List<Exchange> exchanges() {
    return List.copyOf(exchanges);
  }

  public void reset() {
    exchanges.clear();
  }

  public void faults(FaultRule rule) {
    this.faults = rule;
  }

  /** A {@code Retry-After} value for the injected error replies; null sends none. */
  public void retryAfter(String value) {
    this.retryAfter = value;
  }

  public long count(Predicate<Exchange> which) {
    return exchanges.stream().filter(which).count();
  }

  public long bodyPuts() {
    return count(Exchange::isBodyPut);
  }

  public long bodyBytesSent() {
    return exchanges.stream().filter(Exchange::isBodyPut).mapToLong(Exchange::bodyBytes).sum();
  }

  /** Counts by S3 operation, for reports. */
  public Map<String, Long> summary() {
    Map<String, Long> counts = new TreeMap<>();
    for (Exchange e : exchanges) {
      counts.merge(operation(e), 1L, Long::sum);
    }
    counts.put("TOTAL", (long) exchanges.size());
    counts.put("BODY_BYTES", bodyBytesSent());
    return counts;
  }

  static String operation(Exchange e) {
    boolean objectPath = e.path().indexOf('/', 1) > 0;
    String q = e.query() == null ? "" : e.query();
    return switch (e.method()) {
      case "GET" -> !objectPath ? (q.contains("list-type=2") ? "ListObjectsV2" : "ListObjects") : "GetObject";
      case "HEAD" -> objectPath ? "HeadObject" : "HeadBucket";
      case "PUT" -> e.isCopy() ? "CopyObject" : q.contains("partNumber=") ? "UploadPart" : objectPath ? "PutObject" : "CreateBucket";
      case "POST" -> q.contains("delete") ? "DeleteObjects" : q.contains("uploads") ? "CreateMultipartUpload" : q.contains("uploadId=") ? "CompleteMultipartUpload" : "POST";
      case "DELETE" -> q.contains("uploadId=") ? "AbortMultipartUpload" : "DeleteObject";
      default -> e.method();
    };
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        connections.submit(() -> serve(client));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    Socket upstream = null;
    try (client) {
      // Heads and bodies go out in separate writes: without NODELAY and buffering, Nagle's algorithm
      // and delayed ACKs would stall every exchange by tens of milliseconds.
      client.setTcpNoDelay(true);
      InputStream fromClient = new BufferedInputStream(client.getInputStream(), 64 * 1024);
      OutputStream toClient = new BufferedOutputStream(client.getOutputStream(), 64 * 1024);
      InputStream fromUpstream = null;
      OutputStream toUpstream = null;
      while (true) {
        Head request = Head.read(fromClient);
        if (request == null) {
          return;
        }
        String[] line = request.startLine.split(" ", 3);
        String method = line[0];
        String target = line[1];
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? null : target.substring(q + 1);
        if (path.startsWith("/__recording/")) {
          control(path, toClient);
          continue;
        }
        boolean expectContinue = "100-continue".equalsIgnoreCase(request.header("expect"));
        // Recorded as the client sent them; the upstream server never sees the expectation.
        Map<String, String> sentHeaders = request.headerMap();
        request.remove("expect");
        if (expectContinue) {
          toClient.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
          toClient.flush();
        }
        Fault fault = faults.faultFor(method, target);
        if (fault == Fault.RESET) {
          long length = request.contentLength();
          skip(fromClient, Math.max(0, length / 2));
          exchanges.add(new Exchange(method, path, query, sentHeaders, length / 2, -1));
          toClient.flush();
          client.setSoLinger(true, 0);
          return;
        }
        if (fault == Fault.SLOW_DOWN || fault == Fault.INTERNAL_ERROR || fault == Fault.TOO_MANY_REQUESTS) {
          long bytes = copyBody(request, fromClient, OutputStream.nullOutputStream());
          int status = switch (fault) {
            case SLOW_DOWN -> 503;
            case TOO_MANY_REQUESTS -> 429;
            default -> 500;
          };
          String code = switch (fault) {
            case SLOW_DOWN -> "SlowDown";
            case TOO_MANY_REQUESTS -> "TooManyRequests";
            default -> "InternalError";
          };
          String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code
              + "</Code><Message>injected by the test</Message><RequestId>1</RequestId></Error>";
          byte[] bytesOut = body.getBytes(StandardCharsets.UTF_8);
          String wait = retryAfter;
          String head = "HTTP/1.1 " + status + " " + code + "\r\nContent-Type: application/xml\r\nContent-Length: "
              + bytesOut.length + "\r\n" + (wait == null ? "" : "Retry-After: " + wait + "\r\n") + "\r\n";
          exchanges.add(new Exchange(method, path, query, sentHeaders, bytes, status));
          toClient.write(head.getBytes(StandardCharsets.ISO_8859_1));
          toClient.write(bytesOut);
          toClient.flush();
          continue;
        }
        if (upstream == null) {
          upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
          upstream.setTcpNoDelay(true);
          fromUpstream = new BufferedInputStream(upstream.getInputStream(), 64 * 1024);
          toUpstream = new BufferedOutputStream(upstream.getOutputStream(), 64 * 1024);
        }
        toUpstream.write(request.bytes());
        long bytes = copyBody(request, fromClient, toUpstream);
        toUpstream.flush();
        Head response;
        do {
          response = Head.read(fromUpstream);
          if (response == null) {
            throw new SocketException("upstream closed the connection");
          }
        } while (response.startLine.split(" ")[1].equals("100"));
        int status = Integer.parseInt(response.startLine.split(" ")[1]);
        // Recorded before the client sees the reply, so a test that counts right after a call returns
        // never misses it.
        exchanges.add(new Exchange(method, path, query, sentHeaders, bytes, status));
        toClient.write(response.bytes());
        boolean noBody = method.equals("HEAD") || status == 204 || status == 304 || status / 100 == 1;
        boolean untilClose = false;
        if (!noBody) {
          if (response.chunked()) {
            copyChunked(fromUpstream, toClient);
          } else if (response.header("content-length") != null) {
            copyExactly(fromUpstream, toClient, response.contentLength());
          } else {
            fromUpstream.transferTo(toClient);
            untilClose = true;
          }
        }
        toClient.flush();
        if (untilClose || "close".equalsIgnoreCase(response.header("connection"))) {
          return;
        }
      }
    } catch (IOException | RuntimeException e) {
      // The client or the server went away; the next connection starts afresh.
    } finally {
      if (upstream != null) {
        try {
          upstream.close();
        } catch (IOException ignored) {
          // closing anyway
        }
      }
    }
  }

  private void control(String path, OutputStream toClient) throws IOException {
    String body;
    if (path.equals("/__recording/reset")) {
      reset();
      body = "ok\n";
    } else {
      StringBuilder out = new StringBuilder();
      summary().forEach((k, v) -> out.append(k).append(' ').append(v).append('\n'));
      body = out.toString();
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    toClient.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + bytes.length + "\r\n\r\n")
        .getBytes(StandardCharsets.ISO_8859_1));
    toClient.write(bytes);
    toClient.flush();
  }

  private static long copyBody(Head request, InputStream in, OutputStream out) throws IOException {
    if (request.chunked()) {
      return copyChunked(in, out);
    }
    long length = request.contentLength();
    copyExactly(in, out, length);
    return length;
  }

  private static long copyChunked(InputStream in, OutputStream out) throws IOException {
    long total = 0;
    while (true) {
      String sizeLine = readLine(in);
      out.write((sizeLine + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      int semicolon = sizeLine.indexOf(';');
      long size = Long.parseLong((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
      if (size == 0) {
        String trailer;
        do {
          trailer = readLine(in);
          out.write((trailer + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        } while (!trailer.isEmpty());
        return total;
      }
      copyExactly(in, out, size);
      total += size;
      String crlf = readLine(in);
      out.write((crlf + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    }
  }

  private static void copyExactly(InputStream in, OutputStream out, long length) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long remaining = length;
    while (remaining > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
      if (n < 0) {
        throw new SocketException("stream ended " + remaining + " bytes early");
      }
      out.write(buffer, 0, n);
      remaining -= n;
    }
  }

  private static void skip(InputStream in, long length) throws IOException {
    copyExactly(in, OutputStream.nullOutputStream(), length);
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int previous = -1;
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new SocketException("stream ended inside a line");
      }
      if (previous == '\r' && b == '\n') {
        byte[] bytes = line.toByteArray();
        return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
      }
      line.write(b);
      previous = b;
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    connections.shutdownNow();
  }

  /** A request or response head: start line and headers, order and spelling kept. */
  private static final class Head {
    final String startLine;
    final List<String[]> headers;

    private Head(String startLine, List<String[]> headers) {
      this.startLine = startLine;
      this.headers = headers;
    }

    static Head read(InputStream in) throws IOException {
      String start;
      try {
        start = readLine(in);
      } catch (SocketException endOfStream) {
        return null;
      }
      if (start.isEmpty()) {
        return null;
      }
      List<String[]> headers = new ArrayList<>();
      for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
        int colon = line.indexOf(':');
        headers.add(new String[] {line.substring(0, colon), line.substring(colon + 1).trim()});
      }
      return new Head(start, headers);
    }

    String header(String name) {
      for (String[] h : headers) {
        if (h[0].equalsIgnoreCase(name)) {
          return h[1];
        }
      }
      return null;
    }

    Map<String, String> headerMap() {
      Map<String, String> map = new TreeMap<>();
      for (String[] h : headers) {
        map.put(h[0].toLowerCase(Locale.ROOT), h[1]);
      }
      return map;
    }

    void remove(String name) {
      headers.removeIf(h -> h[0].equalsIgnoreCase(name));
    }

    boolean chunked() {
      String te = header("transfer-encoding");
      return te != null && te.toLowerCase(Locale.ROOT).contains("chunked");
    }

    long contentLength() {
      String value = header("content-length");
      return value == null ? 0 : Long.parseLong(value.trim());
    }

    byte[] bytes() {
      StringBuilder out = new StringBuilder(startLine).append("\r\n");
      for (String[] h : headers) {
        out.append(h[0]).append(": ").append(h[1]).append("\r\n");
      }
      return out.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }
  }

  /** Standalone for the benchmark: {@code RecordingProxy UPSTREAM_PORT LISTEN_PORT}. */
  public static void main(String[] args) throws Exception {
    RecordingProxy proxy = new RecordingProxy(Integer.parseInt(args[0]), Integer.parseInt(args[1]));
    if (args.length > 2) {
      Files.writeString(Path.of(args[2]), String.valueOf(ProcessHandle.current().pid()));
    }
    Thread.currentThread().join();
    proxy.close();
  }
}
