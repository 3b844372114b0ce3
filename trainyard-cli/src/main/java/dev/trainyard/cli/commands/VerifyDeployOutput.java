package dev.trainyard.cli.commands;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.trainyard.cli.actions.ActionsIO;
import dev.trainyard.deploy.CompareResult;
import dev.trainyard.deploy.ServiceStatus;
import dev.trainyard.deploy.VerifyDeployResult;
import dev.trainyard.markdown.Markdown;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What {@code verify-deploy} writes: its {@code --json} records, the text, step outputs and summary. */
final class VerifyDeployOutput {
  private VerifyDeployOutput() {}

  /**
   * The documented {@code --json} shape of a wait: {@code live} and {@code services} (each
   * {@code name}, {@code url}, {@code expected}, {@code actual}, {@code commit}, {@code live},
   * {@code heartbeat}) are the interface scripts rely on.
   */
  record Json(String environment, String version, String expectedCommit, boolean live, boolean timedOut,
      long elapsedSeconds, int requests, List<Service> services) {
    static Json of(VerifyDeployResult result) {
      return new Json(result.environment(), result.expectedVersion(), result.expectedCommit(), result.live(),
          result.timedOut(), result.elapsed().toSeconds(), result.requests(),
          result.services().stream().map(Service::of).toList());
    }
  }

  record Service(String name, int wave, String url, String expected, String actual, String commit, Boolean live,
      String heartbeat, String detail, int looks) {
    static Service of(ServiceStatus s) {
      return new Service(s.name(), s.wave(), s.url(), s.expected(), s.actual(), s.commit(), s.live(),
          s.heartbeat().id(), s.detail(), s.looks());
    }
  }

  /**
   * The documented {@code --json} shape of {@code --compare A,B}: {@code lags} and {@code services}
   * (each {@code name}, one key per environment holding its version, and {@code lags}).
   */
  record CompareJson(String from, String to, boolean lags, int requests, List<CompareRow> services) {
    static CompareJson of(CompareResult result) {
      return new CompareJson(result.from(), result.to(), result.lags(), result.requests(),
          result.services().stream().map(row -> CompareRow.of(result, row)).toList());
    }
  }

  /**
   * One service: its name, then each environment's version under the environment's own name
   * ({@code "stage": "1.212.0"}), whether the second lags, and the details of both reads.
   */
  record CompareRow(String name, @JsonIgnore String fromName, @JsonIgnore String fromVersion,
      @JsonIgnore String toName, @JsonIgnore String toVersion, Boolean lags, String state, List<Side> reads) {
    static CompareRow of(CompareResult result, CompareResult.Row row) {
      return new CompareRow(row.name(), result.from(), row.from().version(), result.to(), row.to().version(),
          row.lags(), row.state().id(), List.of(Side.of(result.from(), row.from()), Side.of(result.to(), row.to())));
    }

    @JsonAnyGetter
    Map<String, String> versions() {
      Map<String, String> versions = new LinkedHashMap<>();
      versions.put(fromName, fromVersion);
      versions.put(toName, toVersion);
      return versions;
    }
  }

  record Side(String environment, String url, String version, String commit, String error) {
    static Side of(String environment, CompareResult.Side side) {
      return new Side(environment, side.url(), side.version(), side.commit(), side.error());
    }
  }

  static void printText(PrintWriter out, VerifyDeployResult result) {
    long checked = result.services().stream().filter(s -> s.live() != null).count();
    long ok = result.services().stream().filter(ServiceStatus::ok).count();
    out.println(result.environment() + ": " + result.expectedVersion() + (result.live() ? " is live" : " is NOT live")
        + " on " + ok + " of " + checked + " checked service" + (checked == 1 ? "" : "s")
        + (result.timedOut() ? " (timed out)" : "") + "; " + result.requests() + " requests, "
        + result.elapsed().toSeconds() + "s");
    int width = result.services().stream().mapToInt(s -> s.name().length()).max().orElse(0);
    for (ServiceStatus s : result.services()) {
      out.println(String.format("  %-" + width + "s  wave %d  %-9s %s%s", s.name(), s.wave(), mark(s),
          s.actual() == null ? "-" : s.actual(), s.detail() == null ? "" : "  " + s.detail()));
    }
    out.flush();
  }

