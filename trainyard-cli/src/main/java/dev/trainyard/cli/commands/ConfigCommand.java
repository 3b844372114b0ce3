package dev.trainyard.cli.commands;

import dev.trainyard.cli.BaseCommand;
import dev.trainyard.cli.CommandContext;
import dev.trainyard.cli.ExitCode;
import dev.trainyard.config.TrainyardConfig;
import picocli.CommandLine.Command;

/** Validates the configuration and shows what trainyard will use. */
@Command(name = "config", description = {
    "Validate the configuration file and print the effective configuration.",
    "Errors name file:line:column and the key; exit code 2."})
public final class ConfigCommand extends BaseCommand {
  @Override
  protected int execute(CommandContext context) {
    TrainyardConfig file = context.config();
    TrainyardConfig config = file.withDefaults(context.gitHubLocation(file));
    if (context.json()) {
      context.printJson(config);
    } else {
      context.out().println("configuration is valid; effective values (null: decided at run time, or off until set; see docs/trainyard.schema.json):");
      context.out().println(CommandContext.toJson(config));
    }
    return ExitCode.OK;
  }
}
