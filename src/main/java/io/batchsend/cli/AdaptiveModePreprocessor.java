package io.batchsend.cli;

import io.batchsend.config.OptionDefaults;
import java.util.Map;
import java.util.Stack;
import picocli.CommandLine.IParameterPreprocessor;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Reads a bare {@code --adaptive} as {@code --adaptive=errors}, so that {@code --adaptive
 * items.txt} keeps {@code items.txt} as the data file; a mode is given attached: {@code
 * --adaptive=latency}.
 */
final class AdaptiveModePreprocessor implements IParameterPreprocessor {
  @Override
  public boolean preprocess(
      Stack<String> args, CommandSpec commandSpec, ArgSpec argSpec, Map<String, Object> info) {
    if (!"=".equals(info.get("separator"))) {
      args.push(OptionDefaults.ADAPTIVE);
    }
    return false;
  }
}
