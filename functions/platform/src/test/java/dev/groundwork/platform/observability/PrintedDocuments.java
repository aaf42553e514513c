package dev.groundwork.platform.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The EMF documents some work prints on stdout, where Lambda (and CloudWatch after it) reads them. */
final class PrintedDocuments {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PrintedDocuments() {}

    static List<JsonNode> printed(Runnable work) throws Exception {
        PrintStream before = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            work.run();
        } finally {
            System.setOut(before);
        }
        List<JsonNode> documents = new ArrayList<>();
        for (String line : captured.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.strip().startsWith("{")) {
                documents.add(JSON.readTree(line));
            }
        }
        return documents;
    }
}
