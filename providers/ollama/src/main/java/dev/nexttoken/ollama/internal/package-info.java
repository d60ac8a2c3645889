/**
 * Ollama's native wire format and its mapping to the neutral types: request bodies for
 * {@code /api/chat} and {@code /api/generate}, the response object (one a line when streamed), logprob
 * entries, and the stream's mapper. Not API: anything here may change in any release.
 */
package dev.nexttoken.ollama.internal;
