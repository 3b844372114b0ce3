package dev.trainyard.cli.commands;

import dev.trainyard.cli.BaseCommand;
import dev.trainyard.cli.CommandContext;
import dev.trainyard.cli.ExitCode;
import dev.trainyard.release.ExampleRepository;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Generates the example repository the README's first command runs against. */
@Command(name = "example", description = {
    "Create a small example monorepo (trains v1.1.0 to v1.3.1, a feature tag, unreleased commits) in DIR,",
    "to try 'trainyard cut --dry-run --repo DIR' without a repository of your own. No network."})
public final class ExampleCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "DIR", description = "A new or empty folder.")
  Path dir;

  /** The {@code --json} shape. */
  record Json(String path, boolean created) {}

  @Override
  protected int execute(CommandContext context) {
    Path target = context.resolve(dir);
    boolean created = ExampleRepository.create(target);
    if (context.json()) {
      context.printJson(new Json(target.toString(), created));
    } else {
      context.out().println((created ? "created an example repository in " : "an example repository is already in ") + target);
      context.out().println("try: trainyard cut --dry-run --repo " + target);
      context.out().println("     trainyard deploy-order --env production --repo " + target);
    }
    return ExitCode.OK;
  }
}
