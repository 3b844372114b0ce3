package dev.trainyard.cli;

import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Lets every long option be given as a GitHub Actions input: {@code --repo-slug} reads
 * {@code INPUT_REPO-SLUG} (the runner upper-cases input names and keeps hyphens). An option given
 * on the command line always wins; an empty input counts as unset because the runner passes every
 * declared input, set or not. Multi-line inputs feed multi-value options one value per line.
 */
final class ActionsInputDefaults implements IDefaultValueProvider {
  private final CliEnvironment environment;

  ActionsInputDefaults(CliEnvironment environment) {
    this.environment = environment;
  }

  @Override
  public String defaultValue(ArgSpec argSpec) {
    if (!(argSpec instanceof OptionSpec option) || option.usageHelp() || option.versionHelp()) {
      return null;
    }
    String value = environment.get(inputName(option.longestName()));
    if (value == null) {
      return argSpec.defaultValue();
    }
    if (option.isMultiValue() && !option.splitRegex().isEmpty()) {
      String separator = option.splitRegex().equals(",") ? "," : option.splitRegex();
      return String.join(separator, value.strip().lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
    }
    return value.strip();
  }

  static String inputName(String optionName) {
    String name = optionName.replaceFirst("^-+", "");
    return "INPUT_" + name.toUpperCase(java.util.Locale.ROOT);
  }
}
