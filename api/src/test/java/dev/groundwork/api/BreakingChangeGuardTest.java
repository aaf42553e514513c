package dev.groundwork.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The breaking-change guard of {@code ./mvnw verify}: the contract may grow, never break what the
 * released one promised (docs/api-versioning.md).
 */
class BreakingChangeGuardTest {

    private static final Path CURRENT = Path.of("openapi.yaml");
    private static final Path RELEASED = Path.of("openapi.v1.released.yaml");

    private static String current;

    @TempDir
    Path scratch;

    @BeforeAll
    static void readCurrent() throws IOException {
        current = Files.readString(CURRENT);
    }

    @Test
    void currentContractKeepsEveryPromiseOfTheReleasedOne() throws IOException {
        List<String> breaks = BreakingChanges.between(Files.readString(RELEASED), current);

        assertThat(breaks).as("""
                        api/openapi.yaml breaks what api/openapi.v1.released.yaml promised to clients.
                        Add instead of changing (a new optional field, a new route), or put the change \
                        in /v2 beside /v1 (docs/api-versioning.md). Breaking changes:
                          %s
                        """, String.join("\n  ", breaks)).isEmpty();
    }

    @Nested
    class FailsOnABreakingEditInAScratchCopy {

        @Test
        void removedOrRenamedPath() throws IOException {
            assertThat(guard(edit(current, "  /v1/items/{itemId}:\n", "  /v1/item/{itemId}:\n")))
                    .contains(
                            "GET /v1/items/{itemId}: operation removed",
                            "PATCH /v1/items/{itemId}: operation removed",
                            "DELETE /v1/items/{itemId}: operation removed");
        }

        @Test
        void removedOperation() throws IOException {
            String withoutDelete = current.substring(0, current.indexOf("    delete:\n"))
                    + current.substring(current.indexOf("components:\n"));

            assertThat(guard(withoutDelete)).containsExactly("DELETE /v1/items/{itemId}: operation removed");
        }

        @Test
        void renamedResponseField() throws IOException {
            String renamed = edit(
                    edit(
                            current,
                            "required: [id, name, attributes, tags, version, createdAt, updatedAt]",
                            "required: [id, name, attributes, tags, version, created, updatedAt]"),
                    "        createdAt:\n          type: string\n          format: date-time\n",
                    "        created:\n          type: string\n          format: date-time\n");

            assertThat(guard(renamed))
                    .contains("GET /v1/items/{itemId}: response 200 application/json: required field createdAt removed")
                    .contains(
                            "GET /v1/items: response 200 application/json .items []: required field createdAt removed");
        }

        @Test
        void removedRequestField() throws IOException {
            String withoutTags = edit(
                    current,
                    "          $ref: '#/components/schemas/Attributes'\n        tags:\n"
                            + "          $ref: '#/components/schemas/Tags'\n    ItemPatch:\n",
                    "          $ref: '#/components/schemas/Attributes'\n    ItemPatch:\n");

            assertThat(guard(withoutTags))
                    .containsExactly(
                            "POST /v1/items: request body application/json: request field tags removed (clients that send it get a 400)");
        }

        @Test
        void removedOrRenamedEnumValue() throws IOException {
            String withOrder = edit(current, """
                            - name: cursor
                              in: query
                    """, """
                            - name: order
                              in: query
                              required: false
                              schema:
                                type: string
                                enum: [newest, oldest]
                            - name: cursor
                              in: query
                    """);
            Files.writeString(scratch.resolve("released.yaml"), withOrder);

            assertThat(guard(
                            Files.readString(scratch.resolve("released.yaml")),
                            edit(withOrder, "enum: [newest, oldest]", "enum: [newest, oldest-first]")))
                    .containsExactly(
                            "GET /v1/items: query parameter order: enum lost [oldest] and gained [oldest-first]");
            assertThat(guard(edit(current, "enum: [404]", "enum: [410]")))
                    .allMatch(line -> line.contains(
                            "response 404 application/problem+json .status: enum lost [404] and gained [410]"))
                    .hasSize(4); // the three item routes with a 404, and GET /v1/imports/{importId}
        }

