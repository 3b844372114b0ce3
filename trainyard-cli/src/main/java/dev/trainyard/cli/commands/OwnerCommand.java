package dev.trainyard.cli.commands;

import dev.trainyard.cli.BaseCommand;
import dev.trainyard.cli.CommandContext;
import dev.trainyard.cli.ExitCode;
import dev.trainyard.owner.OwnerFlags;
import dev.trainyard.owner.OwnerRequest;
import dev.trainyard.owner.OwnerResult;
import dev.trainyard.owner.OwnerRotation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Who is release owner on a day, and who is next, from the {@code owners:} rotation. */
@Command(name = "owner", description = {
    "Say who is release owner on a day (default today) and who is next, from the owners: rotation",
    "in .trainyard.yml: weekly, sprint or monthly turns, with swaps. No network."})
public final class OwnerCommand extends BaseCommand {
  @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "The day to ask about (default: today).")
  String date;

  @Override
  protected int execute(CommandContext context) {
    OwnerRequest request = OwnerRequest.resolve(context.config().ownersOrDefaults(), new OwnerFlags(date), context.clock());
    OwnerResult result = OwnerRotation.lookup(request);
    if (context.json()) {
      context.printJson(result);
    } else {
      OwnerOutput.printText(context.out(), result);
    }
    OwnerOutput.publish(context.actions(), result);
    return ExitCode.OK;
  }
}
