package dev.trainyard.http;

import dev.trainyard.report.Reporter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Keeps every line the core reports, so tests can assert on warnings. */
public final class RecordingReporter implements Reporter {
  private final List<String> infos = Collections.synchronizedList(new ArrayList<>());
  private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());

  @Override
  public void info(String message) {
    infos.add(message);
  }

  @Override
  public void warn(String message) {
    warnings.add(message);
  }

  public List<String> infos() {
    return List.copyOf(infos);
  }

  public List<String> warnings() {
    return List.copyOf(warnings);
  }
}
