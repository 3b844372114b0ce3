package dev.trainyard.git;

import dev.trainyard.TrainyardException;
import dev.trainyard.files.FileTrees;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.GpgConfig;
import org.eclipse.jgit.lib.GpgConfig.GpgFormat;
import org.eclipse.jgit.lib.GpgSignature;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.Signer;
import org.eclipse.jgit.lib.Signers;
import org.eclipse.jgit.transport.CredentialsProvider;

/**
 * Signs commits and tags the way git does, by running the program git runs for the configured
 * {@code gpg.format}: {@code gpg --status-fd=2 -bsau KEY} for {@code openpgp} ({@code gpg.program}
 * or {@code gpg.openpgp.program}), {@code gpgsm} the same way for {@code x509}
 * ({@code gpg.x509.program}), and {@code ssh-keygen -Y sign -n git -f KEY} for {@code ssh}
 * ({@code gpg.ssh.program}; {@code user.signingkey} a key file, or a {@code key::} literal whose
 * private half the agent holds). So gpg-agent, the passphrase prompt, hardware keys and the SSH agent
 * all work as they do for {@code git tag -s}. JGit's own OpenPGP signer is used only where no gpg
 * program is installed (an unprotected key in the keyring is then enough).
 *
 * <p>The programs run with exactly the environment the caller passes (HOME, PATH, GNUPGHOME,
 * SSH_AUTH_SOCK, GPG_TTY): the core reads no environment behind the caller's back.
 */
public final class GitSigner implements Signer {
  /** A human may have to type a passphrase or touch a key: generous, but bounded. */
  static final Duration TIMEOUT = Duration.ofMinutes(5);

  private final GpgFormat format;
  private final List<String> program;
  private final String programSource;
  private final Map<String, String> env;
  private final Signer builtIn;

  private GitSigner(GpgFormat format, List<String> program, String programSource, Map<String, String> env,
      Signer builtIn) {
    this.format = format;
    this.program = program;
    this.programSource = programSource;
    this.env = env;
    this.builtIn = builtIn;
  }

  /** What the repository's git configuration asks to sign. */
  public record Request(boolean commits, boolean tags, GpgFormat format, String signingKey) {
    public boolean any() {
      return commits || tags;
    }
  }

  /** {@code commit.gpgSign}, {@code tag.gpgSign}, {@code gpg.format} and {@code user.signingkey}. */
  public static Request requested(Repository repository) {
    GpgConfig gpg = new GpgConfig(repository.getConfig());
    return new Request(gpg.isSignCommits(), gpg.isSignAllTags(), gpg.getKeyFormat(), gpg.getSigningKey());
  }

  /**
   * The signer for the repository's {@code gpg.format}, running its programs with {@code env}.
   * With a null {@code env} (a caller without an environment, such as a unit test) only JGit's own
   * signer is used.
   */
  public static GitSigner forRepository(Repository repository, Map<String, String> env) {
    GpgConfig gpg = new GpgConfig(repository.getConfig());
    GpgFormat format = gpg.getKeyFormat();
    var config = repository.getConfig();
    String specific = config.getString("gpg", format.toConfigValue(), "program");
    String generic = config.getString("gpg", null, "program");
    String configured = specific != null ? specific : format == GpgFormat.OPENPGP ? generic : null;
    String key = specific != null ? "gpg." + format.toConfigValue() + ".program"
        : configured != null ? "gpg.program" : null;
    String fallback = switch (format) {
      case OPENPGP -> "gpg";
      case X509 -> "gpgsm";
      case SSH -> "ssh-keygen";
    };
    Signer builtIn = format == GpgFormat.OPENPGP ? Signers.get(format) : null;
    if (env == null) {
      return new GitSigner(format, null, null, null, builtIn);
    }
    String name = configured != null ? configured : fallback;
    Path found = onPath(name, env);
    if (found == null && configured == null && builtIn != null) {
      // No gpg installed: JGit's signer reads the keyring itself (enough for an unprotected key).
      return new GitSigner(format, null, null, env, builtIn);
    }
    if (found == null) {
      throw TrainyardException.repositoryState("git config asks for signed tags/commits (gpg.format="
              + format.toConfigValue() + "), but " + (key == null ? "'" + name + "'" : key + " '" + name + "'")
              + " is not an executable on PATH",
          switch (format) {
            case OPENPGP -> "install gnupg, or set gpg.program to your gpg";
            case X509 -> "install gpgsm, or set gpg.x509.program";
            case SSH -> "install openssh-client (ssh-keygen), or set gpg.ssh.program";
          });
    }
    return new GitSigner(format, List.of(found.toString()), key == null ? name : key, Map.copyOf(env), builtIn);
  }

