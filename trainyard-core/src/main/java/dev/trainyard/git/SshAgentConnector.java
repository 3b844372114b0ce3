package dev.trainyard.git;

import java.io.File;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.eclipse.jgit.transport.sshd.agent.Connector;
import org.eclipse.jgit.transport.sshd.agent.ConnectorFactory;

/**
 * The SSH agent over its Unix domain socket ({@code SSH_AUTH_SOCK}, or the SSH config's
 * {@code IdentityAgent}), with the JDK's own Unix socket channels: JGit's sshd transport asks it for
 * keys and signatures exactly as {@code ssh} asks the agent. JGit passes each request as a whole frame
 * of the agent protocol whose first five bytes (a 4-byte big-endian length, the message type) are
 * filled in here; the answer's frame body, starting with its type, is returned.
 */
final class SshAgentConnector implements Connector {
  /** Agent answers are small (a list of public keys, one signature). */
  private static final int MAX_ANSWER = 256 * 1024;

  private final Path socket;
  private SocketChannel channel;

  private SshAgentConnector(Path socket) {
    this.socket = socket;
  }

  /** A factory whose connectors use {@code defaultSocket} unless the SSH config names an agent. */
  static ConnectorFactory factory(String defaultSocket) {
    return new ConnectorFactory() {
      @Override
      public Connector create(String identityAgent, File homeDir) {
        String agent = identityAgent == null || identityAgent.isBlank() || identityAgent.equals("SSH_AUTH_SOCK")
            ? defaultSocket : identityAgent;
        if (agent != null && agent.startsWith("~/") && homeDir != null) {
          agent = new File(homeDir, agent.substring(2)).getPath();
        }
        return agent == null || agent.equalsIgnoreCase("none") ? null : new SshAgentConnector(Path.of(agent));
      }

      @Override
      public boolean isSupported() {
        return true;
      }

      @Override
      public String getName() {
        return "trainyard-unix-socket";
      }

      @Override
      public Collection<ConnectorDescriptor> getSupportedConnectors() {
        return List.of(getDefaultConnector());
      }

      @Override
      public ConnectorDescriptor getDefaultConnector() {
        return new ConnectorDescriptor() {
          @Override
          public String getIdentityAgent() {
            return "SSH_AUTH_SOCK";
          }

          @Override
          public String getDisplayName() {
            return "SSH agent (Unix domain socket)";
          }
        };
      }
    };
  }

  @Override
  public synchronized boolean connect() throws IOException {
    if (channel != null) {
      return true;
    }
    if (!Files.exists(socket)) {
      return false;
    }
    SocketChannel opened = SocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      opened.connect(UnixDomainSocketAddress.of(socket));
    } catch (IOException e) {
      opened.close();
      return false;
    }
    channel = opened;
    return true;
  }

  @Override
  public synchronized byte[] rpc(byte command, byte[] message) throws IOException {
    if (channel == null) {
      throw new IOException("not connected to the SSH agent at " + socket);
    }
    // JGit hands over the whole frame with its first five bytes left for the length and the type.
    if (message.length < 5) {
      throw new IOException("an SSH agent request needs room for its frame header");
    }
    ByteBuffer request = ByteBuffer.wrap(message.clone());
    request.putInt(0, message.length - 4).put(4, command);
    while (request.hasRemaining()) {
      channel.write(request);
    }
    ByteBuffer length = readFully(4);
    int size = length.getInt();
    if (size <= 0 || size > MAX_ANSWER) {
      throw new IOException("the SSH agent at " + socket + " answered with a frame of " + size + " bytes");
    }
    return readFully(size).array();
  }

  private ByteBuffer readFully(int size) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(size);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer) < 0) {
        throw new IOException("the SSH agent at " + socket + " closed the connection");
      }
    }
    buffer.flip();
    return buffer;
  }

  @Override
  public synchronized void close() throws IOException {
    if (channel != null) {
      channel.close();
      channel = null;
    }
  }
}
