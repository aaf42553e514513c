/** AWS JSON 1.0 over HTTP on the JDK's built-in server: request ids, checksums and AWS's error bodies. */
package dev.groundwork.dynamodb.http;
