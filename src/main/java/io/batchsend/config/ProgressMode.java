package io.batchsend.config;

/** When the live progress line is drawn ({@code --progress}). */
public enum ProgressMode {
  /** On stderr when it is a terminal, and never under {@code -q}. */
  AUTO,
  /** Always: redrawn on a terminal, a plain line every few seconds elsewhere. */
  ALWAYS,
  /** Never. */
  NEVER;
}
