package dev.trainyard.cli.commands;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trainyard.cli.actions.ActionsIO;
import dev.trainyard.deploy.DeployPlan;
import dev.trainyard.deploy.PlannedService;
import dev.trainyard.markdown.Markdown;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What {@code deploy-order} writes: its {@code --json} record, the text, step outputs and summary. */
final class DeployOrderOutput {
  private static final ObjectMapper COMPACT = new ObjectMapper();

  private DeployOrderOutput() {}

  /**
   * The documented {@code --json} shape; {@code order}, {@code waves} and {@code services} (each
   * {@code name}, {@code wave}, {@code reason}, {@code changed}) are the interface scripts rely on.
   *
   * @param changedSince the ref the range starts at, or null (every service, or no previous release)
   * @param matrix ready for {@code strategy.matrix}
   * @param failFast for {@code strategy.fail-fast}: true when a failure stops the rest
   * @param maxParallel for {@code strategy.max-parallel}
   */
  record Json(String environment, String policy, String failure, boolean all, String changedSince,
      String changedSinceCommit, String head, List<String> order, List<List<String>> waves, List<Service> services,
      List<Skipped> skipped, Matrix matrix, boolean failFast, int maxParallel) {
    static Json of(DeployPlan plan) {
      var changes = plan.changes();
      return new Json(plan.environment().name(), plan.environment().policy().id(), plan.environment().failure().id(),
          plan.all(), changes == null ? null : changes.base(), changes == null ? null : changes.baseCommit(),
          changes == null ? null : changes.headCommit(), plan.order(), plan.waves(),
          plan.services().stream().map(Service::of).toList(),
          plan.skipped().stream().map(s -> new Skipped(s.name(), s.reason())).toList(), Matrix.of(plan),
          plan.failFast(), plan.matrixMaxParallel());
    }
  }

  record Service(String name, int position, int wave, String rank, String reason, Boolean changed,
      boolean touchesDatabase, List<String> after) {
    static Service of(PlannedService s) {
      return new Service(s.name(), s.position(), s.wave(), s.rank(), s.reason(), s.changed(), s.touchesDatabase(),
          s.after());
    }
  }

  record Skipped(String name, String reason) {}

  /** {@code {"include": [{"service", "wave", "position"}, ...]}} in deploy order. */
  record Matrix(List<Entry> include) {
    static Matrix of(DeployPlan plan) {
      return new Matrix(plan.services().stream().map(s -> new Entry(s.name(), s.wave(), s.position())).toList());
    }
  }

  record Entry(String service, int wave, int position) {}

  static void printText(PrintWriter out, DeployPlan plan) {
    int count = plan.services().size();
    out.println(plan.environment().name() + ": " + count + " service" + (count == 1 ? "" : "s") + " in "
        + plan.waves().size() + " wave" + (plan.waves().size() == 1 ? "" : "s") + " (" + scope(plan) + "; "
        + (plan.failFast() ? "a failure stops the rest" : "a failure does not stop the rest") + ")");
    int width = plan.services().stream().mapToInt(s -> s.name().length()).max().orElse(0);
    for (PlannedService s : plan.services()) {
      out.println(String.format("  %2d. %-" + width + "s  wave %d  %s", s.position(), s.name(), s.wave(), s.reason()));
    }
    if (!plan.skipped().isEmpty()) {
      out.println("not deployed:");
      plan.skipped().forEach(s -> out.println("  " + s.name() + ": " + s.reason()));
    }
    out.flush();
  }

  private static String scope(DeployPlan plan) {
    var changes = plan.changes();
    if (plan.all()) {
      return "every service" + (changes == null ? "" : changes.base() == null ? "; no previous release"
          : "; changed since " + changes.base() + " marked");
    }
    return changes.base() == null ? "no previous release: every service changed" : "changed since " + changes.base();
  }

  static void publish(ActionsIO actions, DeployPlan plan) {
    actions.output("order", compact(plan.order()));
    actions.output("waves", compact(plan.waves()));
    actions.output("matrix", compact(Matrix.of(plan)));
    actions.output("fail-fast", plan.failFast());
    actions.output("max-parallel", plan.matrixMaxParallel());
    actions.output("service-count", plan.services().size());
    actions.output("changed-since", plan.changes() == null || plan.changes().base() == null ? "" : plan.changes().base());
    actions.summary(summary(plan));
  }

  static String compact(Object value) {
    try {
      return COMPACT.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }

  static String summary(DeployPlan plan) {
    StringBuilder md = new StringBuilder();
    md.append("### Deploy order: ").append(Markdown.cell(plan.environment().name())).append("\n\n");
    md.append(Markdown.literal(capitalized(scope(plan)))).append(". Policy ").append(plan.environment().policy().id())
        .append("; ").append(plan.failFast() ? "a failure stops the rest." : "a failure does not stop the rest.")
        .append("\n\n");
    if (plan.services().isEmpty()) {
      md.append("Nothing to deploy.\n");
    } else {
      Markdown.Table table = Markdown.table("#", "Wave", "Service", "Rank", "Changed", "Why");
      for (PlannedService s : plan.services()) {
        table.row(String.valueOf(s.position()), String.valueOf(s.wave()), Markdown.codeCell(s.name()), s.rank(),
            s.changed() == null ? "?" : s.changed() ? "yes" : "no", Markdown.literal(s.reason()));
      }
      md.append(table.render()).append('\n');
      md.append(mermaid(plan));
    }
    if (!plan.skipped().isEmpty()) {
      md.append("\nNot deployed: ");
      md.append(String.join(", ", plan.skipped().stream().map(s -> Markdown.code(s.name())).toList()))
          .append(" (unchanged).\n");
    }
    return md.toString();
  }

  /** The waves as a Mermaid flowchart: one box per wave, after: edges dotted. */
  static String mermaid(DeployPlan plan) {
    Map<String, String> ids = new HashMap<>();
    StringBuilder md = new StringBuilder("```mermaid\nflowchart LR\n");
    List<List<String>> waves = plan.waves();
    for (int w = 0; w < waves.size(); w++) {
      md.append("  subgraph wave").append(w + 1).append("[\"Wave ").append(w + 1).append("\"]\n");
      for (String name : waves.get(w)) {
        String id = "s" + (ids.size() + 1);
        ids.put(name, id);
        md.append("    ").append(id).append("[\"").append(label(name)).append("\"]\n");
      }
      md.append("  end\n");
    }
    for (int w = 1; w < waves.size(); w++) {
      md.append("  wave").append(w).append(" --> wave").append(w + 1).append('\n');
    }
    List<String> edges = new ArrayList<>();
    for (PlannedService s : plan.services()) {
      for (String dependency : s.after()) {
        edges.add("  " + ids.get(dependency) + " -. after .-> " + ids.get(s.name()));
      }
    }
    edges.forEach(e -> md.append(e).append('\n'));
    return md.append("```\n").toString();
  }

  private static String label(String name) {
    return name.replace("\"", "#quot;").replace("<", "#lt;").replace(">", "#gt;");
  }

  private static String capitalized(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
