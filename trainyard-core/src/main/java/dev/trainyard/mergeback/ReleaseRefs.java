package dev.trainyard.mergeback;

import dev.trainyard.git.MainBranch;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;

/** Which release branches and tags a check looks at: the patterns, the exclusions, the horizon. */
final class ReleaseRefs {
  private ReleaseRefs() {}

  /** Every branch (local or the remote's) and tag the patterns match, main and excluded names left out. */
  static List<Candidate> matching(Repository repository, RevWalk walk, MergeBackRequest request, Ref mainRef)
      throws IOException {
    List<RefGlob> branchGlobs = RefGlob.all(request.branchGlobs());
    List<RefGlob> tagGlobs = RefGlob.all(request.tagGlobs());
    List<RefGlob> excluded = RefGlob.all(request.excludeGlobs());
    String mainShort = MainBranch.branchName(mainRef, request.remote());
    String remotePrefix = Constants.R_REMOTES + request.remote() + "/";

    Map<String, Candidate> branches = new LinkedHashMap<>();
    List<Candidate> out = new ArrayList<>();
    for (Ref ref : repository.getRefDatabase().getRefsByPrefix(Constants.R_HEADS, remotePrefix)) {
      if (ref.isSymbolic()) {
        continue;
      }
      String name = ref.getName();
      String branch = name.startsWith(Constants.R_HEADS) ? name.substring(Constants.R_HEADS.length())
          : name.substring(remotePrefix.length());
      if (branch.equals(mainShort) || branch.equals(Constants.HEAD) || !matchesAny(branchGlobs, branch)
          || matchesAny(excluded, branch)) {
        continue;
      }
      RevObject target = walk.parseAny(ref.getObjectId());
      if (!(target instanceof RevCommit tip)) {
        continue;
      }
      Candidate candidate = new Candidate(name, branch, RefKind.BRANCH, tip, tip.getCommitterIdent().getWhenAsInstant());
      Candidate twin = branches.get(branch);
      if (twin != null && twin.tip().equals(tip)) {
        // The local branch and its remote-tracking twin agree: report the shared (remote) one once.
        if (name.startsWith(remotePrefix)) {
          branches.put(branch, candidate);
        }
        continue;
      }
      branches.put(twin == null ? branch : name, candidate);
    }
    out.addAll(branches.values());

    for (Ref ref : repository.getRefDatabase().getRefsByPrefix(Constants.R_TAGS)) {
      String tag = ref.getName().substring(Constants.R_TAGS.length());
      if (!matchesAny(tagGlobs, tag) || matchesAny(excluded, tag)) {
        continue;
      }
      RevObject object = walk.parseAny(ref.getObjectId());
      Instant date = null;
      while (object instanceof RevTag annotated) {
        PersonIdent tagger = annotated.getTaggerIdent();
        if (date == null && tagger != null) {
          date = tagger.getWhenAsInstant();
        }
        object = walk.parseAny(annotated.getObject());
      }
      if (!(object instanceof RevCommit tip)) {
        continue;
      }
      out.add(new Candidate(ref.getName(), tag, RefKind.TAG, tip,
          date != null ? date : tip.getCommitterIdent().getWhenAsInstant()));
    }
    return out;
  }

  /** Newest {@code horizonRefs} branches and tags, plus anything dated within {@code horizonDays}. */
  static List<Candidate> withinHorizon(List<Candidate> candidates, MergeBackRequest request) {
    Instant cutoff = request.now().minus(java.time.Duration.ofDays(request.horizonDays()));
    Set<Candidate> keep = new HashSet<>();
    for (RefKind kind : RefKind.values()) {
      List<Candidate> ofKind = candidates.stream().filter(c -> c.kind() == kind)
          .sorted(Comparator.comparing(Candidate::date).reversed()).toList();
      for (int i = 0; i < ofKind.size(); i++) {
        if (i < request.horizonRefs() || !ofKind.get(i).date().isBefore(cutoff)) {
          keep.add(ofKind.get(i));
        }
      }
    }
    return candidates.stream().filter(keep::contains).toList();
  }

  private static boolean matchesAny(List<RefGlob> globs, String name) {
    for (RefGlob g : globs) {
      if (g.matches(name)) {
        return true;
      }
    }
    return false;
  }
}
