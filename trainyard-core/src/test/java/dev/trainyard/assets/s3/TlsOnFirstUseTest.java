package dev.trainyard.assets.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLException;
import org.apache.http.protocol.BasicHttpContext;
import org.junit.jupiter.api.Test;

class TlsOnFirstUseTest {
  @Test
  void speaksTlsWhenAskedToAfterAll() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread plainServer = new Thread(() -> {
        try (Socket client = server.accept(); OutputStream out = client.getOutputStream()) {
          out.write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        } catch (Exception ignored) {
          // the client gave up first
        }
      });
      plainServer.start();
      TlsOnFirstUse factory = new TlsOnFirstUse();
      try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
        // A TLS handshake with a server that answers in plain HTTP: the factory did try TLS.
        assertThatThrownBy(() -> factory.createLayeredSocket(plain, "localhost", server.getLocalPort(), new BasicHttpContext()))
            .isInstanceOf(SSLException.class);
      }
      plainServer.join(5_000);
      assertThat(factory.createSocket(new BasicHttpContext()).isConnected()).isFalse();
    }
  }
}