  /** True when signing runs an external program (as git does) rather than JGit's own signer. */
  public boolean external() {
    return program != null;
  }

  /**
   * Refuses, before anything is written, a signing set-up that cannot work: no key configured for
   * SSH, a key file that does not exist, a key gpg does not know. Never prompts.
   *
   * @param committer the identity whose {@code Name <email>} is the OpenPGP key when
   *     {@code user.signingkey} is not set (as git does)
   */
  public void check(Repository repository, String signingKey, PersonIdent committer) {
    if (program == null) {
      if (builtIn == null) {
        throw TrainyardException.repositoryState("git config asks for signed tags/commits in "
            + format.toConfigValue() + " format (gpg.format), which needs its program",
            "run trainyard with the environment git would have (PATH), or sign by hand");
      }
      try {
        if (!builtIn.canLocateSigningKey(repository, new GpgConfig(repository.getConfig()), committer, signingKey, null)) {
          throw TrainyardException.repositoryState("JGit's OpenPGP signer (used because no gpg program was run)"
                  + " cannot use a secret key for '" + keyOf(signingKey, committer) + "' (user.signingkey)",
              "it reads only unprotected keys from ~/.gnupg; install gpg so signing goes through gpg-agent as git does");
        }
      } catch (org.eclipse.jgit.api.errors.CanceledException e) {
        throw TrainyardException.repositoryState("signing was cancelled: " + e.getMessage(), null);
      }
      return;
    }
    switch (format) {
      case SSH -> sshKey(signingKey);
      case OPENPGP, X509 -> {
        String key = keyOf(signingKey, committer);
        Result listed = run(List.of("--batch", "--list-secret-keys", key), null, Duration.ofSeconds(30));
        if (listed.exit() != 0) {
          throw TrainyardException.repositoryState("no " + (format == GpgFormat.X509 ? "X.509" : "OpenPGP")
                  + " secret key for '" + key + "' (" + (signingKey == null ? "the committer; user.signingkey is not set"
                  : "user.signingkey") + "): " + programSource + " --list-secret-keys said: " + lastLine(listed.err()),
              "set user.signingkey to a key listed by '" + Path.of(program.get(0)).getFileName()
                  + " --list-secret-keys', or import yours");
        }
      }
      default -> { }
    }
  }

  @Override
  public GpgSignature sign(Repository repository, GpgConfig config, byte[] data, PersonIdent committer,
      String signingKey, CredentialsProvider credentialsProvider)
      throws org.eclipse.jgit.api.errors.CanceledException, IOException,
      org.eclipse.jgit.api.errors.UnsupportedSigningFormatException {
    String key = signingKey != null ? signingKey : config == null ? null : config.getSigningKey();
    if (program == null) {
      return builtIn.sign(repository, config, data, committer, key, credentialsProvider);
    }
    return switch (format) {
      case OPENPGP, X509 -> gpg(data, keyOf(key, committer));
      case SSH -> ssh(repository, data, key);
    };
  }

  @Override
  public boolean canLocateSigningKey(Repository repository, GpgConfig config, PersonIdent committer, String signingKey,
      CredentialsProvider credentialsProvider) throws org.eclipse.jgit.api.errors.CanceledException {
    try {
      check(repository, signingKey, committer);
      return true;
    } catch (TrainyardException e) {
      return false;
    }
  }

  private GpgSignature gpg(byte[] data, String key) {
    Result result = run(List.of("--status-fd=2", "-bsau", key), data, TIMEOUT);
    boolean created = result.err().lines().anyMatch(l -> l.startsWith("[GNUPG:] SIG_CREATED "));
    if (result.exit() != 0 || !created || result.out().length == 0) {
      throw TrainyardException.repositoryState("signing with " + programSource + " failed (exit " + result.exit()
              + "): " + lastLine(result.err()),
          "check that 'echo test | " + Path.of(program.get(0)).getFileName() + " -bsau " + key
              + "' works (unlocked key, gpg-agent running, GPG_TTY set for the prompt)");
    }
    return new GpgSignature(result.out());
  }

