package dev.groundwork.local;

/** {@code bench}: placeholder replaced below. */
final class BenchCommand {
  private BenchCommand() {
  }

  static int run(Arguments arguments) {
    throw new Arguments.UsageException("bench: not yet");
  }
}
