package io.batchsend.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Help;
import picocli.CommandLine.IHelpSectionRenderer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * {@code --help}'s arguments and options in sections, one per group of mixins, in the order given
 * (a mixin's positional parameters first); options of no section (the help options, {@code
 * --config}, an option added to the command itself) come last under "General". Mixins rather than
 * argument groups, because picocli leaves an argument group's object null, and its defaults and
 * {@code --config} values unapplied, when none of its options is on the command line.
 */
final class HelpSections implements IHelpSectionRenderer {
  /**
   * One section of the help.
   *
   * @param heading its title, without the colon
   * @param mixins the names of the mixins whose options it lists, in order
   */
  record Section(String heading, List<String> mixins) {}

  private static final String GENERAL = "General";

  private final List<Section> sections;

  private HelpSections(List<Section> sections) {
    this.sections = List.copyOf(sections);
  }

  /** Replaces the flat option list of {@code spec}'s help with {@code sections}. */
  static void install(CommandSpec spec, List<Section> sections) {
    UsageMessageSpec usage = spec.usageMessage();
    usage.sectionMap().put(UsageMessageSpec.SECTION_KEY_PARAMETER_LIST_HEADING, help -> "");
    usage.sectionMap().put(UsageMessageSpec.SECTION_KEY_PARAMETER_LIST, help -> "");
    usage.sectionMap().put(UsageMessageSpec.SECTION_KEY_OPTION_LIST_HEADING, help -> "");
    usage.sectionMap().put(UsageMessageSpec.SECTION_KEY_OPTION_LIST, new HelpSections(sections));
  }

  @Override
  public String render(Help help) {
    CommandSpec spec = help.commandSpec();
    Map<String, CommandSpec> mixins = spec.mixins();
    Set<String> shown = new HashSet<>();
    StringBuilder sb = new StringBuilder();
    for (Section section : sections) {
      List<OptionSpec> options = new ArrayList<>();
      List<PositionalParamSpec> parameters = new ArrayList<>();
      for (String name : section.mixins()) {
        CommandSpec mixin = mixins.get(name);
        if (mixin == null) {
          throw new IllegalStateException("no mixin named " + name);
        }
        parameters.addAll(mixin.positionalParameters());
        for (OptionSpec o : mixin.options()) {
          if (!o.hidden() && shown.add(o.longestName())) {
            options.add(o);
          }
        }
      }
      append(sb, help, section.heading(), parameters, options);
    }
    List<OptionSpec> rest = new ArrayList<>();
    for (OptionSpec o : spec.options()) {
      if (!o.hidden() && shown.add(o.longestName())) {
        rest.add(o);
      }
    }
    append(sb, help, GENERAL, List.of(), rest);
    return sb.toString();
  }

  private static void append(
      StringBuilder sb,
      Help help,
      String heading,
      List<PositionalParamSpec> parameters,
      List<OptionSpec> options) {
    if (parameters.isEmpty() && options.isEmpty()) {
      return;
    }
    sb.append(String.format("%n%s:%n", heading));
    sb.append(
        help.parameterList(
            parameters, help.createDefaultLayout(), help.createDefaultParamLabelRenderer()));
    sb.append(
        help.optionListExcludingGroups(
            options, help.createDefaultLayout(), null, help.createDefaultParamLabelRenderer()));
  }
}
