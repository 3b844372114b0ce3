package dev.trainyard.bugs;

import dev.trainyard.changelog.RepositoryLinks;
import dev.trainyard.release.PackageSection;
import dev.trainyard.version.NextVersion;
import java.util.List;
import java.util.Objects;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The release a request is about, as {@code cut} plans it or {@code deploy-bug} finds it tagged.
 *
 * @param product the name of what is deployed
 * @param next version, tag, previous tag, scheme and whether it is a patch
 * @param from the previous release's commit, or null for a first release
 * @param to the release's commit (HEAD for {@code cut}, the tag's commit for {@code deploy-bug})
 * @param sections the changelog per package for {@code from..to}
 * @param links links into the repository on GitHub (unknown repository: no links)
 * @param env where to deploy
 * @param qa the "please QA on stage" comment
 * @param newRequest a new request's description (else a comment on the existing request)
 */
public record RequestFacts(String product, NextVersion next, ObjectId from, ObjectId to, List<PackageSection> sections,
    RepositoryLinks links, TargetEnvironment env, boolean qa, boolean newRequest) {
  public RequestFacts {
    Objects.requireNonNull(product, "product");
    Objects.requireNonNull(next, "next");
    Objects.requireNonNull(to, "to");
    sections = List.copyOf(sections);
    Objects.requireNonNull(links, "links");
    Objects.requireNonNull(env, "env");
  }

  /** The train number of a train tag, else null. */
  public String train() {
    return RequestKey.trainOf(next);
  }
}
