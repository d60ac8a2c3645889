/**
 * Ollama's native wire format and its mapping to the neutral types: request bodies for
 * {@code /api/chat} and {@code /api/generate} (messages with images and tool calls, tools, format,
 * think), the response object (one a line when streamed), tool calls, logprob entries and their
 * split between reasoning and answer, and the stream's mapper. Not API: anything here may change in
 * any release.
 */
package dev.nexttoken.ollama.internal;
