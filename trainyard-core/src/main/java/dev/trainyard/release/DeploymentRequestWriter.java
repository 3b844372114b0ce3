package dev.trainyard.release;

import dev.trainyard.changelog.RepositoryLinks;
import dev.trainyard.git.GitRepository;
import dev.trainyard.version.NextVersion;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Writes the deployment-request text a train's plan prints. The text comes from the deploy-bug
 * capability's template and model (dev.trainyard.bugs), so that {@code cut} prints exactly what
 * {@code deploy-bug} would file; the planner only asks for it, which keeps this package free of
 * the bug trackers.
 */
@FunctionalInterface
public interface DeploymentRequestWriter {

  /**
   * @param next the release being cut
   * @param sections its changelog per package
   * @param end the commit the release is cut from (HEAD)
   */
  String text(GitRepository repo, NextVersion next, List<PackageSection> sections, ObjectId end, RepositoryLinks links,
      ReleaseConfig config);
}
