package dev.groundwork.local;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** {@code local}: serves the application until Ctrl-C. */
final class LocalCommand {

    private LocalCommand() {}

    static int run(Arguments arguments) throws Exception {
        Path template = Path.of(arguments.value("template", "template.yaml"));
        LocalApplication.Options.Builder options = LocalApplication.Options.forTemplate(template)
                .port(arguments.port("port", 3000))
                .stateDirectory(Path.of(".groundwork").toAbsolutePath())
                .buildingMissingFunctions()
                .throttling(!arguments.has("no-throttling"));
        if (arguments.has("data-dir")) {
            options.dataDirectory(arguments.directory("data-dir"));
        }
        LocalApplication application = LocalApplication.start(options.build());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            application
                                    .console()
                                    .info("\nstopping: finishing requests in flight, then the queues and the tables");
                            application.close();
                            application.console().info("stopped.");
                            stopped.countDown();
                        },
                        "groundwork-stop"));
        application.console().info(application.banner());
        stopped.await();
        return -1; // the shutdown hook owns the exit
    }
}