        @Test
        void narrowedType() throws IOException {
            assertThat(guard(edit(current, """
                            version:
                              type: integer
                              format: int64
                    """, """
                            version:
                              type: string
                              format: int64
                    """)))
                    .contains(
                            "GET /v1/items/{itemId}: response 200 application/json .version: type changed from integer to string");
            assertThat(guard(edit(
                            current,
                            "      minLength: 1\n      maxLength: 200\n",
                            "      minLength: 1\n      maxLength: 100\n")))
                    .containsExactlyInAnyOrder(
                            "POST /v1/items: request body application/json .name: maxLength changed from 200 to 100",
                            "PATCH /v1/items/{itemId}: request body application/merge-patch+json .name: maxLength changed from 200 to 100");
            assertThat(guard(edit(
                            current,
                            "            minimum: 1\n            maximum: 100\n",
                            "            minimum: 1\n            maximum: 50\n")))
                    .containsExactly("GET /v1/items: query parameter limit: range changed from [1, 100] to [1, 50]");
            assertThat(guard(edit(current, "          type: [array, 'null']", "          type: array")))
                    .containsExactly(
                            "PATCH /v1/items/{itemId}: request body application/merge-patch+json .tags: no longer accepts null");
        }

        @Test
        void optionalInputMadeRequired() throws IOException {
            assertThat(guard(edit(
                            current,
                            "        - name: limit\n          in: query\n          required: false\n",
                            "        - name: limit\n          in: query\n          required: true\n")))
                    .containsExactly("GET /v1/items: query parameter limit became required");
            assertThat(guard(edit(current, "      required: [name]\n", "      required: [name, tags]\n")))
                    .containsExactly("POST /v1/items: request body application/json: required gained [tags]");
            assertThat(guard(edit(
                            current,
                            "      name: If-Match\n      in: header\n      required: false\n",
                            "      name: If-Match\n      in: header\n      required: true\n")))
                    .containsExactlyInAnyOrder(
                            "PATCH /v1/items/{itemId}: header parameter If-Match became required",
                            "DELETE /v1/items/{itemId}: header parameter If-Match became required");
        }

        @Test
        void removedResponseOrHeader() throws IOException {
            String withoutEtagOnGet = edit(
                    current,
                    "          description: The item; its `ETag` is its version.\n          headers:\n"
                            + "            ETag:\n              $ref: '#/components/headers/ETag'\n",
                    "          description: The item; its `ETag` is its version.\n          headers:\n");

            assertThat(guard(withoutEtagOnGet))
                    .containsExactly("GET /v1/items/{itemId}: response 200: header ETag removed");
        }
    }

    @Test
    void passesAnAdditiveEdit() throws IOException {
        String withMore = edit(
                current,
                "        createdAt:\n          type: string\n          format: date-time\n",
                "        description:\n          type: string\n          maxLength: 2000\n"
                        + "        createdAt:\n          type: string\n          format: date-time\n");
        withMore = editWithin(
                withMore,
                "operationId: listItems\n",
                "        '500':\n",
                "        '504':\n" + "          $ref: '#/components/responses/ServiceUnavailable'\n        '500':\n");
        withMore = edit(withMore, "\ncomponents:\n", """

                  /v1/items/{itemId}/history:
                    parameters:
                      - $ref: '#/components/parameters/ItemId'
                    get:
                      operationId: getItemHistory
                      responses:
                        '404':
                          $ref: '#/components/responses/NotFound'
                components:
                """);

        assertThat(guard(withMore)).isEmpty();
    }

    private List<String> guard(String edited) throws IOException {
        return guard(current, edited);
    }

    /** Runs the guard on files, as the build does, with the edited copy in a scratch folder. */
    private List<String> guard(String released, String edited) throws IOException {
        Path releasedCopy = Files.writeString(scratch.resolve("openapi.v1.released.yaml"), released);
        Path scratchCopy = Files.writeString(scratch.resolve("openapi.yaml"), edited);
        return BreakingChanges.between(Files.readString(releasedCopy), Files.readString(scratchCopy));
    }

    /**
     * Replaces the first {@code from} after {@code operation}, a marker that must occur exactly once: an edit scoped to
     * one operation stays unique however many operations the contract gains.
     */
    private static String editWithin(String document, String operation, String from, String to) {
        int start = document.indexOf(operation);
        assertThat(start).as("scratch edit operation not found:\n%s", operation).isNotNegative();
        assertThat(document.indexOf(operation, start + 1))
                .as("scratch edit operation not unique:\n%s", operation)
                .isNegative();
        int at = document.indexOf(from, start);
        assertThat(at)
                .as("scratch edit target not found after %s:\n%s", operation, from)
                .isNotNegative();
        return document.substring(0, at) + to + document.substring(at + from.length());
    }

    /** Replaces text that must occur exactly once, so that an edit can never silently do nothing. */
    private static String edit(String document, String from, String to) {
        int first = document.indexOf(from);
        assertThat(first).as("scratch edit target not found:\n%s", from).isNotNegative();
        assertThat(document.indexOf(from, first + 1))
                .as("scratch edit target not unique:\n%s", from)
                .isNegative();
        return document.replace(from, to);
    }
}
