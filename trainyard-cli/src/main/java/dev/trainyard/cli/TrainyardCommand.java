package dev.trainyard.cli;

import dev.trainyard.cli.commands.ChangelogCommand;
import dev.trainyard.cli.commands.ConfigCommand;
import dev.trainyard.cli.commands.CutCommand;
import dev.trainyard.cli.commands.DeployBugCommand;
import dev.trainyard.cli.commands.DeployOrderCommand;
import dev.trainyard.cli.commands.ExampleCommand;
import dev.trainyard.cli.commands.MergeBackCommand;
import dev.trainyard.cli.commands.NextVersionCommand;
import dev.trainyard.cli.commands.OwnerCommand;
import dev.trainyard.cli.commands.PreflightCommand;
import dev.trainyard.cli.commands.RehearseCommand;
import dev.trainyard.cli.commands.PublishReleaseCommand;
import dev.trainyard.cli.commands.UploadAssetsCommand;
import dev.trainyard.cli.commands.VerifyCiCommand;
import dev.trainyard.cli.commands.VerifyDeployCommand;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "trainyard",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Release duty, automated: cut releases, verify CI, upload CDN assets, check merge-backs.",
    footerHeading = "%nExit codes:%n")
public final class TrainyardCommand implements Runnable {
  /**
   * The subcommands, in help order. They are registered in code rather than in the annotation so
   * that a run builds the picocli model of the one command it runs, not of all of them: reflecting
   * over every command's options is a tenth of a short command's start-up.
   */
  static final Map<String, Class<?>> SUBCOMMANDS = subcommands(
      HelpCommand.class,
      ConfigCommand.class,
      CutCommand.class,
      PublishReleaseCommand.class,
      NextVersionCommand.class,
      ChangelogCommand.class,
      ExampleCommand.class,
      VerifyCiCommand.class,
      DeployOrderCommand.class,
      VerifyDeployCommand.class,
      MergeBackCommand.class,
      UploadAssetsCommand.class,
      DeployBugCommand.class,
      PreflightCommand.class,
      RehearseCommand.class,
      OwnerCommand.class);

  @Spec
  CommandSpec spec;

  private static Map<String, Class<?>> subcommands(Class<?>... commands) {
    Map<String, Class<?>> byName = new LinkedHashMap<>();
    for (Class<?> command : commands) {
      byName.put(command.getAnnotation(Command.class).name(), command);
    }
    return Collections.unmodifiableMap(byName);
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing command");
  }
}
