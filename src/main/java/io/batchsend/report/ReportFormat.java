package io.batchsend.report;

import java.io.IOException;
import java.io.OutputStream;

/** One kind of report file, written from a finished run's figures. */
interface ReportFormat {
  /** Writes {@code report} to {@code out}, which the caller closes. */
  void write(RunReport report, OutputStream out) throws IOException;
}
