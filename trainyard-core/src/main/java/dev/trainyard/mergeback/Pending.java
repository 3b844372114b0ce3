package dev.trainyard.mergeback;

import java.util.List;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * A ref that is not an ancestor of main and needs the patch checks: its own commits (oldest first)
 * and where they grow from main, or null.
 */
record Pending(Candidate candidate, List<RevCommit> unique, RevCommit mergeBase) {}
