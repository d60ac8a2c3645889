/**
 * llama-server's wire format, not part of the API: request and response DTOs as records, and the
 * mappers between them and the neutral types. Probability values pass through
 * {@link dev.nexttoken.logprob.Logprobs} only ({@code LogprobMapper}).
 */
package dev.nexttoken.llamacpp.internal;
