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
   * The subcommands by name, in help order. They are registered in code rather than in the
   * annotation so that a run builds the picocli model of the one command it runs, not of all of
   * them: reflecting over every command's options is a tenth of a short command's start-up. The
   * names are written out rather than read from each {@code @Command}: reading sixteen classes'
   * annotations costs a short command 40 ms before it starts (TrainyardCliTest checks that
   * every name here is its command's own).
   */
  static final Map<String, Class<?>> SUBCOMMANDS = inHelpOrder(
      Map.entry("help", HelpCommand.class),
      Map.entry("config", ConfigCommand.class),
      Map.entry("cut", CutCommand.class),
      Map.entry("publish-release", PublishReleaseCommand.class),
      Map.entry("next-version", NextVersionCommand.class),
      Map.entry("changelog", ChangelogCommand.class),
      Map.entry("example", ExampleCommand.class),
      Map.entry("verify-ci", VerifyCiCommand.class),
      Map.entry("deploy-order", DeployOrderCommand.class),
      Map.entry("verify-deploy", VerifyDeployCommand.class),
      Map.entry("merge-back", MergeBackCommand.class),
      Map.entry("upload-assets", UploadAssetsCommand.class),
      Map.entry("deploy-bug", DeployBugCommand.class),
      Map.entry("preflight", PreflightCommand.class),
      Map.entry("rehearse", RehearseCommand.class),
      Map.entry("owner", OwnerCommand.class));

  @Spec
  CommandSpec spec;

  @SafeVarargs
  private static Map<String, Class<?>> inHelpOrder(Map.Entry<String, ? extends Class<?>>... commands) {
    Map<String, Class<?>> byName = new LinkedHashMap<>();
    for (Map.Entry<String, ? extends Class<?>> command : commands) {
      byName.put(command.getKey(), command.getValue());
    }
    return Collections.unmodifiableMap(byName);
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing command");
  }
}
