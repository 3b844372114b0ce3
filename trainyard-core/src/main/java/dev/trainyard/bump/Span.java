package dev.trainyard.bump;

/** A character range of a version file holding an old version. */
record Span(int start, int end) {}
