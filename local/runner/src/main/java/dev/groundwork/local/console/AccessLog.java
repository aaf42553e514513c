package dev.groundwork.local.console;

import java.time.Duration;

/** One console line per request or event batch: what came in, how it ended, how long, which function, cold or warm. */
public final class AccessLog {

    private final Console console;

    public AccessLog(Console console) {
        this.console = console;
    }

    public void request(String method, String path, int status, long micros, String function, Boolean cold) {
        StringBuilder line = new StringBuilder(Console.timeOfDay())
                .append("  ")
                .append(Console.pad(method, 6))
                .append(' ')
                .append(Console.pad(Console.printable(path), 34))
                .append(' ')
                .append(status)
                .append(' ')
                .append(String.format("%7.1f ms", micros / 1000.0));
        if (function != null) {
            line.append("  ").append(function);
            if (cold != null) {
                line.append(cold ? " (cold)" : " (warm)");
            }
        }
        console.info(line.toString());
    }

    /**
     * One event batch's line. Plain values, not the invocation's result type: the console knows nothing of the
     * functions it writes about (the lambda package uses the console, not the other way round).
     */
    public void event(
            String source, String name, String what, String outcome, String function, Duration took, boolean cold) {
        console.info(Console.timeOfDay() + "  " + Console.pad(source, 6) + " "
                + Console.pad(name + " " + what, 34)
                + " " + outcome + String.format("  %.1f ms", took.toNanos() / 1e6) + "  " + function
                + (cold ? " (cold)" : " (warm)"));
    }

    /** A line of the runner's own about a request, which may quote it: one line whatever it quotes. */
    public void note(String message) {
        console.info(Console.timeOfDay() + "  " + Console.printable(message));
    }
}
