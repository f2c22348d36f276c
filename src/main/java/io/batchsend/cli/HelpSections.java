package io.batchsend.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
    StringBuilder sb = new StringBuilder();
    for (Group g : groups(help.commandSpec())) {
      sb.append(String.format("%n%s:%n", g.heading()));
      sb.append(
          help.parameterList(
              g.parameters(), help.createDefaultLayout(), help.createDefaultParamLabelRenderer()));
      sb.append(
          help.optionListExcludingGroups(
              g.options(),
              help.createDefaultLayout(),
              null,
              help.createDefaultParamLabelRenderer()));
    }
    return sb.toString();
  }

  /**
   * The heading of each section by the longest name of its first option, in order: the man page,
   * which picocli writes as one flat list, gets the same sections from it.
   */
  static Map<String, String> headingsByFirstOption(CommandSpec spec) {
    Map<String, String> out = new LinkedHashMap<>();
    if (spec.usageMessage().sectionMap().get(UsageMessageSpec.SECTION_KEY_OPTION_LIST)
        instanceof HelpSections installed) {
      for (Group g : installed.groups(spec)) {
        if (!g.options().isEmpty()) {
          out.put(g.options().get(0).longestName(), g.heading());
        }
      }
    }
    return out;
  }

  /** One section's heading, parameters and options, as shown. */
  private record Group(
      String heading, List<PositionalParamSpec> parameters, List<OptionSpec> options) {}

  private List<Group> groups(CommandSpec spec) {
    Map<String, CommandSpec> mixins = spec.mixins();
    Set<String> shown = new HashSet<>();
    List<Group> groups = new ArrayList<>();
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
      groups.add(new Group(section.heading(), parameters, options));
    }
    List<OptionSpec> rest = new ArrayList<>();
    for (OptionSpec o : spec.options()) {
      if (!o.hidden() && shown.add(o.longestName())) {
        rest.add(o);
      }
    }
    groups.add(new Group(GENERAL, List.of(), rest));
    groups.removeIf(g -> g.parameters().isEmpty() && g.options().isEmpty());
    return groups;
  }
}