  static void printText(PrintWriter out, CompareResult result) {
    out.println(result.to() + (result.lags() ? " lags " : " does not lag ") + result.from()
        + (result.unreadable().isEmpty() ? "" : " (" + result.unreadable().size() + " not readable)"));
    int width = result.services().stream().mapToInt(r -> r.name().length()).max().orElse(0);
    for (CompareResult.Row row : result.services()) {
      out.println(String.format("  %-" + width + "s  %s %s, %s %s: %s", row.name(), result.from(), shown(row.from()),
          result.to(), shown(row.to()), row.state().id()));
    }
    out.flush();
  }

  private static String shown(CompareResult.Side side) {
    if (side.url() == null) {
      return "(no version-url)";
    }
    if (side.error() != null) {
      return "? (" + side.error() + ")";
    }
    return side.version() != null ? side.version() : "commit " + side.commit();
  }

  private static String mark(ServiceStatus s) {
    if (s.live() == null) {
      return "unchecked";
    }
    if (s.ok()) {
      return "live";
    }
    return Boolean.TRUE.equals(s.live()) ? "unhealthy" : "NOT LIVE";
  }

  static void publish(ActionsIO actions, VerifyDeployResult result) {
    List<String> notLive = result.notLive().stream().map(ServiceStatus::name).toList();
    actions.output("live", result.live());
    actions.output("not-live", DeployOrderOutput.compact(notLive));
    actions.summary(summary(result));
    if (!result.live()) {
      actions.error(result.expectedVersion() + " is not live on " + result.environment() + ": " + String.join(", ",
          result.notLive().stream().map(s -> s.name() + " (" + s.detail() + ")").toList()));
    }
  }

  static void publish(ActionsIO actions, CompareResult result) {
    List<String> lagging = result.services().stream().filter(r -> Boolean.TRUE.equals(r.lags()))
        .map(CompareResult.Row::name).toList();
    actions.output("lags", result.lags());
    actions.output(result.to() + "-lags", result.lags());
    actions.output("lagging", DeployOrderOutput.compact(lagging));
    actions.summary(summary(result));
    if (!result.unreadable().isEmpty()) {
      actions.error("cannot read the version of " + String.join(", ", result.unreadable().stream()
          .map(CompareResult.Row::name).toList()));
    }
  }

  static String summary(VerifyDeployResult result) {
    StringBuilder md = new StringBuilder();
    md.append("### ").append(Markdown.code(result.expectedVersion())).append(" on ").append(Markdown.cell(result.environment()))
        .append(": ").append(result.live() ? "✅ live" : result.timedOut() ? "⌛ not live in time" : "❌ not live")
        .append("\n\n");
    if (result.services().isEmpty()) {
      return md.append("No service was planned, so there was nothing to verify.\n").toString();
    }
    Markdown.Table table = Markdown.table("Service", "Wave", "Expected", "Running", "Commit", "Live", "Heartbeat", "Detail");
    for (ServiceStatus s : result.services()) {
      table.row(Markdown.codeCell(s.name()), String.valueOf(s.wave()), Markdown.codeCell(s.expected()),
          s.actual() == null ? "" : Markdown.codeCell(s.actual()),
          s.commit() == null ? "" : Markdown.codeCell(s.commit().length() > 7 ? s.commit().substring(0, 7) : s.commit()),
          mark(s), s.heartbeat().id(), Markdown.literal(s.detail()));
    }
    md.append(table.render());
    md.append('\n').append(result.requests()).append(" requests in ").append(result.elapsed().toSeconds()).append("s.\n");
    return md.toString();
  }

  static String summary(CompareResult result) {
    StringBuilder md = new StringBuilder();
    md.append("### ").append(Markdown.cell(result.to())).append(" against ").append(Markdown.cell(result.from()))
        .append(": ").append(result.lags() ? "lags, a deployment request is due" : "does not lag").append("\n\n");
    Markdown.Table table = Markdown.table("Service", Markdown.cell(result.from()), Markdown.cell(result.to()), "State");
    for (CompareResult.Row row : result.services()) {
      table.row(Markdown.codeCell(row.name()), Markdown.literal(shown(row.from())), Markdown.literal(shown(row.to())),
          row.state().id());
    }
    return md.append(table.render()).toString();
  }
}
