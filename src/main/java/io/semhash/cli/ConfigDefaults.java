package io.semhash.cli;

import io.semhash.config.ConfigException;
import io.semhash.config.ConfigLoader;
import io.semhash.config.InvalidSettingException;
import io.semhash.config.SemhashConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Flags over configuration, through picocli: an option whose {@code descriptionKey} is a
 * configuration key ({@code server.port}) defaults to that key's value in the configuration the
 * command reads ({@code --config FILE}, else {@code config/semhash.yaml}, else the built-in
 * defaults). picocli asks for defaults after parsing, so {@code --config} is known by then; an
 * option given on the command line is never asked for. The help shows the configured value as
 * the default.
 *
 * <p>The ranges live in the configuration records; {@link #build} reports a refused value under
 * the flag's name when the flag gave it, under the key's when the file did.
 */
final class ConfigDefaults implements IDefaultValueProvider {
  private final Map<Optional<Path>, SemhashConfig> loaded = new HashMap<>();

  @Override
  public String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec option) || option.descriptionKey() == null || option.descriptionKey().isEmpty()) {
      return null;
    }
    OptionSpec configFlag = arg.command().findOption("--config");
    Path file = configFlag == null ? null : configFlag.getValue();
    SemhashConfig config;
    try {
      config = loaded.computeIfAbsent(Optional.ofNullable(file), f -> ConfigLoader.load(f.orElse(null)));
    } catch (ConfigException e) {
      return null; // the command loads the configuration itself first and reports the error there
    }
    return ConfigLoader.value(config, option.descriptionKey());
  }

  /**
   * Makes a configuration record from the options of {@code spec}; a value it refuses is
   * reported with the flag's name if the flag was given (the configuration's key otherwise).
   */
  static <T> T build(CommandSpec spec, Supplier<T> make) {
    try {
      return make.get();
    } catch (InvalidSettingException e) {
      for (OptionSpec option : spec.options()) {
        if (e.key().equals(option.descriptionKey()) && spec.commandLine().getParseResult().hasMatchedOption(option)) {
          throw new IllegalArgumentException(e.named(option.longestName()), e);
        }
      }
      throw e;
    }
  }
}
