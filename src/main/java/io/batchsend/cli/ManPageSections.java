package io.batchsend.cli;

import java.util.List;

/**
 * Build time only, with {@link ManPage}: the parts of each man page that picocli does not write, in
 * AsciiDoc. Listing blocks ({@code ----}) keep {@code {data}} and the like as typed; in a paragraph
 * AsciiDoc would read them as attribute references.
 */
final class ManPageSections {
  private ManPageSections() {}

  /**
   * What one page gets besides picocli's sections.
   *
   * @param file the AsciiDoc file picocli writes, e.g. {@code batchsend-report.adoc}
   * @param synopsis the forms of the command, one per line, in the short form of {@code --help}
   * @param environment the ENVIRONMENT section: a labelled list
   * @param examples the EXAMPLES section
   * @param seeAlso the SEE ALSO section
   */
  record Page(
      String file, List<String> synopsis, String environment, String examples, String seeAlso) {}

  /** The launcher's variables (src/dist/bin/batchsend), read before Java starts. */
  private static final String LAUNCHER_ENVIRONMENT =
      """
      *JAVA_HOME*::
        The Java installation (17 or newer) that the launcher runs; without it, *java* on the PATH.

      *JAVA_OPTS*::
        Extra JVM options, placed after the launcher's defaults so that they override them, e.g.
        *JAVA_OPTS=-Xmx2g* for a *--resume* over a very large log.

      *BATCHSEND_CDS*::
        *off* to neither use nor create the class-data-sharing archive (lib/batchsend.jsa) that the
        launcher makes at the first run to start faster.
      """;

  static final List<Page> PAGES =
      List.of(
          new Page(
              "batchsend.adoc",
              List.of(
                  "*batchsend* [_OPTIONS_] *-u* _TEMPLATE_ _DATA_",
                  "*batchsend* *--demo* [_OPTIONS_]",
                  "*batchsend report* [_OPTIONS_] _LOG_...",
                  "*batchsend completion* *bash*|*zsh*"),
              LAUNCHER_ENVIRONMENT
                  + """

                  *BATCHSEND_SHARD_COUNT*::
                    With *--shard=auto*, the number of shards where the orchestrator gives only an
                    index (Kubernetes, AWS Batch); *--shard-count* wins over it.

                  *JOB_COMPLETION_INDEX*::
                    *--shard=auto* in a Kubernetes Indexed Job: the 0-based index of this run.

                  *CI_NODE_INDEX*, *CI_NODE_TOTAL*::
                    *--shard=auto* in a GitLab CI parallel job: the 1-based index and the count.

                  *AWS_BATCH_JOB_ARRAY_INDEX*::
                    *--shard=auto* in an AWS Batch array job: the 0-based index of this run.

                  *SLURM_ARRAY_TASK_ID*, *SLURM_ARRAY_TASK_MIN*, *SLURM_ARRAY_TASK_MAX*::
                    *--shard=auto* in a Slurm job array (contiguous, such as --array=0-7); the count
                    may come from *SLURM_ARRAY_TASK_COUNT* instead of the maximum.

                  *https_proxy*, *HTTPS_PROXY*::
                    The proxy for https URLs, e.g. http://user:pass@proxy:3128; *--proxy* overrides
                    it.

                  *http_proxy*::
                    The proxy for http URLs (lower case only, as curl reads it).

                  *NO_PROXY*, *no_proxy*::
                    Comma-separated hosts reached without the proxy: a host and its subdomains, or
                    +*+ for all.

                  Any variable named in a template as +${VAR}+ is read when the run starts, and its
                  value is never printed.
                  """,
              """
              Send one GET per line of ids.txt, the line in the URL:

              ----
              batchsend -u 'https://api.example.com/users/{data}' ids.txt
              ----

              Create one user per CSV row, with a JSON body from the columns id and name:

              ----
              batchsend -X POST -u https://api.example.com/users \\
                -H 'Content-Type: application/json' \\
                -d '{"id": "{id}", "name": "{name}"}' users.csv
              ----

              The body template from a file, an Authorization header from the environment, an
              idempotency key so that POSTs may be retried:

              ----
              batchsend -X POST -u https://api.example.com/orders -d @order.json \\
                -H 'Authorization: Bearer ${API_TOKEN}' --idempotency-key '{id}' orders.jsonl
              ----

              At most 50 requests a second from 16 workers, exit 0 unless more than 1 % fail:

              ----
              batchsend -c 16 --rate 50/s --retries 5 --max-failures 1% \\
                -u 'https://api.example.com/users/{data}' ids.txt
              ----

              Run again after an interruption, skipping the items the log records as ok; then send
              only the failed items once more:

              ----
              batchsend --resume -o run.log --failed failed.txt \\
                -u 'https://api.example.com/users/{data}' ids.txt
              batchsend -o rerun.log -u 'https://api.example.com/users/{data}' failed.txt
              ----

              One shard of eight in a Kubernetes Indexed Job, 100 requests a second in all:

              ----
              BATCHSEND_SHARD_COUNT=8 batchsend --shard=auto --rate-total 100/s \\
                -o "run-$JOB_COMPLETION_INDEX.log" -u 'https://api.example.com/users/{data}' ids.txt
              ----

              Items from standard input; a try against the built-in echo server:

              ----
              seq 1 1000 | batchsend -u 'https://api.example.com/users/{data}' -
              batchsend --demo
              ----
              """,
              "*batchsend-report*(1), *batchsend-completion*(1), *curl*(1)"),
          new Page(
              "batchsend-report.adoc",
              List.of("*batchsend report* [_OPTIONS_] _LOG_..."),
              LAUNCHER_ENVIRONMENT,
              """
              The summary of one run's log:

              ----
              batchsend report batchsend.log
              ----

              All shards of a job together, with a JUnit report for the CI and an HTML report:

              ----
              batchsend report --junit junit.xml --html report.html run-*.log
              ----

              A run and its re-run, oldest first, failing only past 2 % failed items:

              ----
              batchsend report --max-failures 2% run.log rerun.log
              ----
              """,
              "*batchsend*(1)"),
          new Page(
              "batchsend-completion.adoc",
              List.of("*batchsend completion* *bash*|*zsh*"),
              LAUNCHER_ENVIRONMENT,
              """
              Completion in the current bash, and in every new one:

              ----
              source <(batchsend completion bash)
              batchsend completion bash > ~/.local/share/bash-completion/completions/batchsend
              ----

              In zsh, in ~/.zshrc:

              ----
              source <(batchsend completion zsh)
              ----
              """,
              "*batchsend*(1), *bash*(1), *zsh*(1)"));
}
