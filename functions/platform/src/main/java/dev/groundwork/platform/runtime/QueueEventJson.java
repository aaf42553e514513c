package dev.groundwork.platform.runtime;

import static dev.groundwork.platform.runtime.EventValues.bytes;
import static dev.groundwork.platform.runtime.EventValues.list;
import static dev.groundwork.platform.runtime.EventValues.map;
import static dev.groundwork.platform.runtime.EventValues.members;
import static dev.groundwork.platform.runtime.EventValues.object;
import static dev.groundwork.platform.runtime.EventValues.skip;
import static dev.groundwork.platform.runtime.EventValues.text;
import static dev.groundwork.platform.runtime.EventValues.textList;
import static dev.groundwork.platform.runtime.EventValues.textMap;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

/**
 * A batch of SQS messages read, and the batch's partial failures written, with Jackson's stream: every member of the
 * events library's {@code SQSEvent}, by the names Lambda writes
 * (https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html); members it does not know are passed over, as the
 * runtime's serializer does.
 */
final class QueueEventJson {
    private QueueEventJson() {}

    static SQSEvent read(JsonParser event) throws IOException {
        return object(
                event,
                SQSEvent::new,
                (json, into) -> members(json, name -> {
                    if (name.equals("records")) {
                        into.setRecords(list(json, QueueEventJson::message));
                    } else {
                        skip(json);
                    }
                }));
    }

    private static SQSEvent.SQSMessage message(JsonParser event) throws IOException {
        return object(
                event,
                SQSEvent.SQSMessage::new,
                (json, into) -> members(json, name -> {
                    switch (name) {
                        case "messageid" -> into.setMessageId(text(json));
                        case "receipthandle" -> into.setReceiptHandle(text(json));
                        case "body" -> into.setBody(text(json));
                        case "md5ofbody" -> into.setMd5OfBody(text(json));
                        case "md5ofmessageattributes" -> into.setMd5OfMessageAttributes(text(json));
                        case "eventsourcearn" -> into.setEventSourceArn(text(json));
                        case "eventsource" -> into.setEventSource(text(json));
                        case "awsregion" -> into.setAwsRegion(text(json));
                        case "attributes" -> into.setAttributes(textMap(json));
                        case "messageattributes" -> into.setMessageAttributes(map(json, QueueEventJson::attribute));
                        default -> skip(json);
                    }
                }));
    }

    private static SQSEvent.MessageAttribute attribute(JsonParser event) throws IOException {
        return object(
                event,
                SQSEvent.MessageAttribute::new,
                (json, into) -> members(json, name -> {
                    switch (name) {
                        case "stringvalue" -> into.setStringValue(text(json));
                        case "binaryvalue" -> into.setBinaryValue(bytes(json));
                        case "stringlistvalues" -> into.setStringListValues(textList(json));
                        case "binarylistvalues" -> into.setBinaryListValues(list(json, EventValues::bytes));
                        case "datatype" -> into.setDataType(text(json));
                        default -> skip(json);
                    }
                }));
    }

    /** The answer as the runtime's serializer writes it: absent members left out. */
    static void write(SQSBatchResponse answer, JsonGenerator json) throws IOException {
        if (answer == null) {
            json.writeNull();
            return;
        }
        json.writeStartObject();
        if (answer.getBatchItemFailures() != null) {
            json.writeArrayFieldStart("batchItemFailures");
            for (SQSBatchResponse.BatchItemFailure failure : answer.getBatchItemFailures()) {
                if (failure == null) {
                    json.writeNull();
                    continue;
                }
                json.writeStartObject();
                if (failure.getItemIdentifier() != null) {
                    json.writeStringField("itemIdentifier", failure.getItemIdentifier());
                }
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        json.writeEndObject();
    }
}
