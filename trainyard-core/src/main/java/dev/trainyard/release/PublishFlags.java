package dev.trainyard.release;

/**
 * The {@code publish-release} flags as given, null where not given. {@link PublishRequest#resolve}
 * checks them and puts them over the {@code release:} configuration.
 *
 * @param version {@code --version}: the release's tag
 * @param pullRequest {@code --pr}: the release pull request's number; default: found from the tag
 */
public record PublishFlags(String version, Long pullRequest) {
  public static final PublishFlags NONE = new PublishFlags(null, null);
}
