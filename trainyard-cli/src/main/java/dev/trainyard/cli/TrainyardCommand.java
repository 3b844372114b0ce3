package dev.trainyard.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "trainyard",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Release duty, automated: cut releases, verify CI, upload CDN assets, check merge-backs.",
    subcommands = {
        picocli.CommandLine.HelpCommand.class,
        dev.trainyard.cli.commands.ConfigCommand.class,
        dev.trainyard.cli.commands.CutCommand.class,
        dev.trainyard.cli.commands.NextVersionCommand.class,
        dev.trainyard.cli.commands.ChangelogCommand.class,
        dev.trainyard.cli.commands.ExampleCommand.class,
        dev.trainyard.cli.commands.VerifyCiCommand.class,
        dev.trainyard.cli.commands.MergeBackCommand.class,
        dev.trainyard.cli.commands.UploadAssetsCommand.class,
    },
    footerHeading = "%nExit codes:%n",
    footer = {
        "  0   success",
        "  1   a check failed (CI not green, stale merge-back, failed uploads)",
        "  2   usage or configuration error",
        "  3   remote service failure",
        "  4   repository state refused (dirty, shallow, detached, nothing to release)",
        "  70  internal error (a bug; rerun with --stacktrace)"})
public final class TrainyardCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing command");
  }
}
