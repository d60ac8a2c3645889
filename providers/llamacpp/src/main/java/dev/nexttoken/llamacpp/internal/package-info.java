/**
 * llama-server's own wire format, not part of the API: request and response DTOs as records, and the
 * mappers between them and the neutral types. Chat ({@code /v1/chat/completions}) is OpenAI's wire,
 * written once in {@code dev.nexttoken.wire.openai} and spoken here in its llama.cpp dialect. Probability values pass through
 * {@link dev.nexttoken.logprob.Logprobs} only ({@code LogprobMapper}).
 */
package dev.nexttoken.llamacpp.internal;
