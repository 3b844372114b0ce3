package dev.trainyard.assets.s3;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.apache.http.HttpHost;
import org.apache.http.conn.socket.LayeredConnectionSocketFactory;
import org.apache.http.conn.ssl.SSLConnectionSocketFactory;
import org.apache.http.protocol.HttpContext;

/**
 * The TLS socket factory for a client whose endpoint is plain HTTP (MinIO, s3proxy, a local gateway):
 * built on the first TLS connection, which such a client normally never makes. Building the SDK's
 * own factory up front (trust store read and parsed, cipher suites set up) cost a short sync about
 * 150 ms of CPU on the critical path, before its first request. Should TLS be needed after all (a
 * proxy the environment names), the JVM's default TLS settings apply.
 */
final class TlsOnFirstUse implements LayeredConnectionSocketFactory {
  private volatile LayeredConnectionSocketFactory tls;

  private LayeredConnectionSocketFactory tls() {
    LayeredConnectionSocketFactory factory = tls;
    if (factory == null) {
      synchronized (this) {
        factory = tls;
        if (factory == null) {
          factory = SSLConnectionSocketFactory.getSystemSocketFactory();
          tls = factory;
        }
      }
    }
    return factory;
  }

  @Override
  public Socket createSocket(HttpContext context) throws IOException {
    return tls().createSocket(context);
  }

  @Override
  public Socket connectSocket(int connectTimeout, Socket socket, HttpHost host, InetSocketAddress remoteAddress,
      InetSocketAddress localAddress, HttpContext context) throws IOException {
    return tls().connectSocket(connectTimeout, socket, host, remoteAddress, localAddress, context);
  }

  @Override
  public Socket createLayeredSocket(Socket socket, String target, int port, HttpContext context) throws IOException {
    return tls().createLayeredSocket(socket, target, port, context);
  }
}
