package dev.trainyard.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.config.keys.AuthorizedKeysAuthenticator;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.UploadPack;

/**
 * A real SSH server (Apache MINA sshd) in the test that serves one bare repository to
 * {@code git-upload-pack} and {@code git-receive-pack}, whatever path the client asks for, to the
 * users whose public keys are in an authorized_keys file. Its host key is an OpenSSH key file, so
 * the client's known_hosts decides whether it is trusted, as with a real server.
 */
public final class SshGitServer implements AutoCloseable {
  private final SshServer server;

  public SshGitServer(Repository repository, Path hostKey, Path authorizedKeys) throws IOException {
    server = SshServer.setUpDefaultServer();
    server.setHost("127.0.0.1");
    server.setPort(0);
    server.setKeyPairProvider(new FileKeyPairProvider(hostKey));
    server.setPublickeyAuthenticator(new AuthorizedKeysAuthenticator(authorizedKeys));
    server.setPasswordAuthenticator(null);
    server.setKeyboardInteractiveAuthenticator(null);
    server.setCommandFactory((channel, command) -> new GitCommand(repository, command));
    server.start();
  }

  public int port() {
    return server.getPort();
  }

  @Override
  public void close() throws IOException {
    server.stop(true);
  }

  private static final class GitCommand implements Command {
    private final Repository repository;
    private final String command;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;

    GitCommand(Repository repository, String command) {
      this.repository = repository;
      this.command = command;
    }

    @Override
    public void setInputStream(InputStream in) {
      this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
      this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
      this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
      this.exit = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
      Thread thread = new Thread(() -> {
        int status = 0;
        try {
          if (command.startsWith("git-receive-pack")) {
            new ReceivePack(repository).receive(in, out, err);
          } else if (command.startsWith("git-upload-pack")) {
            new UploadPack(repository).upload(in, out, err);
          } else {
            err.write(("unknown command " + command + "\n").getBytes());
            status = 127;
          }
          out.flush();
        } catch (IOException e) {
          status = 1;
        }
        exit.onExit(status);
      }, "ssh-git-" + command);
      thread.setDaemon(true);
      thread.start();
    }

    @Override
    public void destroy(ChannelSession channel) {}
  }
}