  private GpgSignature ssh(Repository repository, byte[] data, String signingKey) {
    SshKey key = sshKey(signingKey);
    Path dir = null;
    try {
      // ssh-keygen signs a file; it lives in the git folder for the moment it takes, like git's own.
      dir = Files.createTempDirectory(repository.getDirectory().toPath(), "trainyard-sign");
      Path buffer = dir.resolve("buffer");
      Files.write(buffer, data);
      String keyFile = key.path();
      if (key.literal() != null) {
        Path literal = dir.resolve("key.pub");
        Files.writeString(literal, key.literal() + "\n", StandardCharsets.UTF_8);
        keyFile = literal.toString();
      }
      List<String> args = new ArrayList<>(List.of("-Y", "sign", "-n", "git", "-f", keyFile));
      if (key.literal() != null) {
        args.add("-U");
      }
      args.add(buffer.toString());
      Result result = run(args, null, TIMEOUT);
      Path signature = dir.resolve("buffer.sig");
      if (result.exit() != 0 || !Files.isRegularFile(signature)) {
        throw TrainyardException.repositoryState("signing with " + programSource + " failed (exit " + result.exit()
                + "): " + lastLine(result.err()),
            key.literal() != null ? "is the key loaded in the SSH agent ('ssh-add -L')?"
                : "check that 'ssh-keygen -Y sign -n git -f " + key.path() + " FILE' works");
      }
      return new GpgSignature(Files.readAllBytes(signature));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deleteQuietly(dir);
    }
  }

  /** {@code user.signingkey} for SSH: a {@code key::} (or bare {@code ssh-...}) literal, or a key file path. */
  private SshKey sshKey(String signingKey) {
    if (signingKey == null || signingKey.isBlank()) {
      throw TrainyardException.repositoryState("gpg.format=ssh but user.signingkey is not set",
          "git config user.signingkey ~/.ssh/id_ed25519.pub (or 'key::ssh-ed25519 AAAA...' for an agent-held key)");
    }
    String value = signingKey.strip();
    if (value.startsWith("key::")) {
      return new SshKey(null, value.substring("key::".length()).strip());
    }
    if (value.startsWith("ssh-") || value.startsWith("ecdsa-") || value.startsWith("sk-")) {
      return new SshKey(null, value);
    }
    String path = value;
    if (path.startsWith("~/")) {
      String home = env == null ? null : env.get("HOME");
      if (home == null) {
        throw TrainyardException.repositoryState("user.signingkey " + value + " starts with ~/ but HOME is not set", null);
      }
      path = home + path.substring(1);
    }
    if (!Files.isReadable(Path.of(path))) {
      throw TrainyardException.repositoryState("user.signingkey names " + path + ", which does not exist or cannot be read",
          "point user.signingkey at your SSH key (its .pub when the agent holds the private key)");
    }
    return new SshKey(path, null);
  }

  private record SshKey(String path, String literal) {}

  /** git's default OpenPGP key: the committer's {@code Name <email>}. */
  private static String keyOf(String signingKey, PersonIdent committer) {
    if (signingKey != null && !signingKey.isBlank()) {
      return signingKey.strip();
    }
    Objects.requireNonNull(committer, "committer");
    return committer.getName() + " <" + committer.getEmailAddress() + ">";
  }

  private record Result(int exit, byte[] out, String err) {}

  private Result run(List<String> args, byte[] stdin, Duration timeout) {
    List<String> command = new ArrayList<>(program);
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().clear();
    builder.environment().putAll(env);
    if (stdin == null) {
      builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    }
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw TrainyardException.repositoryState("cannot run " + programSource + ": " + e.getMessage(), null);
    }
    CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
    CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
    try {
      if (stdin != null) {
        try (OutputStream in = process.getOutputStream()) {
          in.write(stdin);
        } catch (IOException e) {
          // The program ended without reading; its exit status and stderr say why.
        }
      }
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw TrainyardException.repositoryState(programSource + " did not finish within " + timeout.toMinutes()
            + " minutes (waiting for a passphrase or a key touch?)", "run again and answer the prompt");
      }
      return new Result(process.exitValue(), out.join(), new String(err.join(), StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw TrainyardException.repositoryState("signing was interrupted", null);
    }
  }

  private static byte[] readAll(InputStream in) {
    try (in) {
      return in.readAllBytes();
    } catch (IOException e) {
      return new byte[0];
    }
  }

  private static String lastLine(String text) {
    List<String> lines = text.lines().map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("[GNUPG:]")).toList();
    return lines.isEmpty() ? "(no message)" : lines.get(lines.size() - 1);
  }

  /** {@code name} itself when it holds a slash, else the first executable {@code PATH} entry of that name. */
  static Path onPath(String name, Map<String, String> env) {
    if (name.contains("/")) {
      Path path = Path.of(name.startsWith("~/") && env.get("HOME") != null ? env.get("HOME") + name.substring(1) : name);
      return Files.isExecutable(path) ? path : null;
    }
    String path = env.get("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private static void deleteQuietly(Path dir) {
    if (dir != null) {
      FileTrees.deleteQuietly(dir);
    }
  }
}
