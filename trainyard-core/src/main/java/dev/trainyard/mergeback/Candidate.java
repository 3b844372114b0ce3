package dev.trainyard.mergeback;

import java.time.Instant;
import org.eclipse.jgit.revwalk.RevCommit;

/** A release branch or tag in scope: its full and short name, its tip, and the date its age counts from. */
record Candidate(String ref, String shortName, RefKind kind, RevCommit tip, Instant date) {}
