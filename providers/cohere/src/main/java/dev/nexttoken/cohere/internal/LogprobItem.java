package dev.nexttoken.cohere.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Cohere's {@code LogprobItem}: one text chunk that may span several token ids; {@code logprobs[i]}
 * belongs to {@code tokenIds[i]}. Only {@code token_ids} is reliably present (the spec contradicts
 * itself about the rest), so the others may be null.
 */
public record LogprobItem(String text, @JsonProperty("token_ids") List<Integer> tokenIds, List<Double> logprobs) {}
